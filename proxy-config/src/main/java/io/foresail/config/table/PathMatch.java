package io.foresail.config.table;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * A condition on the request path (without the query string), with Istio's semantics:
 * {@code exact} compares the whole path, {@code prefix} is a raw string prefix (not
 * segment-aware), {@code regex} is an RE2 whole-path match.
 */
public sealed interface PathMatch {

    boolean matches(String path);

    /** Whole-path equality; {@code ignoreCase} from {@code ignoreUriCase}. */
    record Exact(String value, boolean ignoreCase) implements PathMatch {
        public Exact {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean matches(String path) {
            return ignoreCase ? value.equalsIgnoreCase(path) : value.equals(path);
        }
    }

    /** Raw string prefix: {@code /foo} matches {@code /foobar}. */
    record Prefix(String value, boolean ignoreCase) implements PathMatch {
        public Prefix {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean matches(String path) {
            return path.regionMatches(ignoreCase, 0, value, 0, value.length());
        }
    }

    /**
     * RE2 regular expression that must match the whole path. The matcher is compiled by the
     * config compiler (RE2/J) so this runtime type depends only on the JDK.
     *
     * @param source  the expression as written in the config
     * @param matcher whole-input matcher compiled from {@code source}
     */
    record Regex(String source, Predicate<String> matcher) implements PathMatch {
        public Regex {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(matcher, "matcher");
        }

        @Override
        public boolean matches(String path) {
            return matcher.test(path);
        }

        @Override
        public String toString() {
            return "Regex[" + source + "]";
        }
    }

}
