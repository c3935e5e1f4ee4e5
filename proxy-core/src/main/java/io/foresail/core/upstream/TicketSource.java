package io.foresail.core.upstream;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Draws the ticket that picks one of a route's weighted destinations
 * ({@link io.foresail.config.table.Forward#pick(int)}). The stock source is
 * {@link ThreadLocalRandom}; tests pass a fixed sequence.
 */
@FunctionalInterface
public interface TicketSource {

    /** A ticket in {@code [0, bound)}; {@code bound > 0}. */
    int next(int bound);

    /** Uniform tickets from the calling thread's {@link ThreadLocalRandom}: no contention between event loops. */
    static TicketSource random() {
        return bound -> ThreadLocalRandom.current().nextInt(bound);
    }
}
