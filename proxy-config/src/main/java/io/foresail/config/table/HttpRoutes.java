package io.foresail.config.table;

import java.util.List;
import java.util.Objects;

/**
 * One HTTP route configuration: the virtual hosts that requests on a connection are routed
 * through. Plaintext HTTP servers on a port share one ({@code http.<port>}); each terminating
 * HTTPS server has its own ({@code https.<port>.<portName>.<gateway>.<namespace>}).
 *
 * @param servers the Gateway servers whose VirtualServices fill these routes, in load order
 */
public record HttpRoutes(String name, VirtualHostMatcher virtualHosts, List<ServerOrigin> servers)
        implements ChainTarget {

    public HttpRoutes {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(virtualHosts, "virtualHosts");
        servers = List.copyOf(servers);
    }

    /** Routes built in code, with no Gateway server behind them. */
    public HttpRoutes(String name, VirtualHostMatcher virtualHosts) {
        this(name, virtualHosts, List.of());
    }
}
