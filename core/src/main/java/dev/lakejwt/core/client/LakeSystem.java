package dev.lakejwt.core.client;

import java.util.Map;

/**
 * A system alias configured in Query Service ({@code GET /api/tdrest/systems}): the name used in
 * {@code /systems/{name}/queries} and whatever else Lake said about it.
 *
 * <p>Easy to get wrong: the name is case-sensitive in the URL path.
 *
 * @param name       the system alias
 * @param attributes every field Lake sent, including {@code name}
 */
public record LakeSystem(String name, Map<String, Object> attributes) {
    public LakeSystem {
        attributes = Map.copyOf(attributes);
    }
}
