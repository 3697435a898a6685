package dev.lakejwt.core.claims;

import dev.lakejwt.core.ClaimsException;
import dev.lakejwt.core.internal.Redact;

/**
 * Who the token speaks for: the Lake user ({@code sub}), that user's Personal Access Token
 * ({@code pat}) and the organization id ({@code org_id}).
 *
 * <p>Easy to get wrong: a PAT belongs to one user <em>and</em> one environment; the user here must
 * be the one who created both the PAT and the key, or Lake refuses the token. {@link #toString()}
 * masks the PAT.
 *
 * @param user  the Lake (database) user name
 * @param pat   the Personal Access Token, shown once by the console
 * @param orgId the organization id
 */
public record LakeCredentials(String user, String pat, String orgId) {
    public LakeCredentials {
        if (user == null || user.isBlank()) {
            throw new ClaimsException("the Lake user (claim 'sub') is missing: set LAKE_USER");
        }
        if (pat == null || pat.isBlank()) {
            throw new ClaimsException("the Personal Access Token (claim 'pat') is missing: set LAKE_PAT");
        }
        if (orgId == null || orgId.isBlank()) {
            throw new ClaimsException("the organization id (claim 'org_id') is missing: set LAKE_ORG_ID");
        }
    }

    @Override
    public String toString() {
        return "LakeCredentials[user=" + user + ", pat=" + Redact.MASK + ", orgId=" + orgId + "]";
    }
}
