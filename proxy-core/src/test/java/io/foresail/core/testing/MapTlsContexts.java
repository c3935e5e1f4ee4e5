package io.foresail.core.testing;

import io.foresail.config.table.ServerTlsSettings;
import io.foresail.config.table.UpstreamTlsSettings;
import io.foresail.tls.context.TlsContexts;
import io.netty.handler.ssl.SslContext;
import java.util.Map;

/** {@link TlsContexts} for tests: client contexts built by the test, looked up by the cluster's settings. */
public final class MapTlsContexts implements TlsContexts {

    private final Map<UpstreamTlsSettings, SslContext> clients;

    public MapTlsContexts(Map<UpstreamTlsSettings, SslContext> clients) {
        this.clients = Map.copyOf(clients);
    }

    @Override
    public SslContext server(ServerTlsSettings settings) {
        throw new IllegalStateException("no server contexts in this test, asked for " + settings);
    }

    @Override
    public SslContext client(UpstreamTlsSettings settings) {
        SslContext context = clients.get(settings);
        if (context == null) {
            throw new IllegalStateException("no client context for " + settings);
        }
        return context;
    }
}
