package io.foresail.tls.context;

import io.foresail.config.table.ServerTlsSettings;
import io.foresail.config.table.UpstreamTlsSettings;
import io.netty.handler.ssl.SslContext;
import java.util.Map;

/** The contexts of one snapshot, looked up by settings value. */
final class SnapshotTlsContexts implements TlsContexts {

    private final Map<ServerTlsSettings, SslContext> servers;
    private final Map<UpstreamTlsSettings, SslContext> clients;

    SnapshotTlsContexts(Map<ServerTlsSettings, SslContext> servers, Map<UpstreamTlsSettings, SslContext> clients) {
        this.servers = Map.copyOf(servers);
        this.clients = Map.copyOf(clients);
    }

    @Override
    public SslContext server(ServerTlsSettings settings) {
        SslContext context = servers.get(settings);
        if (context == null) {
            throw new IllegalArgumentException("server TLS settings: " + settings + " (expected: the settings of a chain of this snapshot)");
        }
        return context;
    }

    @Override
    public SslContext client(UpstreamTlsSettings settings) {
        SslContext context = clients.get(settings);
        if (context == null) {
            throw new IllegalArgumentException("upstream TLS settings: " + settings + " (expected: the settings of a cluster of this snapshot)");
        }
        return context;
    }

    @Override
    public String toString() {
        return "TlsContexts[servers=" + servers.size() + ", clients=" + clients.size() + "]";
    }
}
