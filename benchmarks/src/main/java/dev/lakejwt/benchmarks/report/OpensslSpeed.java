package dev.lakejwt.benchmarks.report;

import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads signatures per second from the summary table {@code openssl speed} prints, the machine's
 * native reference: the {@code rsa 2048 bits} row of {@code openssl speed rsa2048} and the
 * {@code 256 bits ecdsa (nistp256)} row of {@code openssl speed ecdsap256}.
 *
 * <p>Easy to get wrong: each row has two times and then two rates; the first rate is {@code sign/s}
 * (the second, far larger, is {@code verify/s}).
 */
public final class OpensslSpeed {
    private static final Pattern RSA_2048 = Pattern.compile(
            "^rsa\\s+2048 bits\\s+\\S+s\\s+\\S+s\\s+([0-9.]+)\\s+[0-9.]+\\s*$", Pattern.MULTILINE);
    private static final Pattern ECDSA_P256 = Pattern.compile(
            "^\\s*256 bits ecdsa \\(nistp256\\)\\s+\\S+s\\s+\\S+s\\s+([0-9.]+)\\s+[0-9.]+\\s*$", Pattern.MULTILINE);

    private OpensslSpeed() {
    }

    /** RSA-2048 signatures per second from {@code openssl speed rsa2048} output, if its summary row is there. */
    public static OptionalDouble rsa2048Signs(String output) {
        return first(RSA_2048, output);
    }

    /** ECDSA P-256 signatures per second from {@code openssl speed ecdsap256} output, if its summary row is there. */
    public static OptionalDouble ecdsaP256Signs(String output) {
        return first(ECDSA_P256, output);
    }

    private static OptionalDouble first(Pattern row, String output) {
        Matcher m = row.matcher(output == null ? "" : output);
        return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
    }
}
