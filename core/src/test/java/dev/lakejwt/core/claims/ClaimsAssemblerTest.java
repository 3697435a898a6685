package dev.lakejwt.core.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakejwt.core.ClaimsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ClaimsAssemblerTest {
    private static final LakeCredentials CREDS = new LakeCredentials("demo_user", "the-pat", "org-1");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00.900Z"), ZoneOffset.UTC);

    @Test
    void stampsIatFromTheClockAndExpFromTheLifetime() {
        LakeClaims claims = ClaimsAssembler.builder().clock(CLOCK).lifetime(Duration.ofMinutes(10)).build()
                .assemble(CREDS);

        assertThat(claims.issuedAt()).isEqualTo(Instant.parse("2026-11-29T10:00:00Z").getEpochSecond());
        assertThat(claims.expiresAt()).isEqualTo(claims.issuedAt() + 600);
        assertThat(claims.subject()).isEqualTo("demo_user");
        assertThat(claims.pat()).isEqualTo("the-pat");
        assertThat(claims.orgId()).isEqualTo("org-1");
    }

    @Test
    void defaultsAreOneHourAndLakesIssuer() {
        LakeClaims claims = ClaimsAssembler.builder().clock(CLOCK).build().assemble(CREDS);

        assertThat(claims.lifetime()).isEqualTo(Duration.ofHours(1));
        assertThat(claims.issuer()).isEqualTo("wiki");
        assertThat(claims.audience()).containsExactly("td:service:authentication");
        assertThat(claims.multiUse()).isTrue();
    }

    @Test
    void policyCarriesIssuerAndExtraClaimsInOrder() {
        LakeClaims claims = ClaimsAssembler.builder().clock(CLOCK).issuer("tdmodelops").claim("b", 1).claim("a", "x")
                .build().assemble(CREDS);

        assertThat(claims.issuer()).isEqualTo("tdmodelops");
        assertThat(claims.extraClaims().keySet()).containsExactly("b", "a");
    }

    @Test
    void lifetimeMustBeOneSecondToTwelveHours() {
        assertThat(ClaimsAssembler.builder().lifetime(Duration.ofHours(12)).build().lifetime()).hasHours(12);
        assertThat(ClaimsAssembler.builder().lifetime(Duration.ofSeconds(1)).build().lifetime()).hasSeconds(1);
        assertThatThrownBy(() -> ClaimsAssembler.builder().lifetime(Duration.ZERO).build())
                .isInstanceOf(ClaimsException.class).hasMessageContaining("too short");
        assertThatThrownBy(() -> ClaimsAssembler.builder().lifetime(Duration.ofSeconds(-5)).build())
                .isInstanceOf(ClaimsException.class).hasMessageContaining("too short");
        assertThatThrownBy(() -> ClaimsAssembler.builder().lifetime(Duration.ofHours(12).plusSeconds(1)).build())
                .isInstanceOf(ClaimsException.class).hasMessageContaining("longer than 12 h")
                .hasMessageContaining("LAKE_TOKEN_TTL");
    }

    @Test
    void reservedExtraClaimIsRefusedWhenThePolicyIsBuilt() {
        assertThatThrownBy(() -> ClaimsAssembler.builder().claim("sub", "x").build())
                .isInstanceOf(ClaimsException.class).hasMessageContaining("'sub' is reserved");
    }
}
