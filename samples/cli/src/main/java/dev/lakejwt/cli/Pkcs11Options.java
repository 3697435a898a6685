package dev.lakejwt.cli;

import dev.lakejwt.core.config.LakeConfig;
import dev.lakejwt.core.config.Setting;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where a PKCS#11 token is ({@code --pkcs11-config}, or {@code --pkcs11-library} with
 * {@code --pkcs11-slot} or {@code --pkcs11-slot-index}), shared by {@code token}, {@code query} and
 * {@code keygen --pkcs11}.
 *
 * <p>Easy to get wrong: a flag given here replaces the token variables it conflicts with
 * ({@code --pkcs11-config} drops {@code LAKE_PKCS11_LIBRARY} and the slot variables,
 * {@code --pkcs11-library} drops {@code LAKE_PKCS11_CONFIG}), so a flag wins as everywhere else in
 * the CLI instead of being reported as a second token.
 */
final class Pkcs11Options {
    @Option(names = "--pkcs11-config", paramLabel = "FILE",
            description = "PKCS#11 token: a SunPKCS11 configuration file (name, library, slot), instead of "
                    + "--pkcs11-library (default: $LAKE_PKCS11_CONFIG).")
    Path config;

    @Option(names = "--pkcs11-library", paramLabel = "FILE",
            description = "PKCS#11 token: its library, e.g. /usr/lib/softhsm/libsofthsm2.so (default: "
                    + "$LAKE_PKCS11_LIBRARY).")
    Path library;

    @Option(names = "--pkcs11-slot", paramLabel = "ID",
            description = "With --pkcs11-library: the token's slot id, as 'softhsm2-util --show-slots' or "
                    + "'pkcs11-tool -L' print it (default: $LAKE_PKCS11_SLOT).")
    Long slot;

    @Option(names = "--pkcs11-slot-index", paramLabel = "N",
            description = "With --pkcs11-library: the token's position in the library's slot list, from 0 (default: "
                    + "$LAKE_PKCS11_SLOT_INDEX; with neither, the first slot).")
    Integer slotIndex;

    /** Whether a flag names a token (a slot alone does not: it refines a library from the environment). */
    boolean selectsToken() {
        return config != null || library != null;
    }

    /** Whether any of these flags was given. */
    boolean anyGiven() {
        return selectsToken() || slot != null || slotIndex != null;
    }

    /** The flags given, for a message, e.g. {@code --pkcs11-library}. */
    String givenFlags() {
        StringBuilder flags = new StringBuilder();
        append(flags, config, Setting.PKCS11_CONFIG);
        append(flags, library, Setting.PKCS11_LIBRARY);
        append(flags, slot, Setting.PKCS11_SLOT);
        append(flags, slotIndex, Setting.PKCS11_SLOT_INDEX);
        return flags.toString();
    }

    private static void append(StringBuilder flags, Object value, Setting setting) {
        if (value != null) {
            flags.append(flags.length() == 0 ? "" : ", ").append(setting.flag());
        }
    }

    /** Removes from {@code environment} the token variables that the given flags replace. */
    void dropReplacedVariables(Map<String, String> environment) {
        if (config != null) {
            environment.remove(Setting.PKCS11_LIBRARY.variable());
            environment.remove(Setting.PKCS11_SLOT.variable());
            environment.remove(Setting.PKCS11_SLOT_INDEX.variable());
        }
        if (library != null) {
            environment.remove(Setting.PKCS11_CONFIG.variable());
        }
    }

    /** Puts the given flags into {@code builder}; unset flags leave its values alone. */
    void applyTo(LakeConfig.Builder builder) {
        if (slot != null && slot < 0) {
            throw CliException.input(Setting.PKCS11_SLOT.flag() + " " + slot + " is negative: give the slot id as "
                    + "'softhsm2-util --show-slots' or 'pkcs11-tool -L' print it");
        }
        if (slotIndex != null && slotIndex < 0) {
            throw CliException.input(Setting.PKCS11_SLOT_INDEX.flag() + " " + slotIndex + " is negative: the first "
                    + "slot is 0");
        }
        if (slot != null && slotIndex != null) {
            throw CliException.input("both " + Setting.PKCS11_SLOT.flag() + " and " + Setting.PKCS11_SLOT_INDEX.flag()
                    + " are given: give one of them");
        }
        if (config != null) {
            builder.pkcs11ConfigFile(config);
        }
        if (library != null) {
            builder.pkcs11Library(library);
        }
        if (slot != null) {
            builder.pkcs11Slot(slot);
        }
        if (slotIndex != null) {
            builder.pkcs11SlotIndex(slotIndex);
        }
    }
}
