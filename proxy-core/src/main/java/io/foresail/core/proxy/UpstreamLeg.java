package io.foresail.core.proxy;

import io.foresail.core.pool.PoolKey;
import io.foresail.core.pool.UpstreamConnectionPool;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslContext;
import java.net.SocketAddress;
import java.util.ArrayDeque;

/**
 * The upstream half of one {@link Exchange}: the connection it uses, an idle one from the event
 * loop's pool or a new one, and the request written to it in order, head first. Body chunks are
 * held only while connecting; the exchange pauses downstream reads meanwhile, so that is at most
 * what one downstream read produced.
 *
 * <p>Ownership: a chunk passed to {@link #send} is written, held, or released here.
 */
final class UpstreamLeg {

    private final Exchange exchange;
    private final UpstreamConnectionPool pool;
    private final PoolKey key;
    private final SslContext sslContext;
    private final HttpRequest head;
    private Channel channel;
    private UpstreamHandler handler;
    private ArrayDeque<HttpContent> pending;
    private boolean connecting;
    private boolean reused;
    private long bytesReadBefore;
    private boolean responseBytesReceived;
    private boolean lastReceived;
    private boolean lastSent;
    private boolean done;

    /** @param sslContext the client context of {@code key}'s TLS identity, or {@code null} for plaintext */
    UpstreamLeg(Exchange exchange, UpstreamConnectionPool pool, PoolKey key, SslContext sslContext, HttpRequest head) {
        this.exchange = exchange;
        this.pool = pool;
        this.key = key;
        this.sslContext = sslContext;
        this.head = head;
    }

    /**
     * Writes the head on an idle pooled connection, or starts connecting and reports to
     * {@link Exchange#onUpstreamConnected} or {@link Exchange#onUpstreamConnectFailed}.
     *
     * @return true when the head went out at once on a pooled connection
     */
    boolean open() {
        Channel idle = pool.pollIdle(key);
        if (idle != null) {
            reused = true;
            attach(idle);
            idle.write(head, idle.voidPromise());
            return true;
        }
        connect();
        return false;
    }

    /**
     * Sends the request again on a new connection after the pooled one closed before answering:
     * the head and, the request being complete and bodyless, its end.
     */
    void reopen() {
        reused = false;
        lastSent = false;
        connect();
    }

    private void connect() {
        connecting = true;
        ChannelFuture connect = pool.connect(key, sslContext);
        if (connect.isDone()) {
            onConnected(connect);
        } else {
            connect.addListener((ChannelFutureListener) this::onConnected);
        }
    }

    private void onConnected(ChannelFuture connect) {
        connecting = false;
        if (done) {
            if (connect.isSuccess()) {
                connect.channel().close();
            }
            return;
        }
        if (!connect.isSuccess()) {
            exchange.onUpstreamConnectFailed(connect.cause());
            return;
        }
        Channel connected = connect.channel();
        attach(connected);
        connected.write(head, connected.voidPromise());
        if (pending != null) {
            HttpContent content;
            while ((content = pending.poll()) != null) {
                write(content);
            }
        }
        if (lastReceived && !lastSent) {
            write(LastHttpContent.EMPTY_LAST_CONTENT);
        }
        connected.flush();
        exchange.onUpstreamConnected(connected.isWritable());
    }

    /**
     * Writes one request body chunk (not flushed), or holds it while connecting.
     *
     * @return false when the upstream connection cannot take more for now
     */
    boolean send(HttpContent content) {
        if (content instanceof LastHttpContent) {
            lastReceived = true;
        }
        if (channel != null) {
            write(content);
            return channel.isWritable();
        }
        if (connecting && !done) {
            if (pending == null) {
                pending = new ArrayDeque<>(4);
            }
            pending.add(content);
        } else {
            content.release();
        }
        return true;
    }

    private void write(HttpContent content) {
        channel.write(content, channel.voidPromise());
        if (content instanceof LastHttpContent) {
            lastSent = true;
        }
    }

    void flush() {
        if (channel != null) {
            channel.flush();
        }
    }

    /** The proxy's address on the upstream connection, or {@code null} while there is none. */
    SocketAddress localAddress() {
        return channel == null ? null : channel.localAddress();
    }

    boolean isConnecting() {
        return connecting;
    }

    /** Whether the connection came from the pool (and so may have been closed by the upstream meanwhile). */
    boolean wasReused() {
        return reused;
    }

    /**
     * Whether the upstream sent any byte on the connection while this leg used it: the start of
     * a response, however little of it the codec could decode.
     */
    boolean responseBytesReceived() {
        return responseBytesReceived || (channel != null && UpstreamConnectionPool.bytesRead(channel) > bytesReadBefore);
    }

    /** Whether the whole request, its end included, has been written. */
    boolean requestSent() {
        return lastSent;
    }

    /** Reads responses from the upstream, or stops while the client cannot keep up. */
    void readResponses(boolean read) {
        if (channel != null) {
            channel.config().setAutoRead(read);
        }
    }

    /** The connection closed by itself; the exchange decides what follows. */
    void detachClosed() {
        responseBytesReceived = responseBytesReceived();
        channel = null;
        handler = null;
    }

    /** Gives the connection back to the pool for the next request; it carried a complete exchange. */
    void releaseToPool() {
        Channel released = channel;
        if (released != null) {
            detach();
            pool.release(released);
        }
        done = true;
    }

    /** Abandons the leg: closes its connection (not reusable) and releases held chunks. */
    void close() {
        done = true;
        Channel closing = channel;
        if (closing != null) {
            detach();
            closing.close();
        }
        if (pending != null) {
            HttpContent content;
            while ((content = pending.poll()) != null) {
                content.release();
            }
        }
    }

    private void attach(Channel connection) {
        channel = connection;
        bytesReadBefore = UpstreamConnectionPool.bytesRead(connection);
        handler = (UpstreamHandler) connection.pipeline().get(UpstreamConnectionPool.EXCHANGE);
        handler.bind(exchange);
    }

    private void detach() {
        handler.unbind(exchange);
        channel = null;
        handler = null;
    }
}
