package io.foresail.core.server;

import io.foresail.config.table.ChainTarget;
import io.foresail.config.table.PortListener;
import io.foresail.config.table.ServerTlsSettings;
import io.foresail.config.table.TcpForward;
import io.foresail.config.table.TlsChain;
import io.foresail.core.proxy.ProxyCounters;
import io.foresail.core.router.ConnectionRoutes;
import io.foresail.core.runtime.ProxySnapshot;
import io.foresail.core.runtime.SnapshotHolder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.AbstractSniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import java.util.List;

/**
 * First handler of a connection on a port with TLS chains, as Envoy's TLS inspector and filter
 * chain match: reads the SNI of the ClientHello without consuming it (Netty's
 * {@link AbstractSniHandler} machinery), looks the chain up in the current snapshot
 * ({@link PortListener#chainFor}) and replaces itself with what serves the connection, handing
 * on every byte it buffered:
 * <ul>
 *   <li>no chain: the connection is closed (Envoy {@code NR filter_chain_not_found});</li>
 *   <li>a terminating chain: an {@link SslHandler} from the snapshot's server context for the
 *       chain's settings, then HTTP routed through the chain's routes (found again by name for
 *       each request) or a TCP forward of the decrypted bytes;</li>
 *   <li>a passthrough chain: a TCP forward of the raw bytes, ClientHello first;</li>
 *   <li>bytes that are not a TLS handshake: the port's plaintext target, or closed when it has none.</li>
 * </ul>
 * A client that sends no ClientHello within {@link #HANDSHAKE_TIMEOUT_MILLIS} is closed.
 */
final class TlsChainSelector extends AbstractSniHandler<TlsChain> {

    /** How long a connection may take to send its ClientHello (Envoy's TLS inspector waits 15 s). */
    static final long HANDSHAKE_TIMEOUT_MILLIS = 15_000;

    private static final System.Logger LOG = System.getLogger(TlsChainSelector.class.getName());
    private static final short TLS_HANDSHAKE_RECORD = 22;

    private final DownstreamChannelInitializer pipelines;
    private final SnapshotHolder snapshots;
    private final int gatewayPort;
    private final ProxyCounters counters;
    private boolean decided;
    private boolean tls;
    private boolean closing;
    private ProxySnapshot snapshot;

    TlsChainSelector(DownstreamChannelInitializer pipelines, SnapshotHolder snapshots, int gatewayPort,
                     ProxyCounters counters) {
        super(HANDSHAKE_TIMEOUT_MILLIS);
        this.pipelines = pipelines;
        this.snapshots = snapshots;
        this.gatewayPort = gatewayPort;
        this.counters = counters;
    }

    /** Notes whether the first byte starts a TLS handshake record before Netty looks for the ClientHello. */
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (closing) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (!decided && in.isReadable()) {
            decided = true;
            tls = in.getUnsignedByte(in.readerIndex()) == TLS_HANDSHAKE_RECORD;
        }
        super.decode(ctx, in, out);
    }

    /**
     * Called with the ClientHello's SNI ({@code null} when it has none), and also with {@code null}
     * for bytes that are not TLS at all; either way the snapshot is read here, once per connection.
     */
    @Override
    protected Future<TlsChain> lookup(ChannelHandlerContext ctx, String hostname) {
        snapshot = snapshots.current();
        PortListener listener = snapshot.table().listener(gatewayPort);
        TlsChain chain = listener == null || !tls ? null : listener.chainFor(hostname);
        return ctx.executor().newSucceededFuture(chain);
    }

    @Override
    protected void onLookupComplete(ChannelHandlerContext ctx, String hostname, Future<TlsChain> future) {
        if (!tls) {
            servePlaintext(ctx);
            return;
        }
        TlsChain chain = future.getNow();
        if (chain == null) {
            refuse(ctx);
            return;
        }
        Channel channel = ctx.channel();
        if (chain.termination().isEmpty()) {
            ctx.pipeline().replace(this, DownstreamChannelInitializer.TCP,
                    pipelines.tcpForwarder(channel, (TcpForward) chain.target()));
            return;
        }
        SslHandler ssl = newSslHandler(ctx, chain.termination().get());
        if (ssl == null) {
            return;
        }
        ssl.handshakeFuture().addListener(handshake -> {
            if (handshake.isSuccess()) {
                counters.countDownstreamTlsHandshake();
            }
        });
        pipelines.addTargetHandlers(channel, chain.target(), ConnectionRoutes.tlsChain(gatewayPort, chain.name(), hostname));
        ctx.pipeline().replace(this, DownstreamChannelInitializer.TLS, ssl);
    }

    private SslHandler newSslHandler(ChannelHandlerContext ctx, ServerTlsSettings settings) {
        try {
            SslContext context = snapshot.tls().server(settings);
            return context.newHandler(ctx.alloc());
        } catch (RuntimeException e) {
            counters.countUnexpectedError();
            LOG.log(System.Logger.Level.WARNING, "downstream " + ctx.channel().id().asShortText()
                    + ": no server TLS context for a chain of port " + gatewayPort, e);
            closing = true;
            ctx.close();
            return null;
        }
    }

    private void servePlaintext(ChannelHandlerContext ctx) {
        PortListener listener = snapshot.table().listener(gatewayPort);
        ChainTarget plaintext = listener == null ? null : listener.plaintext().orElse(null);
        if (plaintext == null) {
            refuse(ctx);
            return;
        }
        pipelines.addTargetHandlers(ctx.channel(), plaintext, ConnectionRoutes.plaintext(gatewayPort));
        ctx.pipeline().remove(this);
    }

    /** No chain takes the connection: Envoy's {@code filter_chain_not_found}; what was read is dropped. */
    private void refuse(ChannelHandlerContext ctx) {
        closing = true;
        counters.countNoFilterChain();
        ctx.close();
    }
}
