package io.foresail.tls.context;

import io.foresail.config.table.Cluster;
import io.foresail.config.table.HttpRoutes;
import io.foresail.config.table.PortListener;
import io.foresail.config.table.RoutingTable;
import io.foresail.config.table.ServerTlsSettings;
import io.foresail.config.table.TlsChain;
import io.foresail.config.table.TlsVersion;
import io.foresail.config.table.UpstreamTlsSettings;
import io.foresail.config.table.VirtualHostMatcher;
import io.foresail.config.table.CertificateFiles;
import io.netty.handler.ssl.SslContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Routing tables that carry only TLS settings, and contexts loaded from them. */
final class TlsTables {

    private TlsTables() {
    }

    static ServerTlsSettings simple(CertificateFiles certificate) {
        return new ServerTlsSettings(certificate, Optional.empty(), TlsVersion.TLS_AUTO, TlsVersion.TLS_AUTO, List.of());
    }

    /** Port 443 with one chain per settings ({@code host0.test}, {@code host1.test}, ...); clusters with {@code upstreams}. */
    static RoutingTable table(List<ServerTlsSettings> servers, List<UpstreamTlsSettings> upstreams) {
        List<TlsChain> chains = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            chains.add(new TlsChain("https.443.chain" + i, List.of("host" + i + ".test"), Optional.of(servers.get(i)),
                    new HttpRoutes("https.443.chain" + i, VirtualHostMatcher.of(List.of()))));
        }
        Map<Integer, PortListener> listeners = new HashMap<>();
        if (!chains.isEmpty()) {
            listeners.put(443, new PortListener(443, Optional.empty(), chains));
        }
        Map<String, Cluster> clusters = new HashMap<>();
        for (int i = 0; i < upstreams.size(); i++) {
            String name = Cluster.nameOf(443, "", "upstream" + i + ".test");
            clusters.put(name, new Cluster(name, "upstream" + i + ".test", 443, "", List.of(), Optional.of(upstreams.get(i))));
        }
        return new RoutingTable(listeners, clusters, "test");
    }

    static TlsLoadResult load(TlsProvider provider, List<ServerTlsSettings> servers, List<UpstreamTlsSettings> upstreams) {
        return new TlsContextLoader(provider, new TlsContextCache(), Clock.systemUTC()).load(table(servers, upstreams));
    }

    static TlsContexts loaded(TlsLoadResult result) {
        if (result instanceof TlsLoadResult.Loaded loaded) {
            return loaded.contexts();
        }
        throw new AssertionError("expected loaded TLS contexts, got " + result);
    }

    static SslContext server(TlsProvider provider, ServerTlsSettings settings) {
        return loaded(load(provider, List.of(settings), List.of())).server(settings);
    }

    static SslContext client(TlsProvider provider, UpstreamTlsSettings settings) {
        return loaded(load(provider, List.of(), List.of(settings))).client(settings);
    }
}
