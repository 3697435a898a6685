package dev.lakejwt.core;

/**
 * Thrown when a claim set cannot be built: a required claim ({@code sub}, {@code pat},
 * {@code org_id}) is blank, an extra claim uses a reserved name, or the token lifetime is not
 * between one second and twelve hours.
 *
 * <p>Easy to get wrong: the message names the claim, never its value, because the value may be the PAT.
 */
public class ClaimsException extends LakeJwtException {
    private static final long serialVersionUID = 1L;

    public ClaimsException(String message) {
        super(message);
    }
}
