package io.foresail.core.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;

/** The handler of a TCP forward's upstream channel: hands every event to the {@link TcpConnection}. */
final class TcpUpstreamHandler extends ChannelInboundHandlerAdapter {

    private final TcpConnection connection;

    TcpUpstreamHandler(TcpConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            connection.onRead(TcpConnection.Side.UPSTREAM, buf);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        connection.onReadComplete(TcpConnection.Side.UPSTREAM);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        connection.onWritabilityChanged(TcpConnection.Side.UPSTREAM);
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            connection.onInputShutdown(TcpConnection.Side.UPSTREAM);
            return;
        }
        ReferenceCountUtil.release(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.onInactive(TcpConnection.Side.UPSTREAM);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        connection.onException(TcpConnection.Side.UPSTREAM, cause);
    }
}
