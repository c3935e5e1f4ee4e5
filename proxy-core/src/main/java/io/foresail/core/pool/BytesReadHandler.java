package io.foresail.core.pool;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * First handler of every pooled upstream connection after TLS, if any: counts the bytes read
 * (decrypted, so TLS records such as session tickets or close_notify do not count), before any
 * HTTP decoding, so an exchange can tell whether the upstream sent anything at all while
 * it used the connection (even a partial status line the codec never reports).
 */
final class BytesReadHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = "bytes-read";

    private long bytesRead;

    long bytesRead() {
        return bytesRead;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            bytesRead += buf.readableBytes();
        }
        ctx.fireChannelRead(msg);
    }
}
