package io.foresail.config.model;

import java.util.Objects;

/**
 * Istio's {@code Headers} of a route or of one route destination, as written.
 *
 * @param request  operations on the request sent upstream
 * @param response operations on the response sent downstream
 */
public record Headers(HeaderOperations request, HeaderOperations response) {

    public static final Headers NONE = new Headers(HeaderOperations.NONE, HeaderOperations.NONE);

    public Headers {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(response, "response");
    }
}
