package io.foresail.config.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code Gateway} server.
 *
 * @param port  the port to listen on; empty when missing (a validation error)
 * @param bind  the address to bind, or empty
 * @param hosts host forms as written ({@code host}, {@code ns/host}, {@code ./host}, {@code *})
 * @param tls   TLS settings, if any
 * @param name  optional server name
 */
public record Server(Optional<Port> port, String bind, List<String> hosts, Optional<ServerTls> tls, String name) {

    public Server {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(bind, "bind");
        hosts = List.copyOf(hosts);
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(name, "name");
    }
}
