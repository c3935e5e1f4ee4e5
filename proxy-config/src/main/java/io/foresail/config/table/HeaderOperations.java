package io.foresail.config.table;

import java.util.List;
import java.util.Objects;

/**
 * Istio's {@code HeaderOperations} for one direction, compiled: header names lower-cased once,
 * values as written. Applied in Envoy's order: {@code remove}, then {@code set} (overwrite or
 * add), then {@code add} (append another value).
 *
 * @param set    headers to overwrite or add
 * @param add    headers to append
 * @param remove lower-case names to delete
 */
public record HeaderOperations(List<Header> set, List<Header> add, List<String> remove) {

    public static final HeaderOperations NONE = new HeaderOperations(List.of(), List.of(), List.of());

    public HeaderOperations {
        set = List.copyOf(set);
        add = List.copyOf(add);
        remove = List.copyOf(remove);
    }

    public boolean isEmpty() {
        return set.isEmpty() && add.isEmpty() && remove.isEmpty();
    }

    /** One header: {@code name} lower-case, {@code value} as written. */
    public record Header(String name, String value) {
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }
}
