package io.foresail.core.pool;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

/**
 * Sits right after the {@link io.netty.handler.ssl.SslHandler} of an upstream TLS connection until
 * its handshake succeeds, then leaves the pipeline. Until then the connection belongs to no
 * exchange and the handshake's outcome is reported through the pool's connect future (a failed
 * handshake is a connect failure), so errors are not passed on to the exchange handler: the
 * connection is closed instead.
 */
final class HandshakeGuardHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = "tls-handshake-guard";

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent completion) {
            if (completion.isSuccess()) {
                ctx.pipeline().remove(this);
            } else {
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
