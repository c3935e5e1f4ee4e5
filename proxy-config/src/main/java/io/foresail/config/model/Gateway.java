package io.foresail.config.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code Gateway}: which workloads it applies to and the servers (ports, hosts, TLS) it opens.
 *
 * @param selector workload labels; empty means every gateway workload
 * @param servers  servers in the order written
 */
public record Gateway(ResourceMeta meta, Map<String, String> selector, List<Server> servers,
                      FieldPositions positions) implements IstioResource {

    public Gateway {
        Objects.requireNonNull(meta, "meta");
        selector = Map.copyOf(selector);
        servers = List.copyOf(servers);
        Objects.requireNonNull(positions, "positions");
    }
}
