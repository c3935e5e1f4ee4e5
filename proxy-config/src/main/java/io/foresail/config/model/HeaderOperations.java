package io.foresail.config.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Istio's {@code HeaderOperations} as written: names as the user spelled them, in file order.
 *
 * @param set    {@code set}: header name to value (overwrite or add)
 * @param add    {@code add}: header name to value (append)
 * @param remove {@code remove}: header names
 */
public record HeaderOperations(Map<String, String> set, Map<String, String> add, List<String> remove) {

    public static final HeaderOperations NONE = new HeaderOperations(Map.of(), Map.of(), List.of());

    public HeaderOperations {
        set = Collections.unmodifiableMap(new LinkedHashMap<>(set));
        add = Collections.unmodifiableMap(new LinkedHashMap<>(add));
        remove = List.copyOf(remove);
    }
}
