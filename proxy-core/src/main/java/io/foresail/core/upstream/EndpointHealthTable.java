package io.foresail.core.upstream;

import io.foresail.config.table.Cluster;
import io.foresail.config.table.Endpoint;
import io.foresail.config.table.RoutingTable;
import io.foresail.core.pool.ConnectObserver;
import io.foresail.core.pool.PoolKey;
import io.foresail.core.pool.TransportFailureReasons;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link EndpointHealth} of every endpoint of the served config, keyed by address and port,
 * fed by the connection pools of all event loops. Each published config starts fresh counters
 * ({@link #follow}). The hot path reads one volatile map and updates adders: no lock.
 */
public final class EndpointHealthTable implements ConnectObserver {

    private record Address(String host, int port) {
    }

    private final Clock clock;
    private volatile Map<Address, EndpointHealth> byAddress = Map.of();

    public EndpointHealthTable(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Starts fresh health for the endpoints of {@code table}, as it is published. */
    public void follow(RoutingTable table) {
        Map<Address, EndpointHealth> next = new HashMap<>();
        for (Cluster cluster : table.clusters().values()) {
            for (Endpoint endpoint : cluster.endpoints()) {
                next.computeIfAbsent(new Address(endpoint.address(), endpoint.port()), address -> new EndpointHealth());
            }
        }
        byAddress = Map.copyOf(next);
    }

    /** The health of the endpoint at {@code host:port}, or {@code null} when the served config has none there. */
    public EndpointHealth of(String host, int port) {
        return byAddress.get(new Address(host, port));
    }

    @Override
    public void connected(PoolKey key) {
        EndpointHealth health = of(key.host(), key.port());
        if (health != null) {
            health.connected();
        }
    }

    @Override
    public void connectFailed(PoolKey key, Throwable cause) {
        EndpointHealth health = of(key.host(), key.port());
        if (health != null) {
            health.connectFailed(new EndpointHealth.Failure(reason(cause), clock.instant()));
        }
    }

    /** The TLS failure reason Envoy would report, else the failure's message, else its type. */
    static String reason(Throwable cause) {
        String tls = TransportFailureReasons.of(cause);
        if (!tls.isEmpty()) {
            return tls;
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
