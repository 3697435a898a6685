package dev.lakejwt.core.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.KeyLoadingException;
import dev.lakejwt.core.claims.LakeClaims;
import dev.lakejwt.core.jdk.JcaSignatures;
import dev.lakejwt.core.jdk.JdkJwtSigner;
import dev.lakejwt.testkit.softhsm.SoftHsm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.RSAPrivateKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Real PKCS#11 against SoftHSM 2: keys generated in a fresh token, used, never exported. */
class Pkcs11TokenTest {
    private static final LakeClaims CLAIMS = LakeClaims.builder().issuedAt(1_700_000_000L).expiresAt(1_700_003_600L)
            .orgId("org-1").pat("pat-SECRET-4711").subject("demo_user").build();
    private static SoftHsm hsm;
    private static Pkcs11Token token;

    @TempDir
    Path dir;

    @BeforeAll
    static void token() {
        hsm = SoftHsm.get();
        token = Pkcs11Token.open(config("main", "lakejwt-test"));
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void generatesAKeyPairInsideTheTokenWhosePrivateKeySignsButCannotBeExported(Algorithm algorithm) throws Exception {
        String label = "gen-" + algorithm;
        char[] pin = SoftHsm.pin();

        PublicKey publicKey = token.generateKeyPair(label, algorithm, pin);
        SigningKey key = token.loadKey(label, SoftHsm.pin());

        assertThat(pin).containsOnly('\0');
        assertThat(key.keyId()).isEqualTo(label);
        assertThat(key.provider()).containsSame(token.provider());
        assertThat(key.publicKey()).get().extracting(PublicKey::getEncoded).isEqualTo(publicKey.getEncoded());
        assertThat(key.privateKey().getEncoded()).isNull();
        assertThat(key.privateKey().getFormat()).isNull();
        assertThat(key.privateKey()).isNotInstanceOf(RSAPrivateKey.class).isNotInstanceOf(ECPrivateKey.class);
        Class<? extends java.security.spec.KeySpec> spec = "EC".equals(algorithm.keyType())
                ? ECPrivateKeySpec.class : RSAPrivateKeySpec.class;
        assertThatThrownBy(() -> KeyFactory.getInstance(algorithm.keyType(), token.provider())
                .getKeySpec(key.privateKey(), spec)).as("the token refuses to reveal the key")
                .isInstanceOf(java.security.spec.InvalidKeySpecException.class);
        if ("EC".equals(algorithm.keyType())) {
            assertThat(publicKey).isInstanceOf(ECPublicKey.class);
        } else {
            assertThat(((RSAPublicKey) publicKey).getModulus().bitLength()).isEqualTo(2048);
        }

        SigningKey withAlgorithm = key.withAlgorithm(algorithm);
        String jwt = new JdkJwtSigner().sign(CLAIMS, withAlgorithm);
        assertThat(verifies(jwt, algorithm, publicKey)).as("signed in the token, verified with the exported public key")
                .isTrue();
    }

    @Test
    void generatedKeysAreTokenObjectsThatAFreshProviderFindsAgain() throws Exception {
        long before = hsm.storedObjects();

        PublicKey publicKey = token.generateKeyPair("persisted", Algorithm.RS256, SoftHsm.pin());

        assertThat(hsm.storedObjects()).as("private key, public key and certificate are on disk").isEqualTo(before + 3);
        Pkcs11Token other = Pkcs11Token.open(config("main", "lakejwt-other"));
        assertThat(other.provider()).isNotSameAs(token.provider());
        SigningKey again = other.loadKey("persisted", SoftHsm.pin());
        assertThat(again.provider()).containsSame(other.provider());
        assertThat(verifies(new JdkJwtSigner().sign(CLAIMS, again), Algorithm.RS256, publicKey)).isTrue();
    }

    @Test
    void theSameConfigurationOpensTheSameToken() {
        assertThat(Pkcs11Token.open(config("main", "lakejwt-test"))).isSameAs(token);
    }

    @Test
    void aLabelThatIsTakenIsNotOverwritten() {
        token.generateKeyPair("taken", Algorithm.ES256, SoftHsm.pin());

        assertThatThrownBy(() -> token.generateKeyPair("taken", Algorithm.RS256, SoftHsm.pin()))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageContaining("already holds a key labelled 'taken'");
        assertThat(token.loadKey("taken", SoftHsm.pin()).algorithm()).isEqualTo(Algorithm.ES256);
    }

    @Test
    void anUnknownLabelNamesTheKeysTheTokenHas() {
        token.generateKeyPair("known", Algorithm.ES256, SoftHsm.pin());

        assertThatThrownBy(() -> token.loadKey("unknown", SoftHsm.pin()))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageContaining("has no entry 'unknown'")
                .hasMessageContaining("known (private key)")
                .hasMessageContaining("--alias")
                .hasMessageContaining("certificate in the token");
    }

    @Test
    void aMissingLabelOrPinIsNamed() {
        assertThatThrownBy(() -> token.loadKey(" ", SoftHsm.pin()))
                .isInstanceOf(KeyLoadingException.class).hasMessageContaining("no alias given").hasMessageContaining("--alias");
        assertThatThrownBy(() -> token.loadKey("known", null))
                .isInstanceOf(KeyLoadingException.class).hasMessageContaining("no PIN given").hasMessageContaining("LAKE_PIN");
        assertThatThrownBy(() -> token.generateKeyPair("", Algorithm.RS256, SoftHsm.pin()))
                .isInstanceOf(KeyLoadingException.class).hasMessageContaining("needs a label");
    }

    @Test
    void aWrongPinIsRejectedWithoutBeingShownAndIsWiped() {
        // The "login" token is logged into by no other test: a PKCS#11 login is process-wide.
        Pkcs11Token fresh = Pkcs11Token.open(config("login", "lakejwt-login"));
        char[] wrong = "wrong-PIN-1234".toCharArray();

        assertThatThrownBy(() -> fresh.loadKey("primary", wrong))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageContaining("wrong PIN")
                .hasMessageContaining("LAKE_PIN")
                .hasMessageNotContaining("wrong-PIN-1234");
        assertThat(wrong).containsOnly('\0');
        assertThatThrownBy(() -> fresh.loadKey("primary", SoftHsm.pin()))
                .as("the right PIN gets past the login to the next problem")
                .isInstanceOf(KeyLoadingException.class).hasMessageContaining("its entries: none");
    }

    @Test
    void aMissingLibraryIsNamed() {
        Path missing = dir.resolve("libmissing-pkcs11.so");

        assertThatThrownBy(() -> Pkcs11Token.open(Pkcs11Config.builder().library(missing).slotListIndex(0).build()))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageContaining("PKCS#11 library is missing")
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("apt-get install softhsm2");
    }

    @Test
    void aFileThatIsNoLibraryIsNamed() throws Exception {
        Path notALibrary = Files.writeString(dir.resolve("lib.so"), "not a shared object");

        assertThatThrownBy(() -> Pkcs11Token.open(Pkcs11Config.builder().library(notALibrary).slotListIndex(0).build()))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageContaining("not a loadable PKCS#11 module");
    }

    @Test
    void aSlotWithoutTokenAndAnUnknownSlotAreNamed() {
        assertThatThrownBy(() -> Pkcs11Token.open(Pkcs11Config.builder().library(hsm.library())
                .slot(hsm.freeSlot()).build()))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageContaining("holds no initialized token")
                .hasMessageContaining("softhsm2-util --init-token");
        assertThatThrownBy(() -> Pkcs11Token.open(Pkcs11Config.builder().library(hsm.library()).slot(987_654_321L).build()))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageContaining("slot 987654321")
                .hasMessageContaining("no such slot");
        assertThatThrownBy(() -> Pkcs11Token.open(Pkcs11Config.builder().library(hsm.library()).slotListIndex(40).build()))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageContaining("slotListIndex is 40");
    }

    @Test
    void aSunPkcs11ConfigurationFileWorksAndItsMistakesAreNamed() throws Exception {
        token.generateKeyPair("from-file", Algorithm.RS256, SoftHsm.pin());
        Path file = Files.writeString(dir.resolve("pkcs11.cfg"), "name = fromfile\nlibrary = " + hsm.library()
                + "\nslot = " + hsm.slot("main") + "\n", StandardCharsets.ISO_8859_1);

        SigningKey key = Pkcs11Token.open(Pkcs11Config.fromFile(file)).loadKey("from-file", SoftHsm.pin());

        assertThat(key.provider()).get().extracting(java.security.Provider::getName).isEqualTo("SunPKCS11-fromfile");
        Path bad = Files.writeString(dir.resolve("bad.cfg"), "name = bad\nlibrary = " + hsm.library()
                + "\nslotListIndx = 0\n");
        assertThatThrownBy(() -> Pkcs11Token.open(Pkcs11Config.fromFile(bad)))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageContaining("invalid SunPKCS11 configuration")
                .hasMessageContaining("slotListIndx")
                .hasMessageContaining("line 3");
        assertThatThrownBy(() -> Pkcs11Config.fromFile(dir.resolve("absent.cfg")))
                .isInstanceOf(KeyLoadingException.class).hasMessageContaining("does not exist")
                .hasMessageContaining("--pkcs11-config");
    }

    @Test
    void descriptionsShowWhereTheKeyIsButNoPin() {
        token.generateKeyPair("described", Algorithm.RS256, SoftHsm.pin());
        SigningKey key = token.loadKey("described", SoftHsm.pin());

        assertThat(key.toString()).contains("kid=described", "provider=SunPKCS11-lakejwt-test")
                .doesNotContain(SoftHsm.PIN);
        assertThat(token.toString()).contains("slot " + hsm.slot("main")).doesNotContain(SoftHsm.PIN);
        assertThat(token.provider().getName()).isEqualTo("SunPKCS11-lakejwt-test");
    }

    private static Pkcs11Config config(String token, String name) {
        return Pkcs11Config.builder().name(name).library(hsm.library()).slot(hsm.slot(token)).build();
    }

    static boolean verifies(String jwt, Algorithm algorithm, PublicKey publicKey) throws Exception {
        int dot = jwt.lastIndexOf('.');
        return JcaSignatures.verify(algorithm, publicKey, jwt.substring(0, dot).getBytes(StandardCharsets.US_ASCII),
                Base64.getUrlDecoder().decode(jwt.substring(dot + 1)));
    }

}
