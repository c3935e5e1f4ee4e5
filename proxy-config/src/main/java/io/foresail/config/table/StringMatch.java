package io.foresail.config.table;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * Istio's {@code StringMatch} applied to a header value: exact, prefix, RE2 whole-value regex, or
 * plain presence ({@code {}} in YAML). A {@code null} value means the header is absent.
 */
public sealed interface StringMatch {

    boolean matches(String value);

    record Exact(String value) implements StringMatch {
        public Exact {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean matches(String candidate) {
            return value.equals(candidate);
        }
    }

    record Prefix(String value) implements StringMatch {
        public Prefix {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean matches(String candidate) {
            return candidate != null && candidate.startsWith(value);
        }
    }

    /** RE2 whole-value match, compiled by the config compiler. */
    record Regex(String source, Predicate<String> matcher) implements StringMatch {
        public Regex {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(matcher, "matcher");
        }

        @Override
        public boolean matches(String candidate) {
            return candidate != null && matcher.test(candidate);
        }

        @Override
        public String toString() {
            return "Regex[" + source + "]";
        }
    }

    /** The header is present, whatever its value. */
    record Present() implements StringMatch {
        @Override
        public boolean matches(String candidate) {
            return candidate != null;
        }
    }
}
