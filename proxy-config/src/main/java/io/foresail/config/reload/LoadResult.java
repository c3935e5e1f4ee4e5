package io.foresail.config.reload;

import io.foresail.config.model.ConfigError;
import io.foresail.config.table.RoutingTable;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of loading a configuration: a compiled table with its warnings, or every error found.
 */
public sealed interface LoadResult {

    /** Every finding, errors and warnings, in file order. */
    List<ConfigError> findings();

    record Loaded(RoutingTable table, List<ConfigError> findings) implements LoadResult {
        public Loaded {
            Objects.requireNonNull(table, "table");
            findings = List.copyOf(findings);
        }
    }

    record Rejected(List<ConfigError> findings) implements LoadResult {
        public Rejected {
            findings = List.copyOf(findings);
            if (findings.stream().noneMatch(ConfigError::isError)) {
                throw new IllegalArgumentException("findings: no error (expected: at least one)");
            }
        }
    }
}
