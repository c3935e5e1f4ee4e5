package io.foresail.config.explain;

import io.foresail.config.table.RequestView;
import java.util.Objects;

/**
 * The request to explain, as the data plane would see it after accepting the connection.
 *
 * @param port       the Gateway port the connection arrives on
 * @param tls        whether the connection is TLS ({@code https} URL)
 * @param serverName the SNI the client sends, or {@code null} for none
 * @param authority  the Host / {@code :authority}, possibly with a port
 * @param request    the request head, its path already normalised as the data plane does
 */
public record ExplainRequest(int port, boolean tls, String serverName, String authority, RequestView request) {

    public ExplainRequest {
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(request, "request");
    }
}
