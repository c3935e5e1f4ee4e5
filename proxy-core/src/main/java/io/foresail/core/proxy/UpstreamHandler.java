package io.foresail.core.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;

/**
 * The exchange end of a pooled upstream connection: delivers the decoded response, read
 * completion, writability and closure to the {@link Exchange} currently using the connection.
 * A connection in the pool has no exchange; anything it receives then is unsolicited, so the
 * connection is closed. Anything that is not an HTTP message (raw bytes: the codec stopped
 * parsing, as after a 2xx to CONNECT or a 101) is a protocol error of the exchange, and the
 * connection is closed, never pooled again.
 */
final class UpstreamHandler extends ChannelInboundHandlerAdapter {

    private static final System.Logger LOG = System.getLogger(UpstreamHandler.class.getName());

    private final ProxyCounters counters;
    private UpstreamEvents exchange;

    UpstreamHandler(ProxyCounters counters) {
        this.counters = counters;
    }

    void bind(UpstreamEvents next) {
        assert exchange == null : "connection already carries an exchange";
        exchange = next;
    }

    void unbind(UpstreamEvents current) {
        if (exchange == current) {
            exchange = null;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        UpstreamEvents current = exchange;
        if (current == null) {
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        if (!(msg instanceof HttpObject)) {
            ReferenceCountUtil.release(msg);
            exchange = null;
            current.onUpstreamProtocolError();
            ctx.close();
            return;
        }
        if (msg instanceof HttpResponse response) {
            current.onResponseHead(response);
        }
        if (msg instanceof HttpContent content) {
            if (exchange == current) {
                current.onResponseContent(content);
            } else {
                content.release();
            }
        } else if (!(msg instanceof HttpResponse)) {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        UpstreamEvents current = exchange;
        if (current != null) {
            current.onUpstreamReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        UpstreamEvents current = exchange;
        if (current != null) {
            current.onUpstreamWritabilityChanged(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        UpstreamEvents current = exchange;
        exchange = null;
        if (current != null) {
            current.onUpstreamClosed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException || TlsFailures.isTlsFailure(cause)) {
            // A network error, or a TLS record the upstream's connection could not decrypt or verify.
            counters.upstreamResets.increment();
        } else {
            counters.unexpectedErrors.increment();
            LOG.log(System.Logger.Level.WARNING, "upstream " + ctx.channel().id().asShortText() + ": unexpected error", cause);
        }
        ctx.close();
    }
}
