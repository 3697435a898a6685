package dev.lakejwt.core.key;

import dev.lakejwt.core.KeyLoadingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a PKCS#11 token is: either a SunPKCS11 configuration file (the JDK's format: {@code name},
 * {@code library}, {@code slot} or {@code slotListIndex}, …), or the token's library and slot given
 * directly. {@link Pkcs11Token#open} turns it into a configured {@code SunPKCS11} provider.
 *
 * <p>Easy to get wrong: lakejwt appends to every configuration a template that makes generated
 * private keys token objects that are <em>sensitive and not extractable</em>
 * ({@code attributes(generate, CKO_PRIVATE_KEY, *)}), overriding the file's own generate template
 * for those attributes; it changes nothing for keys already in the token. The configuration holds
 * no secret: the PIN is never part of it.
 */
public final class Pkcs11Config {
    /** The provider name suffix lakejwt uses when none is given: the provider is {@code SunPKCS11-lakejwt}. */
    public static final String DEFAULT_NAME = "lakejwt";
    private static final long MAX_CONFIG_BYTES = 64 << 10;
    static final String NON_EXTRACTABLE_TEMPLATE = """

            # Added by lakejwt: generated private keys stay in the token and cannot be exported.
            attributes(generate, CKO_PRIVATE_KEY, *) = {
              CKA_TOKEN = true
              CKA_PRIVATE = true
              CKA_SENSITIVE = true
              CKA_EXTRACTABLE = false
            }
            attributes(generate, CKO_PUBLIC_KEY, *) = {
              CKA_TOKEN = true
            }
            """;

    private final String text;
    private final String description;

    private Pkcs11Config(String text, String description) {
        this.text = text;
        this.description = description;
    }

    /**
     * A SunPKCS11 configuration file, read now.
     *
     * @throws KeyLoadingException when the file is missing, unreadable or too large to be a configuration
     */
    public static Pkcs11Config fromFile(Path file) {
        Objects.requireNonNull(file, "file");
        String source = "PKCS#11 configuration " + file;
        try {
            if (Files.isDirectory(file)) {
                throw new KeyLoadingException("cannot read " + source + ": it is a directory");
            }
            if (Files.size(file) > MAX_CONFIG_BYTES) {
                throw new KeyLoadingException(source + " is larger than 64 KiB: not a SunPKCS11 configuration");
            }
            String content = Files.readString(file, StandardCharsets.ISO_8859_1);
            return new Pkcs11Config(content + NON_EXTRACTABLE_TEMPLATE, source);
        } catch (NoSuchFileException e) {
            throw new KeyLoadingException("cannot read " + source + ": it does not exist (check LAKE_PKCS11_CONFIG / "
                    + "--pkcs11-config)");
        } catch (IOException e) {
            throw new KeyLoadingException("cannot read " + source + ": " + e.getClass().getSimpleName());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The SunPKCS11 configuration text handed to the provider, lakejwt's template included; no secret. */
    public String text() {
        return text;
    }

    /** Names the configuration in messages, e.g. {@code PKCS#11 library /usr/lib/softhsm/libsofthsm2.so, slot index 0}. */
    @Override
    public String toString() {
        return description;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pkcs11Config other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /**
     * Builds a configuration from the token's library and slot. Give exactly one of {@link #slot(long)}
     * (the slot id) and {@link #slotListIndex(int)} (the position in the library's slot list).
     */
    public static final class Builder {
        private String name = DEFAULT_NAME;
        private Path library;
        private Long slot;
        private Integer slotListIndex;

        private Builder() {
        }

        /** The provider name suffix; default {@link #DEFAULT_NAME}. Letters, digits, dash, dot and underscore. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The token's PKCS#11 library (an absolute path), e.g. {@code /usr/lib/softhsm/libsofthsm2.so}. */
        public Builder library(Path library) {
            this.library = library;
            return this;
        }

        /** The slot id, as {@code softhsm2-util --show-slots} or {@code pkcs11-tool -L} print it. */
        public Builder slot(long slot) {
            this.slot = slot;
            this.slotListIndex = null;
            return this;
        }

        /** The slot's position in the library's slot list, counting from 0. */
        public Builder slotListIndex(int slotListIndex) {
            this.slotListIndex = slotListIndex;
            this.slot = null;
            return this;
        }

        public Pkcs11Config build() {
            if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
                throw new KeyLoadingException("PKCS#11 provider name '" + name + "' must be letters, digits, '.', '_' or '-'");
            }
            if (library == null) {
                throw new KeyLoadingException("no PKCS#11 library given: set LAKE_PKCS11_LIBRARY (--pkcs11-library), "
                        + "e.g. /usr/lib/softhsm/libsofthsm2.so, or give a SunPKCS11 configuration file "
                        + "(LAKE_PKCS11_CONFIG, --pkcs11-config)");
            }
            if (!library.isAbsolute()) {
                throw new KeyLoadingException("PKCS#11 library " + library + " must be an absolute path");
            }
            if (slotListIndex != null && slotListIndex < 0) {
                throw new KeyLoadingException("PKCS#11 slot index " + slotListIndex + " is negative");
            }
            StringBuilder text = new StringBuilder()
                    .append("name = ").append(name).append('\n')
                    .append("library = ").append(quoted(library.toString())).append('\n');
            String where;
            if (slot != null) {
                text.append("slot = ").append(slot).append('\n');
                where = "slot " + slot;
            } else if (slotListIndex != null) {
                text.append("slotListIndex = ").append(slotListIndex).append('\n');
                where = "slot index " + slotListIndex;
            } else {
                where = "first slot";
            }
            return new Pkcs11Config(text + NON_EXTRACTABLE_TEMPLATE, "PKCS#11 library " + library + ", " + where);
        }

        private static String quoted(String path) {
            if (path.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"')) {
                return path;
            }
            return '"' + path.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
    }
}
