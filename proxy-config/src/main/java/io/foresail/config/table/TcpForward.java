package io.foresail.config.table;

import java.util.List;
import java.util.Objects;

/**
 * Forward a connection's bytes, unchanged, to one of weighted destinations (VirtualService
 * {@code tcp[]} routes, and {@code tls[]} routes of passthrough servers).
 *
 * @param name    a stable name for logs and stats
 * @param forward the weighted destinations (one picked per connection)
 * @param servers the Gateway server this forward serves
 */
public record TcpForward(String name, Forward forward, List<ServerOrigin> servers) implements ChainTarget {

    public TcpForward {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(forward, "forward");
        servers = List.copyOf(servers);
    }

    /** A forward built in code, with no Gateway server behind it. */
    public TcpForward(String name, Forward forward) {
        this(name, forward, List.of());
    }
}
