package io.foresail.core.proxy;

/**
 * Told once about every finished exchange, on the event loop that served it: the hook for access
 * logs and request metrics. Implementations must be fast and must not block.
 */
@FunctionalInterface
public interface ExchangeObserver {

    ExchangeObserver NONE = outcome -> { };

    void onComplete(ExchangeOutcome outcome);

    /** This observer, then {@code next}. */
    default ExchangeObserver andThen(ExchangeObserver next) {
        if (next == NONE) {
            return this;
        }
        if (this == NONE) {
            return next;
        }
        return outcome -> {
            onComplete(outcome);
            next.onComplete(outcome);
        };
    }
}
