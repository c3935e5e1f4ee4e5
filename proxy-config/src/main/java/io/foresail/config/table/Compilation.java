package io.foresail.config.table;

import io.foresail.config.model.ConfigError;
import java.util.List;
import java.util.Objects;

/**
 * A compiled table and the findings compiling it produced: warnings (skipped servers, routes,
 * match blocks, ...) and errors that only compilation can see (a {@code credentialName} whose
 * secret cannot be found). A compilation with errors must not be served.
 */
public record Compilation(RoutingTable table, List<ConfigError> findings) {

    public Compilation {
        Objects.requireNonNull(table, "table");
        findings = List.copyOf(findings);
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(ConfigError::isError);
    }
}
