package io.foresail.config.table;

import java.util.Objects;

/**
 * One plaintext HTTP port: every HTTP server of every applicable Gateway on that port shares one
 * set of virtual hosts, as Istio's {@code http.<port>} route configuration does.
 */
public record HttpListener(int port, VirtualHostMatcher virtualHosts) {

    public HttpListener {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
        }
        Objects.requireNonNull(virtualHosts, "virtualHosts");
    }
}
