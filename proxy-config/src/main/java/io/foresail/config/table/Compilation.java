package io.foresail.config.table;

import io.foresail.config.model.ConfigError;
import java.util.List;
import java.util.Objects;

/** A compiled table and the warnings compiling it produced (skipped servers, routes, match blocks, ...). */
public record Compilation(RoutingTable table, List<ConfigError> warnings) {

    public Compilation {
        Objects.requireNonNull(table, "table");
        warnings = List.copyOf(warnings);
    }
}
