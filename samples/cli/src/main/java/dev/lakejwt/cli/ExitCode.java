package dev.lakejwt.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** The exit codes of every {@code lakejwt} command. */
final class ExitCode {
    /** The command did what was asked. */
    static final int OK = 0;
    /** Lake (or the fake) refused or failed the call, or a token did not verify. */
    static final int FAILURE = 1;
    /** The command line or an input (flag, variable, file) is wrong; nothing was sent anywhere. */
    static final int INPUT = 2;

    /** The exit code list shown in every command's {@code --help}, in order. */
    static Map<String, String> descriptions() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put(String.valueOf(OK), "success");
        codes.put(String.valueOf(FAILURE), "API or verification failure (Lake refused or failed the call, "
                + "a token did not verify)");
        codes.put(String.valueOf(INPUT), "usage or input error (a flag, variable or file is wrong)");
        return codes;
    }

    private ExitCode() {
    }
}
