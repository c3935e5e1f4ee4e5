package io.foresail.config.table;

import java.util.List;

/**
 * What serves a connection's (plaintext or decrypted) bytes: HTTP routing or a TCP forward.
 */
public sealed interface ChainTarget permits HttpRoutes, TcpForward {

    /** Istio's name for it ({@code http.8080}, {@code https.443.https.gw.ns}, a tcp_proxy stat name); stable across reloads. */
    String name();

    /**
     * The Gateway servers this target serves: one for a TLS chain or a plaintext TCP port, every
     * merged server for a port's shared plaintext HTTP routes; empty when built in code.
     */
    List<ServerOrigin> servers();
}
