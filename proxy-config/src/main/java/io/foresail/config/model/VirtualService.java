package io.foresail.config.model;

import java.util.List;
import java.util.Objects;

/**
 * {@code VirtualService}: routing rules for a set of hosts, bound to gateways.
 *
 * @param hosts    hosts as written (FQDN, short name, {@code *.suffix}, {@code *}); empty for a delegate
 * @param gateways gateway references as written ({@code name}, {@code ns/name}, {@code mesh}); empty means mesh only
 * @param http     HTTP routes, first match wins
 * @param tls      TLS passthrough routes
 * @param tcp      TCP routes
 */
public record VirtualService(ResourceMeta meta, List<String> hosts, List<String> gateways, List<HttpRoute> http,
                             List<TlsRoute> tls, List<TcpRoute> tcp, FieldPositions positions) implements IstioResource {

    public VirtualService {
        Objects.requireNonNull(meta, "meta");
        hosts = List.copyOf(hosts);
        gateways = List.copyOf(gateways);
        http = List.copyOf(http);
        tls = List.copyOf(tls);
        tcp = List.copyOf(tcp);
        Objects.requireNonNull(positions, "positions");
    }
}
