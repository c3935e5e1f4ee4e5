package io.foresail.config.table;

/**
 * What serves a connection's (plaintext or decrypted) bytes: HTTP routing or a TCP forward.
 */
public sealed interface ChainTarget permits HttpRoutes, TcpForward {

    /** Istio's name for it ({@code http.8080}, {@code https.443.https.gw.ns}, a tcp_proxy stat name); stable across reloads. */
    String name();
}
