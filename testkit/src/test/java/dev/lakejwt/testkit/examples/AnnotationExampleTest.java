package dev.lakejwt.testkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakejwt.core.client.LakeClient;
import dev.lakejwt.core.client.QueryResult;
import dev.lakejwt.core.config.LakeConfig;
import dev.lakejwt.testkit.junit.WithFakeLake;
import org.junit.jupiter.api.Test;

/** docs/testkit.md's first example, verbatim: a downstream client tested in three lines. */
@WithFakeLake
class AnnotationExampleTest {
    @Test
    void readsDbcInfo(LakeConfig config) {
        LakeClient lake = config.newClient();
        QueryResult result = lake.query(config.requireSystem(), "SEL * FROM dbc.dbcinfo");
        assertThat(result.first().rows()).hasSize(3);
    }
}
