package io.foresail.config.table;

import java.util.Objects;
import java.util.Optional;

/**
 * Istio's {@code Headers} of a route or of one destination: operations on the request sent
 * upstream and on the response sent downstream. A request {@code set}/{@code add} of {@code host}
 * or {@code :authority} is not a header operation but an authority rewrite, kept in {@code authority}.
 *
 * @param request   operations on the request before it goes upstream
 * @param response  operations on the response before it goes downstream (local replies included)
 * @param authority the Host to send upstream, when these headers set it
 */
public record HeaderRewrites(HeaderOperations request, HeaderOperations response, Optional<String> authority) {

    public static final HeaderRewrites NONE = new HeaderRewrites(HeaderOperations.NONE, HeaderOperations.NONE,
            Optional.empty());

    public HeaderRewrites {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(authority, "authority");
    }
}
