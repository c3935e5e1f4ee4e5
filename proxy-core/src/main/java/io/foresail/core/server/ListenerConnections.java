package io.foresail.core.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.util.concurrent.atomic.LongAdder;

/**
 * The downstream connections one Gateway port has accepted since the process started, and how many
 * of them are open now (draining ones included, until they close): Envoy's
 * {@code downstream_cx_total} and {@code downstream_cx_active}. Counted on the event loops, read
 * by the metrics layer.
 */
final class ListenerConnections {

    private final LongAdder accepted = new LongAdder();
    private final LongAdder active = new LongAdder();
    private final ChannelFutureListener onClose = closed -> active.decrement();

    /** Counts {@code channel}, just accepted, until it closes. */
    void accepted(Channel channel) {
        accepted.increment();
        active.increment();
        channel.closeFuture().addListener(onClose);
    }

    long total() {
        return accepted.sum();
    }

    long active() {
        return active.sum();
    }
}
