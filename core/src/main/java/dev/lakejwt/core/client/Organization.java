package dev.lakejwt.core.client;

import java.util.Map;

/**
 * The caller's organization from {@code GET /api/my-organization}: its id (the {@code org_id} claim)
 * and name, plus every other field Lake sent.
 *
 * <p>Easy to get wrong: the full shape of this answer is not published; rely on {@code id} and
 * {@code name} only, and read anything else from {@link #attributes()} defensively.
 *
 * @param id         the organization id
 * @param name       the organization name, or null
 * @param attributes every field Lake sent
 */
public record Organization(String id, String name, Map<String, Object> attributes) {
    public Organization {
        attributes = Map.copyOf(attributes);
    }
}
