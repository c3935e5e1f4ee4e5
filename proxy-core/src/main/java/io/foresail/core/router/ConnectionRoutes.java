package io.foresail.core.router;

import io.foresail.config.table.HttpRoutes;
import io.foresail.config.table.PortListener;
import io.foresail.config.table.TlsChain;
import io.foresail.core.runtime.ProxySnapshot;
import java.util.Objects;

/**
 * Where the requests of one downstream connection find their routes in whichever snapshot each
 * request reads: the plaintext HTTP routes of the Gateway port, or the routes of the TLS chain the
 * connection's ClientHello chose, looked up again by name (a reload may replace or remove it).
 */
public sealed interface ConnectionRoutes {

    /** The configured Gateway port of the listener that accepted the connection. */
    int gatewayPort();

    /** Whether the connection is TLS (requests have {@code :scheme} {@code https}). */
    boolean secure();

    /** The SNI of the connection's ClientHello, or {@code null} (plaintext, or no SNI sent). */
    default String requestedServerName() {
        return null;
    }

    /** The routes in {@code snapshot}, or {@code null} when it has none for this connection (404 {@code NR}). */
    HttpRoutes in(ProxySnapshot snapshot);

    static ConnectionRoutes plaintext(int gatewayPort) {
        return new Plaintext(gatewayPort);
    }

    static ConnectionRoutes tlsChain(int gatewayPort, String chainName) {
        return new Chain(gatewayPort, chainName, null);
    }

    /** A connection terminated by the chain called {@code chainName}, chosen for SNI {@code serverName} (or {@code null}). */
    static ConnectionRoutes tlsChain(int gatewayPort, String chainName, String serverName) {
        return new Chain(gatewayPort, chainName, serverName);
    }

    /** A plaintext connection: the port's plaintext HTTP routes. */
    record Plaintext(int gatewayPort) implements ConnectionRoutes {

        @Override
        public boolean secure() {
            return false;
        }

        @Override
        public HttpRoutes in(ProxySnapshot snapshot) {
            PortListener listener = snapshot.table().listener(gatewayPort);
            return listener == null ? null : listener.plaintextHttp();
        }
    }

    /**
     * A terminated TLS connection: the HTTP routes of the chain called {@code chainName}, chosen
     * for the ClientHello's {@code serverName} ({@code null} without SNI).
     */
    record Chain(int gatewayPort, String chainName, String serverName) implements ConnectionRoutes {

        public Chain {
            Objects.requireNonNull(chainName, "chainName");
        }

        @Override
        public boolean secure() {
            return true;
        }

        @Override
        public String requestedServerName() {
            return serverName;
        }

        @Override
        public HttpRoutes in(ProxySnapshot snapshot) {
            PortListener listener = snapshot.table().listener(gatewayPort);
            TlsChain chain = listener == null ? null : listener.chainNamed(chainName);
            return chain != null && chain.target() instanceof HttpRoutes routes ? routes : null;
        }
    }
}
