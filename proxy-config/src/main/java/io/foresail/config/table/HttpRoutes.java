package io.foresail.config.table;

import java.util.Objects;

/**
 * One HTTP route configuration: the virtual hosts that requests on a connection are routed
 * through. Plaintext HTTP servers on a port share one ({@code http.<port>}); each terminating
 * HTTPS server has its own ({@code https.<port>.<portName>.<gateway>.<namespace>}).
 */
public record HttpRoutes(String name, VirtualHostMatcher virtualHosts) implements ChainTarget {

    public HttpRoutes {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(virtualHosts, "virtualHosts");
    }
}
