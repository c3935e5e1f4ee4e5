package io.foresail.config.model;

import java.util.Objects;

/**
 * A Gateway server port. Zero and empty mean "not written", as in proto3.
 *
 * @param number     the port number
 * @param protocol   {@code HTTP}, {@code HTTPS}, {@code GRPC}, {@code HTTP2}, {@code TCP}, {@code TLS}, ... as written
 * @param name       the port name
 * @param targetPort deprecated; rejected by validation when set
 */
public record Port(int number, String protocol, String name, int targetPort) {

    public Port {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(name, "name");
    }
}
