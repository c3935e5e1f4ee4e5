package io.foresail.core.tcp;

import io.foresail.config.table.TcpForward;
import io.foresail.core.upstream.LoadBalancers;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.Objects;

/**
 * Last (and only) handler of a downstream connection served by a TCP forward: opens the upstream
 * connection as soon as it is added to an active channel and hands every event to the
 * connection's {@link TcpConnection}. Whatever was read before it was added (a passthrough
 * connection's ClientHello, passed on by the SNI handler it replaces) is forwarded first, untouched.
 * Behind a TLS handler (a terminated chain), the client's close_notify ends its input as a TCP
 * half-close does.
 */
public final class TcpForwardHandler extends ChannelInboundHandlerAdapter {

    private final TcpForward target;
    private final LoadBalancers balancers;
    private final TcpForwarding forwarding;
    private TcpConnection connection;

    /**
     * @param target     the forward of the port or TLS chain, from the snapshot read for this connection
     * @param balancers  the load balancers of this connection's event loop
     * @param forwarding what all forwarded connections of the server share
     */
    public TcpForwardHandler(TcpForward target, LoadBalancers balancers, TcpForwarding forwarding) {
        this.target = Objects.requireNonNull(target, "target");
        this.balancers = Objects.requireNonNull(balancers, "balancers");
        this.forwarding = Objects.requireNonNull(forwarding, "forwarding");
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start(ctx);
        ctx.fireChannelActive();
    }

    private void start(ChannelHandlerContext ctx) {
        if (connection == null) {
            connection = new TcpConnection(ctx.channel(), forwarding);
            connection.start(target, balancers);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf && connection != null) {
            connection.onRead(TcpConnection.Side.DOWNSTREAM, buf);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (connection != null) {
            connection.onReadComplete(TcpConnection.Side.DOWNSTREAM);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (connection != null) {
            connection.onWritabilityChanged(TcpConnection.Side.DOWNSTREAM);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (connection != null && (evt instanceof ChannelInputShutdownEvent
                || (evt instanceof SslCloseCompletionEvent closeNotify && closeNotify.isSuccess()))) {
            // A TCP half-close, or the client's close_notify: the end of its input either way.
            connection.onInputShutdown(TcpConnection.Side.DOWNSTREAM);
            return;
        }
        ReferenceCountUtil.release(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (connection != null) {
            connection.onInactive(TcpConnection.Side.DOWNSTREAM);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (connection != null) {
            connection.onException(TcpConnection.Side.DOWNSTREAM, cause);
        } else {
            ctx.close();
        }
    }
}
