package io.foresail.config.testing;

import io.foresail.config.table.RequestView;
import java.util.Map;

/** A request head for route matching in tests. */
public record TestRequest(String path, Map<String, String> headers) implements RequestView {

    public static TestRequest of(String path) {
        return new TestRequest(path, Map.of());
    }

    public static TestRequest of(String path, String header, String value) {
        return new TestRequest(path, Map.of(header, value));
    }

    @Override
    public String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }
}
