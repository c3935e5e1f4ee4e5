package io.foresail.tls.context;

import io.foresail.config.table.ServerTlsSettings;
import io.foresail.config.table.UpstreamTlsSettings;
import io.netty.handler.ssl.SslContext;

/**
 * The SSL contexts one snapshot serves with: a server context for every terminating TLS chain's
 * settings and a client context for every cluster that originates TLS. Built off the event loop
 * when a snapshot is published (and again when certificate files change), then only read.
 */
public interface TlsContexts {

    /** No TLS at all: every lookup is a bug. */
    TlsContexts NONE = new TlsContexts() {
        @Override
        public SslContext server(ServerTlsSettings settings) {
            throw new IllegalStateException("no TLS contexts in this snapshot, asked for " + settings);
        }

        @Override
        public SslContext client(UpstreamTlsSettings settings) {
            throw new IllegalStateException("no TLS contexts in this snapshot, asked for " + settings);
        }
    };

    /** The server context for {@code settings}, which must be the settings of a chain of the snapshot's table. */
    SslContext server(ServerTlsSettings settings);

    /** The client context for {@code settings}, which must be the TLS settings of a cluster of the snapshot's table. */
    SslContext client(UpstreamTlsSettings settings);
}
