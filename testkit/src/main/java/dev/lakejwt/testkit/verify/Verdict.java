package dev.lakejwt.testkit.verify;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of verifying one token: accepted, or rejected for exactly one {@link RejectionReason}
 * with a message saying what was wrong and how to fix it; plus the decoded header and claims when
 * the token could be decoded at all.
 *
 * <p>Easy to get wrong: {@link #claims()} holds the PAT in clear for assertions; print the verdict
 * itself, {@link #message()} or {@link #maskedClaims()}, which never contain the PAT or the token.
 */
public final class Verdict {
    private final RejectionReason reason;
    private final String message;
    private final DecodedToken token;

    private Verdict(RejectionReason reason, String message, DecodedToken token) {
        this.reason = reason;
        this.message = Objects.requireNonNull(message, "message");
        this.token = token;
    }

    static Verdict accepted(DecodedToken token, String message) {
        return new Verdict(null, message, Objects.requireNonNull(token, "token"));
    }

    static Verdict rejected(RejectionReason reason, String message, DecodedToken tokenOrNull) {
        return new Verdict(Objects.requireNonNull(reason, "reason"), message, tokenOrNull);
    }

    public boolean accepted() {
        return reason == null;
    }

    public boolean rejected() {
        return reason != null;
    }

    /** Why the token was refused; empty when it was accepted. */
    public Optional<RejectionReason> reason() {
        return Optional.ofNullable(reason);
    }

    /** What was checked or what failed, with the fix; never the PAT or the token. */
    public String message() {
        return message;
    }

    /** The decoded token; empty when it could not be decoded (no header, not a JWS, bad JSON). */
    public Optional<DecodedToken> token() {
        return Optional.ofNullable(token);
    }

    /** The decoded header, or an empty map. */
    public Map<String, Object> header() {
        return token == null ? Map.of() : token.header();
    }

    /** The decoded claims with the PAT in clear, or an empty map. */
    public Map<String, Object> claims() {
        return token == null ? Map.of() : token.claims();
    }

    /** The decoded claims with the PAT masked, or an empty map. */
    public Map<String, Object> maskedClaims() {
        return token == null ? Map.of() : token.maskedClaims();
    }

    /** {@code sub} if the token could be decoded and has one. */
    public Optional<String> subject() {
        return token == null ? Optional.empty() : token.subject();
    }

    /** The short text of the verdict: {@code accepted} or the reason's code. */
    public String code() {
        return reason == null ? "ACCEPTED" : reason.name();
    }

    @Override
    public String toString() {
        return "Verdict[" + code() + ": " + message + (token == null ? "" : ", header=" + token.header()
                + ", claims=" + token.maskedClaims()) + "]";
    }
}
