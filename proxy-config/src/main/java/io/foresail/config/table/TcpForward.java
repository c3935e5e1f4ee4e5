package io.foresail.config.table;

import java.util.Objects;

/**
 * Forward a connection's bytes, unchanged, to one of weighted destinations (VirtualService
 * {@code tcp[]} routes, and {@code tls[]} routes of passthrough servers).
 *
 * @param name    a stable name for logs and stats
 * @param forward the weighted destinations (one picked per connection)
 */
public record TcpForward(String name, Forward forward) implements ChainTarget {

    public TcpForward {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(forward, "forward");
    }
}
