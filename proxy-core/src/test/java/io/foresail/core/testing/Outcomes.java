package io.foresail.core.testing;

import io.foresail.core.proxy.ExchangeObserver;
import io.foresail.core.proxy.ExchangeOutcome;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Collects finished exchanges so tests can assert flags; waits are bounded. */
public final class Outcomes implements ExchangeObserver {

    private final LinkedBlockingQueue<ExchangeOutcome> outcomes = new LinkedBlockingQueue<>();

    @Override
    public void onComplete(ExchangeOutcome outcome) {
        outcomes.add(outcome);
    }

    /** The next finished exchange, waiting at most 5 s. */
    public ExchangeOutcome next() throws InterruptedException {
        ExchangeOutcome outcome = outcomes.poll(5, TimeUnit.SECONDS);
        if (outcome == null) {
            throw new AssertionError("no exchange finished within 5 s");
        }
        return outcome;
    }
}
