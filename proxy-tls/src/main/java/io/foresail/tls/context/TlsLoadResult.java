package io.foresail.tls.context;

import java.util.List;
import java.util.Objects;

/** The outcome of building a table's TLS contexts: all of them, or every error found. */
public sealed interface TlsLoadResult permits TlsLoadResult.Loaded, TlsLoadResult.Rejected {

    /** Findings that do not stop the snapshot (an expired certificate, an ignored cipher name). */
    List<TlsProblem> warnings();

    /** Every context of the table was built. */
    record Loaded(TlsContexts contexts, List<TlsProblem> warnings) implements TlsLoadResult {
        public Loaded {
            Objects.requireNonNull(contexts, "contexts");
            warnings = List.copyOf(warnings);
        }
    }

    /** At least one context could not be built; the previous snapshot keeps serving. */
    record Rejected(List<TlsProblem> errors, List<TlsProblem> warnings) implements TlsLoadResult {
        public Rejected {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("errors: empty (expected: at least one for a rejected load)");
            }
            warnings = List.copyOf(warnings);
        }
    }
}
