package dev.lakejwt.core.client;

import java.util.Optional;

/**
 * A result column: its name and, when Lake sent column metadata ({@code includeColumns}), its
 * Teradata type such as {@code VARCHAR}.
 *
 * <p>Easy to get wrong: the type is absent unless {@link QueryOptions.Builder#includeColumns(boolean)} was set.
 *
 * @param name the column name
 * @param type the Teradata type, or null when not sent
 */
public record Column(String name, String type) {
    public Optional<String> typeName() {
        return Optional.ofNullable(type);
    }
}
