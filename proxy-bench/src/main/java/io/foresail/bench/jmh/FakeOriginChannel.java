package io.foresail.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/**
 * An in-JVM origin behind a pooled upstream connection. The pool's {@code Bootstrap} creates it
 * (hence public, with a public no-argument constructor), registers it on the downstream channel's
 * {@link io.netty.channel.embedded.EmbeddedEventLoop} and connects it at once. Every request head
 * written to it (a buffer ending in an empty line: a request without body) is released and, on the
 * loop's next run of pending tasks, answered with a keep-alive {@code 200} of {@link #BODY}, read as
 * one buffer as from a socket. Everything else written is released.
 */
public final class FakeOriginChannel extends EmbeddedChannel {

    /** 64 bytes, as the nginx origin of the side-by-side runs returns. */
    static final String BODY = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde\n";

    private static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\nServer: origin\r\nContent-Type: text/plain\r\n"
            + "Content-Length: " + BODY.length() + "\r\n\r\n" + BODY).getBytes(StandardCharsets.ISO_8859_1);
    private static final int END_OF_HEAD = ('\r' << 24) | ('\n' << 16) | ('\r' << 8) | '\n';

    private final Runnable respond = this::respond;
    private int requests;
    private String firstRequestHead;

    public FakeOriginChannel() {
        super(false, false);
    }

    @Override
    protected void handleOutboundMessage(Object msg) {
        if (msg instanceof ByteBuf buf && buf.readableBytes() >= 4 && buf.getInt(buf.writerIndex() - 4) == END_OF_HEAD) {
            if (firstRequestHead == null) {
                firstRequestHead = buf.toString(StandardCharsets.ISO_8859_1);
            }
            buf.release();
            eventLoop().execute(respond);
            return;
        }
        ReferenceCountUtil.release(msg);
    }

    private void respond() {
        requests++;
        ByteBuf read = alloc().directBuffer(RESPONSE.length).writeBytes(RESPONSE);
        pipeline().fireChannelRead(read);
        pipeline().fireChannelReadComplete();
    }

    /** Requests answered on this connection. */
    int requests() {
        return requests;
    }

    /** The first request head received, as the proxy wrote it; {@code null} before one arrived. */
    String firstRequestHead() {
        return firstRequestHead;
    }
}
