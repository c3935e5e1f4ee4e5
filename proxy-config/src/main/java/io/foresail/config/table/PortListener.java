package io.foresail.config.table;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything served on one Gateway port: a plaintext target (HTTP routes or a TCP forward), TLS
 * chains chosen by SNI, or both (a plaintext HTTP server after TLS servers, as Istio allows).
 * SNI lookup is exact name, then the longest {@code *.suffix}, then the match-all chain; a
 * ClientHello without SNI only matches the match-all chain.
 */
public final class PortListener {

    private final int port;
    private final Optional<ChainTarget> plaintext;
    private final List<TlsChain> tlsChains;
    private final DomainTable<TlsChain> serverNames;
    private final Map<String, TlsChain> byName = new HashMap<>();

    public PortListener(int port, Optional<ChainTarget> plaintext, List<TlsChain> tlsChains) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
        }
        this.port = port;
        this.plaintext = Objects.requireNonNull(plaintext, "plaintext");
        this.tlsChains = List.copyOf(tlsChains);
        if (plaintext.isEmpty() && this.tlsChains.isEmpty()) {
            throw new IllegalArgumentException("port " + port + ": no plaintext target and no TLS chain (expected: at least one)");
        }
        DomainTable.Builder<TlsChain> names = DomainTable.builder();
        for (TlsChain chain : this.tlsChains) {
            if (byName.put(chain.name(), chain) != null) {
                throw new IllegalArgumentException("chain name: " + chain.name() + " (expected: unique on port " + port + ")");
            }
            if (chain.matchesAll() && names.put("*", chain) != null) {
                throw new IllegalArgumentException("chain " + chain.name() + ": a second match-all chain on port " + port);
            }
            for (String serverName : chain.serverNames()) {
                TlsChain previous = names.put(serverName, chain);
                if (previous != null && previous != chain) {
                    throw new IllegalArgumentException("server name: " + serverName + " (expected: in one chain only, also in "
                            + previous.name() + ")");
                }
            }
        }
        this.serverNames = names.build();
    }

    /** A port with only plaintext HTTP routes. */
    public static PortListener http(int port, VirtualHostMatcher virtualHosts) {
        return new PortListener(port, Optional.of(new HttpRoutes("http." + port, virtualHosts)), List.of());
    }

    public int port() {
        return port;
    }

    public Optional<ChainTarget> plaintext() {
        return plaintext;
    }

    /** The plaintext HTTP routes of this port, or {@code null} when plaintext connections are not served as HTTP. */
    public HttpRoutes plaintextHttp() {
        return plaintext.orElse(null) instanceof HttpRoutes routes ? routes : null;
    }

    public List<TlsChain> tlsChains() {
        return tlsChains;
    }

    public boolean hasTls() {
        return !tlsChains.isEmpty();
    }

    /**
     * The chain for a ClientHello's SNI ({@code null} when it sent none), or {@code null} when no
     * chain takes it (Envoy closes the connection: {@code filter_chain_not_found}).
     */
    public TlsChain chainFor(String serverName) {
        if (serverName == null || serverName.isEmpty()) {
            return serverNames.any();
        }
        return serverNames.lookup(HostNames.normalise(serverName));
    }

    /** The chain called {@code name} in this snapshot, or {@code null} (it was removed by a reload). */
    public TlsChain chainNamed(String name) {
        return byName.get(name);
    }

    @Override
    public String toString() {
        return "PortListener[port=" + port + ", plaintext=" + plaintext.map(ChainTarget::name).orElse("-")
                + ", tlsChains=" + tlsChains.stream().map(TlsChain::name).toList() + "]";
    }
}
