package dev.lakejwt.core.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakejwt.core.ClaimsException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LakeClaimsTest {
    static final String PAT = "pat-0123456789-secret";

    static LakeClaims.Builder valid() {
        return LakeClaims.builder().issuedAt(1_700_000_000L).expiresAt(1_700_003_600L)
                .orgId("org-1").pat(PAT).subject("demo_user");
    }

    @Test
    void defaultsAreLakes() {
        LakeClaims claims = valid().build();

        assertThat(claims.audience()).containsExactly("td:service:authentication");
        assertThat(claims.issuer()).isEqualTo("wiki");
        assertThat(claims.multiUse()).isTrue();
        assertThat(claims.extraClaims()).isEmpty();
        assertThat(claims.lifetime()).hasSeconds(3600);
    }

    @Test
    void asMapIsInLakesOrderWithJsonTypes() {
        Map<String, Object> map = valid().claim("tenant", "t1").claim("zeta", 3).build().asMap();

        assertThat(map.keySet()).containsExactly("aud", "iat", "exp", "iss", "org_id", "multi-use", "pat", "sub",
                "tenant", "zeta");
        assertThat(map.get("aud")).isEqualTo(List.of("td:service:authentication"));
        assertThat(map.get("iat")).isEqualTo(1_700_000_000L);
        assertThat(map.get("multi-use")).isEqualTo(Boolean.TRUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"aud", "iat", "exp", "iss", "org_id", "multi-use", "pat", "sub"})
    void reservedNamesAreRefusedAsExtraClaims(String name) {
        assertThatThrownBy(() -> valid().claim(name, "x").build())
                .isInstanceOf(ClaimsException.class)
                .hasMessageContaining("'" + name + "' is reserved");
    }

    @Test
    void extraClaimValuesMustBeJson() {
        assertThatThrownBy(() -> valid().claim("when", new java.util.Date()).build())
                .isInstanceOf(ClaimsException.class).hasMessageContaining("'when' is not a JSON value");
        assertThatThrownBy(() -> valid().claim("nan", Double.NaN).build())
                .isInstanceOf(ClaimsException.class);
    }

    @Test
    void requiredClaimsAreNamedWhenMissing() {
        assertThatThrownBy(() -> valid().subject(" ").build())
                .isInstanceOf(ClaimsException.class).hasMessageContaining("claim 'sub' is missing")
                .hasMessageContaining("LAKE_USER");
        assertThatThrownBy(() -> valid().pat(null).build())
                .isInstanceOf(ClaimsException.class).hasMessageContaining("claim 'pat' is missing");
        assertThatThrownBy(() -> valid().orgId("").build())
                .isInstanceOf(ClaimsException.class).hasMessageContaining("claim 'org_id' is missing");
        assertThatThrownBy(() -> valid().audience(List.of()).build())
                .isInstanceOf(ClaimsException.class).hasMessageContaining("claim 'aud'");
    }

    @Test
    void expMustFollowIat() {
        assertThatThrownBy(() -> valid().expiresAt(1_700_000_000L).build())
                .isInstanceOf(ClaimsException.class).hasMessageContaining("'exp' must be after 'iat'");
    }

    @Test
    void toStringMasksThePat() {
        String text = valid().build().toString();

        assertThat(text).doesNotContain(PAT).contains("pat=<redacted>").contains("sub=demo_user");
        assertThat(new LakeCredentials("u", PAT, "o").toString()).doesNotContain(PAT);
    }

    @Test
    void claimsAreImmutableCopies() {
        var aud = new java.util.ArrayList<>(List.of("a"));
        LakeClaims claims = valid().audience(aud).build();
        aud.add("b");

        assertThat(claims.audience()).containsExactly("a");
        assertThatThrownBy(() -> claims.extraClaims().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(claims.toBuilder().build()).isEqualTo(claims);
    }
}
