package io.foresail.config.table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Collects, per port, the plaintext target and the TLS chains of the servers bound there, refusing
 * a chain that {@link PortListener} could not tell apart from an earlier one (same name, a second
 * match-all chain, or a server name already taken), and builds the listeners.
 */
final class PortListenersBuilder {

    private final Map<Integer, ChainTarget> plaintext = new HashMap<>();
    private final Map<Integer, List<TlsChain>> chains = new HashMap<>();

    void plaintext(int port, ChainTarget target) {
        plaintext.put(port, target);
    }

    /** Adds {@code chain} on {@code port}; returns why it cannot be added, naming the chain in the way. */
    Optional<String> addChain(int port, TlsChain chain) {
        List<TlsChain> onPort = chains.computeIfAbsent(port, p -> new ArrayList<>());
        for (TlsChain earlier : onPort) {
            if (earlier.name().equals(chain.name())) {
                return Optional.of("a TLS chain named " + chain.name() + " is already on port " + port);
            }
            if (earlier.matchesAll() && chain.matchesAll()) {
                return Optional.of("chain " + earlier.name() + " already takes every SNI name on port " + port);
            }
            TreeSet<String> shared = new TreeSet<>(lower(earlier.serverNames()));
            shared.retainAll(lower(chain.serverNames()));
            if (!shared.isEmpty()) {
                return Optional.of("SNI names " + shared + " are already taken on port " + port + " by chain " + earlier.name());
            }
        }
        onPort.add(chain);
        return Optional.empty();
    }

    Map<Integer, PortListener> build() {
        Map<Integer, PortListener> listeners = new HashMap<>();
        TreeSet<Integer> ports = new TreeSet<>(plaintext.keySet());
        chains.forEach((port, list) -> {
            if (!list.isEmpty()) {
                ports.add(port);
            }
        });
        for (int port : ports) {
            listeners.put(port, new PortListener(port, Optional.ofNullable(plaintext.get(port)),
                    chains.getOrDefault(port, List.of())));
        }
        return listeners;
    }

    private static List<String> lower(List<String> names) {
        return names.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
    }
}
