package dev.lakejwt.testkit.softhsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixture against the real SoftHSM, through the JDK's SunPKCS11 provider as lakejwt uses it. */
class SoftHsmTest {
    @TempDir
    Path dir;

    @Test
    void everyTokenHasItsOwnSlotTheUserPinAndNoObjectsAndOneSlotStaysFree() throws Exception {
        SoftHsm hsm = SoftHsm.get();

        assertThat(SoftHsm.get()).as("one set of tokens per JVM").isSameAs(hsm);
        assertThat(hsm.slot()).isEqualTo(hsm.slot(SoftHsm.MAIN_TOKEN));
        assertThat(hsm.slot(SoftHsm.MAIN_TOKEN)).isNotEqualTo(hsm.slot(SoftHsm.LOGIN_TOKEN));
        assertThat(hsm.freeSlot()).isNotIn(hsm.slot(SoftHsm.MAIN_TOKEN), hsm.slot(SoftHsm.LOGIN_TOKEN));
        assertThat(hsm.library()).isRegularFile();
        assertThat(hsm.tokenDir()).isDirectory().startsWith(Path.of(System.getenv("SOFTHSM2_CONF")).getParent());
        assertThat(hsm.storedObjects()).as("a record per token, no keys yet").isEqualTo(SoftHsm.TOKENS.size());
        KeyStore store = KeyStore.getInstance("PKCS11", provider("main", hsm.slot()));
        store.load(null, SoftHsm.pin());
        assertThat(Collections.list(store.aliases())).isEmpty();
    }

    @Test
    void theLoginTokenRefusesAWrongPinBecauseNothingLoggedIntoItBefore() throws Exception {
        SoftHsm hsm = SoftHsm.get();
        KeyStore store = KeyStore.getInstance("PKCS11", provider("login", hsm.slot(SoftHsm.LOGIN_TOKEN)));

        assertThatThrownBy(() -> store.load(null, "not-the-pin".toCharArray()))
                .hasStackTraceContaining("CKR_PIN_INCORRECT");
        store.load(null, SoftHsm.pin());
    }

    @Test
    void writesAConfigurationFileThatSunPkcs11Reads() throws Exception {
        SoftHsm hsm = SoftHsm.get();

        Path file = hsm.writeConfig(dir.resolve("token.cfg"), SoftHsm.MAIN_TOKEN, "from-file");
        Provider provider = Security.getProvider("SunPKCS11").configure(file.toString());

        assertThat(Files.readString(file)).contains("slot = " + hsm.slot());
        assertThat(provider.getName()).isEqualTo("SunPKCS11-from-file");
        KeyStore.getInstance("PKCS11", provider).load(null, SoftHsm.pin());
        assertThatThrownBy(() -> hsm.writeConfig(dir.resolve("x.cfg"), "other", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[main, login]");
        assertThatThrownBy(() -> hsm.writeConfig(dir.resolve("x.cfg"), SoftHsm.MAIN_TOKEN, "a b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Provider provider(String name, long slot) {
        return Security.getProvider("SunPKCS11").configure("--name = " + name + "\nlibrary = "
                + SoftHsm.get().library() + "\nslot = " + slot + "\n");
    }
}
