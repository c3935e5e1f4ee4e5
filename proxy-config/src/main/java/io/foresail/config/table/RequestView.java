package io.foresail.config.table;

/**
 * What route matching may look at in a request head, independent of any HTTP library.
 * The data plane adapts its decoded request to this without copying headers.
 */
public interface RequestView {

    /** The request path without the query string. */
    String path();

    /** The first value of the header {@code lowerCaseName}, or {@code null} when absent. */
    String header(String lowerCaseName);
}
