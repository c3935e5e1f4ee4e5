package io.foresail.core.proxy;

import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The request body kept for a retry: retained duplicates of the chunks sent to the first try
 * (same memory, own indexes: nothing is copied), up to {@link #LIMIT} bytes. Past the limit the
 * replay is spent — its chunks are released and the request can no longer be retried — as
 * Envoy's retry buffer overflow.
 *
 * <p>Ownership: chunks kept here are released by {@link #overflow()} or {@link #release()};
 * {@link #replayTo} hands out new retained duplicates.
 */
final class RequestReplay {

    /** The largest body kept for a retry (Envoy's default per-request buffer limit is of this order). */
    static final int LIMIT = 64 * 1024;

    private final List<HttpContent> chunks = new ArrayList<>(4);
    private int bytes;
    private boolean spent;
    private boolean complete;

    /**
     * Keeps a duplicate of {@code content} (the caller keeps its own reference).
     *
     * @return false when the body outgrew the limit: nothing is kept any more
     */
    boolean keep(HttpContent content) {
        if (spent) {
            return false;
        }
        bytes += content.content().readableBytes();
        if (bytes > LIMIT) {
            overflow();
            return false;
        }
        chunks.add(content.retainedDuplicate());
        if (content instanceof LastHttpContent) {
            complete = true;
        }
        return true;
    }

    /** Whether the body seen so far can be sent again. */
    boolean replayable() {
        return !spent;
    }

    /** Whether the end of the body is among the kept chunks. */
    boolean complete() {
        return complete;
    }

    /** Sends the kept chunks, as new duplicates, through {@code sink}, in order. */
    void replayTo(Consumer<HttpContent> sink) {
        for (HttpContent chunk : chunks) {
            sink.accept(chunk.retainedDuplicate());
        }
    }

    /** The body is too large to replay: releases what was kept. */
    void overflow() {
        spent = true;
        release();
    }

    /** No retry will follow: releases what was kept. */
    void release() {
        for (HttpContent chunk : chunks) {
            chunk.release();
        }
        chunks.clear();
    }
}
