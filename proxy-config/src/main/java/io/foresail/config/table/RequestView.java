package io.foresail.config.table;

/**
 * What route matching may look at in a request head, independent of any HTTP library.
 * The data plane adapts its decoded request to this without copying headers.
 */
public interface RequestView {

    /** The request path without the query string. */
    String path();

    /**
     * The first value of the header {@code lowerCaseName}, or {@code null} when absent. Envoy's
     * pseudo-headers {@code :method}, {@code :scheme} and {@code :authority} are answered too.
     */
    String header(String lowerCaseName);

    /**
     * The raw query string: the text after the first {@code ?} of the request target, up to any
     * {@code #fragment}, not decoded; {@code null} (or empty) when the target has none. Called only
     * when a route has query conditions, so implementations may compute it on demand.
     */
    String query();
}
