package dev.lakejwt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakejwt.core.sign.JwtSigners;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
    @Test
    void runsEverySignerAgainstTheFakeShowsDbcInfoAndTheExpiredTokensRejection() {
        Cli.Result run = Cli.run(Map.of(), "demo").succeeded();

        String out = run.out();
        assertThat(out).startsWith("fake Lake at http://127.0.0.1:");
        assertThat(out).contains("signer  token bytes  verdict   rows\n");
        for (String signer : JwtSigners.available()) {
            assertThat(out).containsPattern("(?m)^" + signer + " +\\d{3,4}  ACCEPTED +3$");
        }
        assertThat(out).contains("InfoKey                InfoData\n").contains("VERSION                17.20.03.09\n")
                .contains("(3 rows)\n");
        assertThat(out).contains("negative case: a token that expired an hour ago")
                .contains("the fake Lake answered 401: token rejected (EXPIRED)").contains("verdict: EXPIRED\n");
        assertThat(out).contains("ok: every signer's token was accepted (" + String.join(", ", JwtSigners.available()));
        assertThat(run.err()).isEmpty();
        assertThat(out).doesNotContain("fakepat_").doesNotContain("eyJ").doesNotContain("BEGIN");
    }

    @Test
    void needsNoEnvironmentAtAll() {
        Cli.Result run = Cli.run(Map.of("LAKE_URL", "http://127.0.0.1:1", "LAKE_PAT", "ignored"), "demo").succeeded();

        assertThat(run.out().lines().filter(l -> l.contains("ACCEPTED")).toList()).hasSize(JwtSigners.available().size());
        assertThat(List.of(run.out(), run.err())).noneMatch(s -> s.contains("127.0.0.1:1 "));
    }
}
