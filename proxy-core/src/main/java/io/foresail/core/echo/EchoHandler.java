package io.foresail.core.echo;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Answers every request so that a person with curl can see which upstream served it:
 * <ul>
 *   <li>a request with a body gets the body streamed back unchanged (same framing), chunk by chunk;</li>
 *   <li>{@code GET /...?size=N} gets {@code N} bytes of {@code 'x'}, streamed in 64 KiB chunks;</li>
 *   <li>anything else gets a short text: server name, request line and request headers; with
 *       {@code ?status=N} (100 < N < 600) under that status, with {@code ?delay=MS} after that many
 *       milliseconds (at most a minute; scheduled on the event loop), to show retries and timeouts.</li>
 * </ul>
 * Every response carries {@code x-echo-server: <name>}. Bodies are never aggregated; the echo
 * path applies backpressure by pausing reads while the channel is not writable.
 */
final class EchoHandler extends ChannelInboundHandlerAdapter {

    static final String SERVER_HEADER = "x-echo-server";
    private static final int CHUNK = 64 * 1024;
    private static final int MAX_DELAY_MILLIS = 60_000;

    private final String name;
    private boolean echoingBody;

    EchoHandler(String name) {
        this.name = name;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            onRequest(ctx, request);
        }
        if (msg instanceof HttpContent content) {
            onContent(ctx, content);
        } else if (!(msg instanceof HttpRequest)) {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onRequest(ChannelHandlerContext ctx, HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            FullHttpResponse bad = new DefaultFullHttpResponse(request.protocolVersion(), HttpResponseStatus.BAD_REQUEST);
            bad.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0).set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(bad).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        boolean hasBody = HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
        if (hasBody) {
            echoingBody = true;
            HttpResponse head = new DefaultHttpResponse(request.protocolVersion(), HttpResponseStatus.OK);
            head.headers().set(SERVER_HEADER, name);
            String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType != null ? contentType : "application/octet-stream");
            if (HttpUtil.isTransferEncodingChunked(request)) {
                HttpUtil.setTransferEncodingChunked(head, true);
            } else {
                HttpUtil.setContentLength(head, HttpUtil.getContentLength(request, 0L));
            }
            HttpUtil.setKeepAlive(head, keepAlive);
            ctx.write(head);
            return;
        }
        echoingBody = false;
        Map<String, List<String>> parameters = new QueryStringDecoder(request.uri()).parameters();
        List<String> size = parameters.get("size");
        if (size != null && request.method().equals(HttpMethod.GET)) {
            streamBytes(ctx, request, parseSize(size.get(0)), keepAlive);
            return;
        }
        HttpResponseStatus status = HttpResponseStatus.valueOf(parseBounded(parameters.get("status"), 200, 101, 599));
        long delayMillis = parseBounded(parameters.get("delay"), 0, 0, MAX_DELAY_MILLIS);
        if (delayMillis > 0) {
            ctx.executor().schedule(() -> {
                describe(ctx, request, status, keepAlive);
                ctx.flush();
            }, delayMillis, TimeUnit.MILLISECONDS);
        } else {
            describe(ctx, request, status, keepAlive);
        }
    }

    /** The first value of a query parameter as an int in {@code [min, max]}, else {@code fallback}. */
    private static int parseBounded(List<String> values, int fallback, int min, int max) {
        if (values == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(values.get(0));
            return value < min || value > max ? fallback : value;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private void onContent(ChannelHandlerContext ctx, HttpContent content) {
        if (!echoingBody) {
            content.release();
            return;
        }
        boolean last = content instanceof LastHttpContent;
        if (last) {
            echoingBody = false;
            ctx.writeAndFlush(new io.netty.handler.codec.http.DefaultLastHttpContent(content.content()));
        } else {
            ctx.write(new DefaultHttpContent(content.content()));
            if (!ctx.channel().isWritable()) {
                ctx.flush();
                // The flush may have drained the buffer (and fired writability) already.
                if (!ctx.channel().isWritable()) {
                    ctx.channel().config().setAutoRead(false);
                }
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void describe(ChannelHandlerContext ctx, HttpRequest request, HttpResponseStatus status, boolean keepAlive) {
        StringBuilder text = new StringBuilder(256)
                .append(name).append('\n')
                .append(request.method()).append(' ').append(request.uri()).append(' ').append(request.protocolVersion()).append('\n');
        for (Map.Entry<String, String> header : request.headers()) {
            text.append(header.getKey().toLowerCase(java.util.Locale.ROOT)).append(": ").append(header.getValue()).append('\n');
        }
        ByteBuf body = ByteBufUtil.writeUtf8(ctx.alloc(), text);
        FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(), status, body);
        response.headers()
                .set(SERVER_HEADER, name)
                .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        if (request.method().equals(HttpMethod.HEAD)) {
            response.content().clear();
        }
        finish(ctx, response, keepAlive);
    }

    private void streamBytes(ChannelHandlerContext ctx, HttpRequest request, long size, boolean keepAlive) {
        HttpResponse head = new DefaultHttpResponse(request.protocolVersion(), HttpResponseStatus.OK);
        head.headers().set(SERVER_HEADER, name).set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
        HttpUtil.setContentLength(head, size);
        HttpUtil.setKeepAlive(head, keepAlive);
        ctx.write(head);
        new ByteStreamer(ctx, size, keepAlive).writeMore();
    }

    private static void finish(ChannelHandlerContext ctx, HttpResponse response, boolean keepAlive) {
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.write(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static long parseSize(String value) {
        try {
            return Math.max(0L, Math.min(Long.parseLong(value), 1L << 40));
        } catch (NumberFormatException e) {
            return 0L;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /** Writes {@code size} filler bytes, pausing while the channel is not writable. */
    private static final class ByteStreamer {
        private static final ByteBuf FILLER = Unpooled.unreleasableBuffer(
                Unpooled.directBuffer(CHUNK).writeBytes("x".repeat(CHUNK).getBytes(StandardCharsets.US_ASCII)).asReadOnly());

        private final ChannelHandlerContext ctx;
        private final boolean keepAlive;
        private long remaining;

        ByteStreamer(ChannelHandlerContext ctx, long size, boolean keepAlive) {
            this.ctx = ctx;
            this.remaining = size;
            this.keepAlive = keepAlive;
        }

        void writeMore() {
            while (remaining > 0 && ctx.channel().isWritable()) {
                int length = (int) Math.min(CHUNK, remaining);
                remaining -= length;
                ctx.write(new DefaultHttpContent(FILLER.retainedSlice(0, length)));
            }
            if (remaining > 0) {
                ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> {
                    if (f.isSuccess()) {
                        writeMore();
                    }
                });
                return;
            }
            var done = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            if (!keepAlive) {
                done.addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
