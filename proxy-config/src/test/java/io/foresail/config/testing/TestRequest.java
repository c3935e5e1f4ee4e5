package io.foresail.config.testing;

import io.foresail.config.table.RequestView;
import java.util.Map;

/**
 * A request head for route matching in tests.
 *
 * @param path    path without query
 * @param headers header values by lower-case name (pseudo-headers such as {@code :method} included)
 * @param query   raw query string, {@code null} when none
 */
public record TestRequest(String path, Map<String, String> headers, String query) implements RequestView {

    public TestRequest(String path, Map<String, String> headers) {
        this(path, headers, null);
    }

    public static TestRequest of(String path) {
        return new TestRequest(path, Map.of());
    }

    public static TestRequest of(String path, String header, String value) {
        return new TestRequest(path, Map.of(header, value));
    }

    /** {@code target} split at its first {@code ?} into path and query. */
    public static TestRequest target(String target) {
        int question = target.indexOf('?');
        return question < 0 ? of(target)
                : new TestRequest(target.substring(0, question), Map.of(), target.substring(question + 1));
    }

    @Override
    public String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }
}
