package io.foresail.core.upstream;

import io.foresail.config.table.Percentage;
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

    /**
     * Whether one request falls inside {@code percentage} (a fault, a mirror): no ticket is drawn
     * when the answer is fixed (0 % never, 100 % always).
     */
    default boolean draws(Percentage percentage) {
        if (percentage.isNever()) {
            return false;
        }
        return percentage.isAlways() || percentage.applies(next(Percentage.SCALE));
    }

    /** Uniform tickets from the calling thread's {@link ThreadLocalRandom}: no contention between event loops. */
    static TicketSource random() {
        return bound -> ThreadLocalRandom.current().nextInt(bound);
    }
}
