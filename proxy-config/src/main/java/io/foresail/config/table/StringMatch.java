package io.foresail.config.table;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * Istio's {@code StringMatch} applied to one header or query-parameter value: exact, prefix, RE2
 * whole-value regex or plain presence ({@code {}} in YAML), plus the two forms Istio gives
 * {@code withoutHeaders} entries. A {@code null} value means the header or parameter is absent.
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

    /** Present, whatever the value. */
    record Present() implements StringMatch {
        @Override
        public boolean matches(String candidate) {
            return candidate != null;
        }
    }

    /**
     * Absent: a {@code withoutHeaders} entry written {@code {}} (or {@code regex: "*"}), which Istio
     * turns into Envoy's inverted {@code present_match}.
     */
    record Absent() implements StringMatch {
        @Override
        public boolean matches(String candidate) {
            return candidate == null;
        }
    }

    /**
     * Any value that {@code matched} rejects, a missing one counting as the empty string: a
     * {@code withoutHeaders} entry with a value, which Istio turns into Envoy's {@code invert_match}
     * with {@code treat_missing_header_as_empty}. So {@code {exact: a}} holds when the header is
     * missing, and {@code {regex: ".*"}} never holds.
     *
     * @param matched the exact, prefix or regex condition being negated
     */
    record Inverted(StringMatch matched) implements StringMatch {
        public Inverted {
            Objects.requireNonNull(matched, "matched");
            if (!(matched instanceof Exact || matched instanceof Prefix || matched instanceof Regex)) {
                throw new IllegalArgumentException("matched: " + matched + " (expected: Exact, Prefix or Regex)");
            }
        }

        @Override
        public boolean matches(String candidate) {
            return !matched.matches(candidate == null ? "" : candidate);
        }
    }
}
