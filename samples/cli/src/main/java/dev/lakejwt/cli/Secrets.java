package dev.lakejwt.cli;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secrets one run of the command line has seen (the PAT, the passphrase, a token given to verify),
 * and the scrubbing of any text that goes to stderr: those values, anything shaped like a compact JWS
 * (a base64url JSON header, two dots) and any PEM block are replaced by {@link #MASK}.
 *
 * <p>Easy to get wrong: a secret must be {@link #add added} as soon as it is read, before anything that
 * could fail with a message quoting it. A secret shorter than {@value #SHORT} characters (a token PIN
 * such as {@code 1234}) is masked only where it stands alone, not inside a longer run of letters and
 * digits, so that it does not cut slot numbers and file names to pieces.
 */
final class Secrets {
    static final String MASK = "<redacted>";
    static final int SHORT = 8;
    /** A compact JWS: its header is base64url JSON, so it starts with {@code eyJ} (unlike a host name). */
    private static final Pattern COMPACT_JWS =
            Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*");
    /** A PEM block with a body (optional {@code Proc-Type}-style headers, then base64); not a bare BEGIN line. */
    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN [A-Z0-9 ]+-----\\s*(?:[A-Za-z-]+:[^\\n]*\\n)*\\s*[A-Za-z0-9+/=]{16,}.*?(?:-----END [A-Z0-9 ]+-----|$)",
            Pattern.DOTALL);

    private final Set<String> values = new CopyOnWriteArraySet<>();

    /** Remembers a secret; null and blank values are ignored. */
    void add(String secret) {
        if (secret != null && !secret.isBlank()) {
            values.add(secret);
            if (!secret.equals(secret.trim())) {
                values.add(secret.trim());
            }
        }
    }

    void add(char[] secret) {
        if (secret != null) {
            add(new String(secret));
        }
    }

    /** {@code text} with every known secret, every compact JWS and every PEM block masked. */
    String scrub(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        List<String> longestFirst = values.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String secret : longestFirst) {
            out = secret.length() >= SHORT ? out.replace(secret, MASK)
                    : out.replaceAll("(?<![A-Za-z0-9])" + Pattern.quote(secret) + "(?![A-Za-z0-9])",
                            Matcher.quoteReplacement(MASK));
        }
        out = PEM_BLOCK.matcher(out).replaceAll(MASK);
        return COMPACT_JWS.matcher(out).replaceAll(MASK);
    }
}
