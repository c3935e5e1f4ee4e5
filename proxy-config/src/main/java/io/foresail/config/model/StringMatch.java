package io.foresail.config.model;

import java.util.Objects;

/**
 * Istio's {@code StringMatch} as written: one of exact, prefix or regex, or nothing ({@code {}},
 * which for headers means "present").
 */
public sealed interface StringMatch {

    record Exact(String value) implements StringMatch {
        public Exact {
            Objects.requireNonNull(value, "value");
        }
    }

    record Prefix(String value) implements StringMatch {
        public Prefix {
            Objects.requireNonNull(value, "value");
        }
    }

    record Regex(String value) implements StringMatch {
        public Regex {
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code {}}: no match type written. */
    record Unset() implements StringMatch {
    }
}
