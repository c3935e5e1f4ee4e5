package io.foresail.core.testing;

import io.foresail.config.table.ServerTlsSettings;
import io.foresail.config.table.UpstreamTlsSettings;
import io.foresail.tls.context.TlsContexts;
import io.netty.handler.ssl.SslContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link TlsContexts} for tests: server contexts registered by their settings, client contexts
 * built by the test and looked up by the cluster's settings; a missing one is a test bug.
 */
public final class MapTlsContexts implements TlsContexts {

    private final Map<ServerTlsSettings, SslContext> servers = new HashMap<>();
    private final Map<UpstreamTlsSettings, SslContext> clients;
    private final List<ServerTlsSettings> asked = Collections.synchronizedList(new ArrayList<>());

    public MapTlsContexts() {
        this(Map.of());
    }

    public MapTlsContexts(Map<UpstreamTlsSettings, SslContext> clients) {
        this.clients = Map.copyOf(clients);
    }

    /** Registers {@code certificate}'s context for its settings. */
    public MapTlsContexts server(TestCertificate certificate) {
        servers.put(certificate.settings(), certificate.serverContext());
        return this;
    }

    @Override
    public SslContext server(ServerTlsSettings settings) {
        asked.add(settings);
        SslContext context = servers.get(settings);
        if (context == null) {
            throw new IllegalStateException("settings: " + settings + " (expected: one of " + servers.keySet() + ")");
        }
        return context;
    }

    /** The settings server contexts were asked for, in order. */
    public List<ServerTlsSettings> asked() {
        return List.copyOf(asked);
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
