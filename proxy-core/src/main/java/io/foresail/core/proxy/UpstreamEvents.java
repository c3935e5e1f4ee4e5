package io.foresail.core.proxy;

import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;

/**
 * What an {@link UpstreamHandler} tells the exchange using its connection, on the connection's
 * event loop: an {@link Exchange}, or a {@link RequestMirror} on its own connection. The interface is also
 * the test seam of the handler.
 *
 * <p>Ownership: a {@link HttpContent} passed to {@link #onResponseContent} belongs to the receiver.
 */
interface UpstreamEvents {

    /** The decoded response head (its decoder result may be a failure). */
    void onResponseHead(HttpResponse response);

    /** A decoded response body chunk, possibly the last (its decoder result may be a failure). */
    void onResponseContent(HttpContent content);

    /** The upstream read burst ended. */
    void onUpstreamReadComplete();

    void onUpstreamWritabilityChanged(boolean writable);

    /** The connection closed while this exchange used it. */
    void onUpstreamClosed();

    /**
     * The connection delivered something that is not an HTTP/1.1 message (raw bytes after the
     * client codec stopped parsing); the handler closes the connection.
     */
    void onUpstreamProtocolError();
}
