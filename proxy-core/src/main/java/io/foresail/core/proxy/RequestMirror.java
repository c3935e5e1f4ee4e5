package io.foresail.core.proxy;

import io.foresail.core.pool.UpstreamConnectionPool;
import io.foresail.core.time.ProxyClock;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.ArrayDeque;

/**
 * One fire-and-forget copy of a request to an endpoint of a mirror cluster (Envoy's shadow
 * request): its own head, the body as it arrives, on a connection of the event loop's pool; the
 * response is read and discarded, and the connection goes back to the pool when it may carry
 * another request.
 *
 * <p>The mirror never holds up the client's request: it never suspends downstream reads. While
 * it connects, or while its connection is not writable, it holds the body chunks it is given, at
 * most {@link #HELD_BYTES_LIMIT} bytes (1 MiB); past that it is abandoned. Its connection's outbound
 * buffer stays within the channel's write-buffer high-water mark plus one chunk, since chunks are
 * held instead of written once the channel is not writable. Its whole life is bounded by a
 * timer on the {@link ProxyClock}, after which it is abandoned too. Failures and abandonments
 * are counted in {@link ProxyCounters}, never reported to the exchange.
 *
 * <p>Runs on the pool's event loop. Ownership: a chunk passed to {@link #send} is written, held
 * or released here; held chunks are released when the mirror ends.
 */
final class RequestMirror implements UpstreamEvents {

    /**
     * Most request body bytes held while the mirror connects or cannot take more: 1 MiB, what one
     * downstream read burst may deliver (Netty reads up to 16 times 64 KiB per burst) and Envoy's
     * default buffer limit. A mirror whose connection keeps up holds less than that while its own
     * writes complete (on io_uring, write completions come after reads of the same loop turn:
     * 320 KiB held were seen with a loopback upstream that reads as fast as it can).
     */
    static final int HELD_BYTES_LIMIT = 1024 * 1024;

    private final UpstreamConnectionPool pool;
    private final UpstreamTarget target;
    private final HttpRequest head;
    private final ProxyCounters counters;
    private final ArrayDeque<HttpContent> held = new ArrayDeque<>(4);
    private int heldBytes;
    private Channel channel;
    private UpstreamHandler handler;
    private ProxyClock.Timer deadline;
    private boolean lastSent;
    private boolean skippingInformational;
    private boolean reusable;
    private boolean done;

    /** @param head the mirror's own request head, written and released by the connection's codec */
    RequestMirror(UpstreamConnectionPool pool, UpstreamTarget target, HttpRequest head, ProxyCounters counters) {
        this.pool = pool;
        this.target = target;
        this.head = head;
        this.counters = counters;
    }

    /**
     * Writes the head on an idle pooled connection, or starts connecting; either way the mirror
     * is abandoned when it has not ended {@code timeoutNanos} from now.
     */
    void start(ProxyClock clock, long timeoutNanos) {
        counters.mirrorRequests.increment();
        deadline = clock.schedule(pool.loop(), this::timedOut, timeoutNanos);
        Channel idle = pool.pollIdle(target.key());
        if (idle != null) {
            attach(idle);
            idle.write(head, idle.voidPromise());
            return;
        }
        ChannelFuture connect = pool.connect(target.key(), target.sslContext());
        if (connect.isDone()) {
            onConnected(connect);
        } else {
            connect.addListener((ChannelFutureListener) this::onConnected);
        }
    }

    private void onConnected(ChannelFuture connect) {
        if (done) {
            if (connect.isSuccess()) {
                connect.channel().close();
            }
            return;
        }
        if (!connect.isSuccess()) {
            counters.mirrorFailures.increment();
            end();
            return;
        }
        Channel connected = connect.channel();
        attach(connected);
        connected.write(head, connected.voidPromise());
        writeHeld();
    }

    /** Whether the mirror has ended: completed, failed or abandoned. */
    boolean isDone() {
        return done;
    }

    /** Writes one request body chunk (not flushed), or holds it while the connection cannot take it. */
    void send(HttpContent content) {
        if (done) {
            content.release();
            return;
        }
        if (channel != null && held.isEmpty() && channel.isWritable()) {
            write(content);
            if (!channel.isWritable()) {
                // Push out now what is written rather than hold the next chunks until the end of the read.
                channel.flush();
            }
            return;
        }
        held.add(content);
        heldBytes += content.content().readableBytes();
        if (heldBytes > HELD_BYTES_LIMIT) {
            abandon();
        }
    }

    /** The downstream read burst ended: push what it gave the mirror out in one flush. */
    void flush() {
        if (channel != null && !done) {
            channel.flush();
        }
    }

    /** Gives up the mirror, counted as abandoned, unless it has already ended. */
    void abandon() {
        if (!done) {
            counters.mirrorsAbandoned.increment();
            close();
        }
    }

    private void timedOut() {
        deadline = null;
        abandon();
    }

    private void write(HttpContent content) {
        if (content instanceof LastHttpContent) {
            lastSent = true;
        }
        channel.write(content, channel.voidPromise());
    }

    /** Writes the held chunks while the connection takes them, then flushes. */
    private void writeHeld() {
        HttpContent content;
        while (channel != null && channel.isWritable() && (content = held.poll()) != null) {
            heldBytes -= content.content().readableBytes();
            write(content);
        }
        if (channel != null) {
            channel.flush();
        }
    }

    // ---- the mirror's connection --------------------------------------------------------------

    @Override
    public void onUpstreamWritabilityChanged(boolean writable) {
        if (writable && !done) {
            writeHeld();
        }
    }

    @Override
    public void onResponseHead(HttpResponse response) {
        if (response.decoderResult().isFailure()
                || response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
            fail();
            return;
        }
        if (response.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
            skippingInformational = true;
            return;
        }
        reusable = HttpUtil.isKeepAlive(response) && response.protocolVersion().equals(HttpVersion.HTTP_1_1);
    }

    @Override
    public void onResponseContent(HttpContent content) {
        boolean failed = content.decoderResult().isFailure();
        boolean last = content instanceof LastHttpContent;
        content.release();
        if (done) {
            return;
        }
        if (failed) {
            fail();
            return;
        }
        if (skippingInformational) {
            skippingInformational = !last;
            return;
        }
        if (!last) {
            return;
        }
        if (reusable && lastSent && held.isEmpty()) {
            releaseToPool();
        } else {
            // The mirror answered before taking the whole request, or will not keep the connection.
            close();
        }
        // Counted once the mirror has ended: whoever sees the count sees its connection released.
        counters.mirrorResponses.increment();
    }

    @Override
    public void onUpstreamReadComplete() {
        // The response is discarded as it arrives: nothing to push anywhere.
    }

    @Override
    public void onUpstreamClosed() {
        // The handler has already let go of this mirror.
        channel = null;
        handler = null;
        if (!done) {
            counters.mirrorFailures.increment();
            end();
        }
    }

    @Override
    public void onUpstreamProtocolError() {
        // The handler has already let go of this mirror and closes the connection.
        channel = null;
        handler = null;
        if (!done) {
            counters.mirrorFailures.increment();
            end();
        }
    }

    // ---- endings ------------------------------------------------------------------------------

    private void fail() {
        counters.mirrorFailures.increment();
        close();
    }

    private void releaseToPool() {
        Channel released = channel;
        detach();
        end();
        pool.release(released);
    }

    /** Ends the mirror: closes its connection (not reusable) and releases held chunks. */
    private void close() {
        Channel closing = channel;
        if (closing != null) {
            detach();
            closing.close();
        }
        end();
    }

    /** Ends the mirror without a connection: the timer cancelled, held chunks released. */
    private void end() {
        done = true;
        if (deadline != null) {
            deadline.cancel();
            deadline = null;
        }
        HttpContent content;
        while ((content = held.poll()) != null) {
            content.release();
        }
        heldBytes = 0;
    }

    private void attach(Channel connection) {
        channel = connection;
        handler = (UpstreamHandler) connection.pipeline().get(UpstreamConnectionPool.EXCHANGE);
        handler.bind(this);
    }

    private void detach() {
        handler.unbind(this);
        channel = null;
        handler = null;
    }
}
