package io.foresail.core.tcp;

import io.foresail.core.proxy.ProxyCounters;
import io.foresail.core.upstream.TicketSource;
import io.netty.channel.Channel;
import io.netty.resolver.AddressResolverGroup;
import java.time.Duration;
import java.util.Objects;

/**
 * What every TCP-forwarded connection of one server shares. Immutable; built once by the server.
 *
 * @param channelType    the socket channel class of the server's transport (upstream channels use it too)
 * @param resolver       resolves endpoint host names off the event loop
 * @param connectTimeout upstream connect timeout; then the downstream connection is closed
 * @param tickets        draws the ticket that picks one of a forward's weighted destinations
 * @param counters       where connect failures, missing upstreams and resets are counted
 * @param observer       hears each connection's open, bytes and close (the Istio TCP metrics)
 */
public record TcpForwarding(Class<? extends Channel> channelType, AddressResolverGroup<?> resolver,
                            Duration connectTimeout, TicketSource tickets, ProxyCounters counters, TcpObserver observer) {

    public TcpForwarding {
        Objects.requireNonNull(channelType, "channelType");
        Objects.requireNonNull(resolver, "resolver");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(tickets, "tickets");
        Objects.requireNonNull(counters, "counters");
        Objects.requireNonNull(observer, "observer");
    }

    /** Telling no observer. */
    public TcpForwarding(Class<? extends Channel> channelType, AddressResolverGroup<?> resolver, Duration connectTimeout,
                         TicketSource tickets, ProxyCounters counters) {
        this(channelType, resolver, connectTimeout, tickets, counters, TcpObserver.NONE);
    }
}
