package dev.lakejwt.core.claims;

import dev.lakejwt.core.ClaimsException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns {@link LakeCredentials} into a fresh {@link LakeClaims}: {@code iat} from the injected
 * {@link Clock}, {@code exp = iat + lifetime}, and the issuer, audience and extra claims of this
 * policy. Immutable and thread-safe; one assembler serves any number of users.
 *
 * <p>Easy to get wrong: times are whole seconds, truncated, so two tokens assembled within the same
 * second carry the same {@code iat}. The lifetime must be 1 s to 12 h (the longest Lake's own docs use).
 */
public final class ClaimsAssembler {
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
    public static final Duration MAX_LIFETIME = Duration.ofHours(12);

    private final Clock clock;
    private final long lifetimeSeconds;
    private final String issuer;
    private final List<String> audience;
    private final boolean multiUse;
    private final Map<String, Object> extraClaims;

    private ClaimsAssembler(Builder b) {
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.lifetimeSeconds = checkLifetime(b.lifetime);
        LakeClaims.requireText(b.issuer, LakeClaims.ISS, "the issuer, e.g. 'wiki'");
        this.issuer = b.issuer;
        this.audience = LakeClaims.checkAudience(b.audience);
        this.multiUse = b.multiUse;
        this.extraClaims = LakeClaims.copyExtra(b.extraClaims);
    }

    /** An assembler with Lake's defaults: system UTC clock, 1 h lifetime, issuer {@code wiki}. */
    public static ClaimsAssembler defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A claim set for these credentials, issued now by this assembler's clock. */
    public LakeClaims assemble(LakeCredentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        long now = clock.instant().getEpochSecond();
        return LakeClaims.builder()
                .audience(audience)
                .issuedAt(now)
                .expiresAt(now + lifetimeSeconds)
                .issuer(issuer)
                .orgId(credentials.orgId())
                .multiUse(multiUse)
                .pat(credentials.pat())
                .subject(credentials.user())
                .extraClaims(extraClaims)
                .build();
    }

    public Clock clock() {
        return clock;
    }

    public Duration lifetime() {
        return Duration.ofSeconds(lifetimeSeconds);
    }

    private static long checkLifetime(Duration lifetime) {
        Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ClaimsException("token lifetime " + lifetime.getSeconds() + " s is too short: give 1 s to 12 h "
                    + "(LAKE_TOKEN_TTL in seconds, default 3600)");
        }
        if (lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new ClaimsException("token lifetime " + lifetime.getSeconds() + " s is longer than 12 h (43200 s), "
                    + "the longest Lake's docs use: lower LAKE_TOKEN_TTL");
        }
        return lifetime.getSeconds();
    }

    /** Configures a {@link ClaimsAssembler}; every setting has Lake's default. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private Duration lifetime = DEFAULT_LIFETIME;
        private String issuer = LakeClaims.DEFAULT_ISSUER;
        private List<String> audience = List.of(LakeClaims.LAKE_AUDIENCE);
        private boolean multiUse = true;
        private final Map<String, Object> extraClaims = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder lifetime(Duration lifetime) {
            this.lifetime = lifetime;
            return this;
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder audience(List<String> audience) {
            this.audience = audience;
            return this;
        }

        public Builder multiUse(boolean multiUse) {
            this.multiUse = multiUse;
            return this;
        }

        public Builder claim(String name, Object value) {
            this.extraClaims.put(name, value);
            return this;
        }

        public ClaimsAssembler build() {
            return new ClaimsAssembler(this);
        }
    }
}
