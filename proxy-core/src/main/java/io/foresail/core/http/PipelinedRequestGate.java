package io.foresail.core.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * Serialises HTTP/1.1 pipelining: once a request has been read completely, further requests on
 * the connection are held back until its response has been written completely, so the handler
 * after this one only ever sees one request at a time. Held messages are bounded: the first one
 * held suspends reads ({@link DownstreamReads.Reason#PIPELINE_GATE}) until they have been released;
 * releasing them resumes only that reason, so reads stay off while anything else holds them.
 *
 * <p>Once the connection is {@link DownstreamReads#closing() closing} (the response being written
 * is the last), held requests are released and dropped, and nothing more is passed on.
 *
 * <p>Sits after the server codec, before the proxy handler. Informational (1xx) responses do not
 * complete a request.
 */
public final class PipelinedRequestGate extends ChannelDuplexHandler {

    private final DownstreamReads reads;
    private boolean requestComplete;
    private boolean responseComplete = true;
    private boolean informationalResponse;
    private ArrayDeque<Object> held;
    private boolean drainScheduled;

    /** @param reads the read suspension of this connection, shared with the proxy handler */
    public PipelinedRequestGate(DownstreamReads reads) {
        this.reads = Objects.requireNonNull(reads, "reads");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (reads.isClosing()) {
            ReferenceCountUtil.release(msg);
            releaseHeld();
            return;
        }
        if (isHolding() || (held != null && !held.isEmpty())) {
            hold(ctx, msg);
            return;
        }
        pass(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response) {
            informationalResponse = response.status().codeClass() == io.netty.handler.codec.http.HttpStatusClass.INFORMATIONAL;
        }
        if (msg instanceof LastHttpContent) {
            if (informationalResponse) {
                informationalResponse = false;
            } else {
                responseComplete = true;
                if (held != null && !held.isEmpty() && !drainScheduled) {
                    drainScheduled = true;
                    ctx.channel().eventLoop().execute(() -> drain(ctx));
                }
            }
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        releaseHeld();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseHeld();
    }

    /** True while the current request has been read but its response is not yet complete. */
    private boolean isHolding() {
        return requestComplete && !responseComplete;
    }

    private void pass(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
            requestComplete = false;
            responseComplete = false;
        }
        if (msg instanceof LastHttpContent) {
            requestComplete = true;
        }
        ctx.fireChannelRead(msg);
    }

    private void hold(ChannelHandlerContext ctx, Object msg) {
        if (held == null) {
            held = new ArrayDeque<>(4);
        }
        held.add(msg);
        reads.suspend(DownstreamReads.Reason.PIPELINE_GATE);
    }

    private void drain(ChannelHandlerContext ctx) {
        drainScheduled = false;
        if (held == null || !ctx.channel().isActive() || reads.isClosing()) {
            releaseHeld();
            return;
        }
        boolean fired = false;
        while (!held.isEmpty() && !isHolding()) {
            pass(ctx, held.poll());
            fired = true;
        }
        if (fired) {
            ctx.fireChannelReadComplete();
        }
        if (held.isEmpty()) {
            reads.resume(DownstreamReads.Reason.PIPELINE_GATE);
        }
    }

    private void releaseHeld() {
        if (held != null) {
            Object msg;
            while ((msg = held.poll()) != null) {
                ReferenceCountUtil.release(msg);
            }
        }
    }
}
