package dev.lakejwt.jjwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jsonwebtoken.io.Encoders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The stream encoder the jjwt signer plugs into {@code JwtBuilder.b64Url}: the same bytes as jjwt's own. */
class JdkBase64UrlStreamEncoderTest {

    @Test
    void encodesEveryLengthAsJjwtsOwnBase64UrlDoes() throws IOException {
        Random random = new Random(42);
        for (int length = 0; length <= 1100; length += 1 + length / 8) {
            byte[] part = new byte[length];
            random.nextBytes(part);
            ByteArrayOutputStream target = new ByteArrayOutputStream();
            try (OutputStream out = JdkBase64UrlStreamEncoder.INSTANCE.encode(target)) {
                out.write(part, 0, length / 2);
                for (int i = length / 2; i < length; i++) {
                    out.write(part[i]);
                }
            }

            assertThat(target.toString(StandardCharsets.US_ASCII)).as("%d bytes", length)
                    .isEqualTo(Encoders.BASE64URL.encode(part));
        }
    }

    @Test
    void closingTwiceWritesOnceAndWritingAfterCloseFails() throws IOException {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        OutputStream out = JdkBase64UrlStreamEncoder.INSTANCE.encode(target);
        out.write("{}".getBytes(StandardCharsets.US_ASCII));
        out.close();
        out.close();

        assertThat(target.toString(StandardCharsets.US_ASCII)).isEqualTo("e30");
        assertThatThrownBy(() -> out.write('x')).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }
}
