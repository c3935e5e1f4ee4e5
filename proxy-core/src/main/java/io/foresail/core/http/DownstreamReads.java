package io.foresail.core.http;

import io.netty.channel.Channel;
import java.util.Objects;

/**
 * The one owner of read suspension on a downstream connection. Every party that needs the client
 * to stop sending for a while holds a {@link Reason}; {@code autoRead} is on exactly when no reason
 * is held, so one party resuming can never undo another's pause.
 *
 * <p>It also knows when the connection is {@link #closing() closing}: the response being written is
 * its last, so reads stop for good and no further request may be passed on, even one already read.
 *
 * <p>One instance per connection, shared by its handlers; used on the connection's event loop only.
 */
public final class DownstreamReads {

    /** Why reads are suspended. Each reason has one holder, which suspends and resumes it. */
    public enum Reason {
        /** The pipelining gate holds requests until the current response is complete. */
        PIPELINE_GATE,
        /** The exchange is connecting upstream; body chunks would pile up meanwhile. */
        UPSTREAM_CONNECTING,
        /** The upstream connection cannot take more of the request body for now. */
        UPSTREAM_UNWRITABLE,
        /** Fault injection delays the request; body chunks would pile up meanwhile. */
        FAULT_DELAY;

        private final int bit = 1 << ordinal();
    }

    private final Channel channel;
    private int held;
    private boolean closing;

    /** @param channel the downstream connection; reads are assumed on ({@code autoRead}) at the start */
    public DownstreamReads(Channel channel) {
        this.channel = Objects.requireNonNull(channel, "channel");
    }

    /** Holds {@code reason}; reads stop if it is the first reason held. Holding it twice is one hold. */
    public void suspend(Reason reason) {
        int before = held;
        held |= reason.bit;
        if (before == 0) {
            channel.config().setAutoRead(false);
        }
    }

    /** Releases {@code reason}; reads resume if no other reason is held. Releasing a reason not held does nothing. */
    public void resume(Reason reason) {
        int before = held;
        held &= ~reason.bit;
        if (before != 0 && held == 0 && !closing) {
            channel.config().setAutoRead(true);
        }
    }

    /**
     * The connection closes once the response being written is out: reads stop for good and
     * {@link #isClosing()} tells the handlers to drop any request they still hold.
     */
    public void closing() {
        closing = true;
        channel.config().setAutoRead(false);
    }

    /** Whether the connection is closing: nothing more it received may be served. */
    public boolean isClosing() {
        return closing;
    }

    /** Whether {@code reason} is held. */
    public boolean isHeld(Reason reason) {
        return (held & reason.bit) != 0;
    }

    /** Whether reads are on: no reason is held and the connection is not closing. */
    public boolean isReading() {
        return held == 0 && !closing;
    }
}
