package io.foresail.config.table;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One TLS filter chain of a port: the connections whose ClientHello names one of
 * {@code serverNames} (empty: any name, and connections without SNI), terminated with
 * {@code termination} or passed through untouched when it is empty, then served by {@code target}.
 *
 * @param name        stable identity across reloads (connections remember it to find the current target)
 * @param serverNames lower-case SNI names, exact or {@code *.suffix}; empty matches all
 * @param termination TLS termination settings; empty: passthrough (bytes forwarded still encrypted)
 * @param target      HTTP routes (terminated HTTPS) or a TCP forward (passthrough, or terminated TLS to TCP)
 */
public record TlsChain(String name, List<String> serverNames, Optional<ServerTlsSettings> termination,
                       ChainTarget target) {

    public TlsChain {
        Objects.requireNonNull(name, "name");
        serverNames = List.copyOf(serverNames);
        Objects.requireNonNull(termination, "termination");
        Objects.requireNonNull(target, "target");
        if (termination.isEmpty() && !(target instanceof TcpForward)) {
            throw new IllegalArgumentException("target: " + target.name() + " (expected: a TCP forward for a passthrough chain)");
        }
    }

    public boolean matchesAll() {
        return serverNames.isEmpty();
    }
}
