package dev.lakejwt.core.key;

import dev.lakejwt.core.KeyLoadingException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Picks one private-key entry out of a loaded {@link KeyStore}, whether it is a PKCS#12/JKS file or a
 * PKCS#11 token, with one clear error per way it can go wrong (no alias, unknown alias, an alias
 * without a private key, a wrong key password, a secret key) and the strength checks of
 * {@link SigningKey} applied to the entry's certificate, which also covers keys that cannot be exported.
 *
 * @param source          names the store in messages, e.g. {@code key store /keys/lake.p12}
 * @param passwordSetting where the key password comes from, quoted when it is wrong
 * @param unknownHint     appended to the unknown-alias message (may be empty)
 */
record KeyStoreEntries(KeyStore store, String source, String passwordSetting, String unknownHint) {
    static final String ALIAS_SETTING = "LAKE_KEY_ALIAS (CLI --alias)";

    /** The key under {@code alias}, with {@code kid = alias}; {@code keyPassword} may be null for PKCS#11. */
    SigningKey signingKey(String alias, char[] keyPassword) {
        if (alias == null || alias.isBlank()) {
            throw new KeyLoadingException("no alias given for " + source + ": set " + ALIAS_SETTING
                    + " to one of its private keys: " + privateKeyAliases());
        }
        try {
            if (!store.containsAlias(alias)) {
                throw new KeyLoadingException(source + " has no entry '" + alias + "'; its entries: "
                        + describeEntries() + " (" + ALIAS_SETTING + unknownHint + ")");
            }
            if (!store.isKeyEntry(alias)) {
                throw new KeyLoadingException("entry '" + alias + "' in " + source + " is a certificate without "
                        + "a private key; private keys: " + privateKeyAliases() + " (" + ALIAS_SETTING + ")");
            }
            Key key;
            try {
                key = store.getKey(alias, keyPassword);
            } catch (UnrecoverableKeyException e) {
                throw new KeyLoadingException("the private key '" + alias + "' in " + source + " could not be "
                        + "recovered: wrong key password (it defaults to the store password; " + passwordSetting
                        + " sets it when it differs)");
            }
            if (!(key instanceof PrivateKey privateKey)) {
                throw new KeyLoadingException("entry '" + alias + "' in " + source + " is a "
                        + (key == null ? "entry without a key" : key.getAlgorithm() + " secret key")
                        + ", not a private key; private keys: " + privateKeyAliases());
            }
            SigningKey signingKey = SigningKey.of(alias, privateKey);
            Certificate certificate = store.getCertificate(alias);
            return certificate == null ? signingKey : signingKey.withPublicKey(certificate.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new KeyLoadingException("cannot read entry '" + alias + "' of " + source + ": "
                    + e.getClass().getSimpleName());
        }
    }

    /** The aliases of the private-key entries, sorted; "none" when there are none. */
    String privateKeyAliases() {
        List<String> aliases = new ArrayList<>();
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    aliases.add(alias);
                }
            }
        } catch (GeneralSecurityException e) {
            return "(cannot be listed)";
        }
        Collections.sort(aliases);
        return aliases.isEmpty() ? "none" : String.join(", ", aliases);
    }

    private String describeEntries() throws GeneralSecurityException {
        List<String> entries = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            entries.add(alias + (store.isKeyEntry(alias) ? " (private key)" : " (certificate)"));
        }
        Collections.sort(entries);
        return entries.isEmpty() ? "none" : String.join(", ", entries);
    }
}
