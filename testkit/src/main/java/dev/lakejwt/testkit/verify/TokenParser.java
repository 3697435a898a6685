package dev.lakejwt.testkit.verify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Splits a compact JWS into its decoded parts, or says exactly which part is malformed. */
final class TokenParser {
    /** Lake-sized tokens are under 1 KiB; anything over 16 KiB is refused unread. */
    static final int MAX_TOKEN_CHARS = 16 * 1024;
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final String[] PART_NAMES = {"header", "payload", "signature"};

    private TokenParser() {
    }

    /** Either a token, or a reason with a message; never both. */
    record Result(DecodedToken token, RejectionReason reason, String message) {
        static Result fail(RejectionReason reason, String message) {
            return new Result(null, reason, message);
        }
    }

    static Result parse(String compact) {
        if (compact == null || compact.isEmpty()) {
            return Result.fail(RejectionReason.MALFORMED_TOKEN, "the token is empty");
        }
        if (compact.length() > MAX_TOKEN_CHARS) {
            return Result.fail(RejectionReason.TOKEN_TOO_LARGE, "the token has " + compact.length()
                    + " characters; the limit is " + MAX_TOKEN_CHARS + " (a Lake token is well under 1 KiB)");
        }
        String[] parts = compact.split("\\.", -1);
        if (parts.length != 3) {
            return Result.fail(RejectionReason.MALFORMED_TOKEN, "the token has " + parts.length
                    + " dot-separated part" + (parts.length == 1 ? "" : "s") + "; a compact JWS has three: "
                    + "header.payload.signature");
        }
        byte[][] decoded = new byte[3][];
        for (int i = 0; i < 3; i++) {
            String part = parts[i];
            if (part.isEmpty() && i < 2) {
                return Result.fail(RejectionReason.MALFORMED_TOKEN, "the " + PART_NAMES[i] + " part is empty");
            }
            for (int c = 0; c < part.length(); c++) {
                char ch = part.charAt(c);
                if (!isBase64UrlChar(ch)) {
                    return Result.fail(RejectionReason.MALFORMED_TOKEN, "the " + PART_NAMES[i] + " part has a "
                            + describe(ch) + " at position " + c + "; base64url allows A-Z a-z 0-9 - _ and no padding");
                }
            }
            try {
                decoded[i] = DECODER.decode(part);
            } catch (IllegalArgumentException e) {
                return Result.fail(RejectionReason.MALFORMED_TOKEN, "the " + PART_NAMES[i] + " part is not valid "
                        + "base64url (its length " + part.length() + " leaves a single dangling character)");
            }
            if (!ENCODER.encodeToString(decoded[i]).equals(part)) {
                return Result.fail(RejectionReason.MALFORMED_TOKEN, "the " + PART_NAMES[i] + " part is not canonical "
                        + "base64url (its last character has stray low bits)");
            }
        }
        ObjectNode header;
        ObjectNode claims;
        try {
            header = TokenJson.readObject(decoded[0], "the header");
            claims = TokenJson.readObject(decoded[1], "the payload");
        } catch (TokenJson.MalformedPartException e) {
            return Result.fail(RejectionReason.MALFORMED_JSON, e.getMessage());
        }
        byte[] signingInput = (parts[0] + '.' + parts[1]).getBytes(StandardCharsets.US_ASCII);
        return new Result(new DecodedToken(decoded[0], decoded[1], header, claims, signingInput, decoded[2]), null, null);
    }

    private static boolean isBase64UrlChar(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }

    private static String describe(char c) {
        if (c == '=') {
            return "padding '='";
        }
        if (c == '+' || c == '/') {
            return "'" + c + "' (standard base64, not base64url)";
        }
        if (c < 0x20 || c > 0x7e) {
            return String.format("character U+%04X", (int) c);
        }
        return c == ' ' ? "space" : "'" + c + "'";
    }
}
