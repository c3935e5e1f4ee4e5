package io.foresail.core.proxy;

import io.foresail.core.http.DownstreamReads;
import io.foresail.core.http.DrainEvent;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.foresail.core.router.ConnectionRoutes;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Last handler of a downstream HTTP/1.1 connection: starts an {@link Exchange} for each request
 * head and hands it the body, read completion, writability and closure events. One request at a
 * time (the {@link io.foresail.core.http.PipelinedRequestGate} before it holds pipelined ones).
 * Closes the connection when it idles between requests, and after the request in progress once
 * its listener drains ({@link DrainEvent}).
 */
public final class ProxyHandler extends ChannelInboundHandlerAdapter {

    private static final System.Logger LOG = System.getLogger(ProxyHandler.class.getName());

    private final ProxyContext context;
    private final EventLoopUpstreams upstreams;
    private final ConnectionRoutes routes;
    private final DownstreamReads reads;
    private Exchange exchange;
    private String clientAddress;
    private ChannelHandlerContext ctx;
    /** Set by a {@link DrainEvent}: the connection closes after the request in progress. */
    private boolean draining;

    /**
     * @param context     what all exchanges of the server share
     * @param upstreams   the upstream state of this connection's event loop
     * @param gatewayPort the configured Gateway port of the listener (not the bound port)
     * @param reads       the read suspension of this connection, shared with the pipelining gate
     */
    public ProxyHandler(ProxyContext context, EventLoopUpstreams upstreams, int gatewayPort, DownstreamReads reads) {
        this(context, upstreams, ConnectionRoutes.plaintext(gatewayPort), reads);
    }

    /**
     * @param context   what all exchanges of the server share
     * @param upstreams the upstream state of this connection's event loop
     * @param routes    where this connection's requests find their routes (plaintext port or TLS chain)
     * @param reads     the read suspension of this connection, shared with the pipelining gate
     */
    public ProxyHandler(ProxyContext context, EventLoopUpstreams upstreams, ConnectionRoutes routes, DownstreamReads reads) {
        this.context = Objects.requireNonNull(context, "context");
        this.upstreams = Objects.requireNonNull(upstreams, "upstreams");
        this.routes = Objects.requireNonNull(routes, "routes");
        this.reads = Objects.requireNonNull(reads, "reads");
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            if (exchange != null) {
                ReferenceCountUtil.release(msg);
                context.counters().unexpectedErrors.increment();
                LOG.log(System.Logger.Level.WARNING, "downstream " + ctx.channel().id().asShortText()
                        + ": request head while another request is in progress; closing");
                ctx.close();
                return;
            }
            Exchange started = new Exchange(this, ctx, reads, context, upstreams, routes, request,
                    clientAddress(ctx));
            exchange = started;
            started.start();
        }
        if (msg instanceof HttpContent content) {
            Exchange current = exchange;
            if (current != null) {
                current.onRequestContent(content);
            } else {
                content.release();
            }
        } else if (!(msg instanceof HttpRequest)) {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        Exchange current = exchange;
        if (current != null) {
            current.onDownstreamReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Exchange current = exchange;
        if (current != null) {
            current.onDownstreamWritabilityChanged(ctx.channel().isWritable());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Exchange current = exchange;
        if (current != null) {
            current.onDownstreamClosed();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            if (exchange == null) {
                ctx.close();
            }
            return;
        }
        if (evt == DrainEvent.INSTANCE) {
            draining = true;
            if (exchange == null) {
                closeAfterWrites();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            context.counters().downstreamResets.increment();
        } else if (TlsFailures.isTlsFailure(cause)) {
            context.counters().countDownstreamTlsError(cause);
            LOG.log(System.Logger.Level.DEBUG, () -> "downstream " + ctx.channel().id().asShortText()
                    + ": TLS failure: " + TlsFailures.describe(cause));
        } else {
            context.counters().unexpectedErrors.increment();
            LOG.log(System.Logger.Level.WARNING, "downstream " + ctx.channel().id().asShortText() + ": unexpected error", cause);
        }
        ctx.close();
    }

    /** Called by the exchange when it has ended; the next request head may start a new one. */
    void exchangeFinished(Exchange finished) {
        if (exchange == finished) {
            exchange = null;
            if (draining) {
                closeAfterWrites();
            }
        }
    }

    /** Whether the connection's listener is gone: its response says {@code connection: close}. */
    boolean draining() {
        return draining;
    }

    /** Serves nothing more and closes once what was written is out. */
    private void closeAfterWrites() {
        reads.closing();
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    private String clientAddress(ChannelHandlerContext ctx) {
        String address = clientAddress;
        if (address == null) {
            address = ctx.channel().remoteAddress() instanceof InetSocketAddress socket && socket.getAddress() != null
                    ? socket.getAddress().getHostAddress()
                    : "";
            clientAddress = address;
        }
        return address;
    }
}
