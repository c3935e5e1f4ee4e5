package io.foresail.core.server;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The graceful stop of the data plane, as Istio's gateway does it on SIGTERM, in three steps each
 * logged on one line:
 * <ol>
 *   <li>readiness fails at once ({@code failReadiness}) while the listeners go on accepting for the
 *       drain delay, so that load balancers see the 503 and stop sending before anything is refused;</li>
 *   <li>the listeners close ({@link ProxyServer#stopAccepting()}): idle keep-alive connections close,
 *       a request in progress is answered with {@code connection: close};</li>
 *   <li>the drained connections get up to the drain timeout to finish (TCP forwards run until their
 *       peers close them); those still open then are cut.</li>
 * </ol>
 * It runs once, on a thread of its own ({@link #start}); {@link #stopNow()} skips what is left of
 * the delay and the wait. Closing the server is left to the caller.
 */
public final class GracefulDrain {

    private static final System.Logger LOG = System.getLogger(GracefulDrain.class.getName());

    private final ProxyServer server;
    private final Runnable failReadiness;
    private final Duration delay;
    private final Duration timeout;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private boolean started;
    private boolean stopNow;
    private boolean listenersClosed;
    private boolean connectionsClosed;
    private boolean finished;

    /**
     * @param failReadiness makes the readiness endpoints answer 503 for good
     * @param delay         how long the listeners accept after readiness failed (a graceful drain)
     * @param timeout       how long the drained connections get before they are cut
     */
    public GracefulDrain(ProxyServer server, Runnable failReadiness, Duration delay, Duration timeout) {
        this.server = Objects.requireNonNull(server, "server");
        this.failReadiness = Objects.requireNonNull(failReadiness, "failReadiness");
        this.delay = requireNotNegative("delay", delay);
        this.timeout = requireNotNegative("timeout", timeout);
    }

    private static Duration requireNotNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: >= 0)");
        }
        return value;
    }

    /**
     * Starts the drain on its own thread, unless it has started already.
     *
     * @param graceful with the drain delay first; without it the listeners close at once
     * @return false when a drain had started before (this call changes nothing)
     */
    public boolean start(boolean graceful) {
        synchronized (lock) {
            if (started) {
                return false;
            }
            started = true;
        }
        Thread thread = new Thread(() -> run(graceful ? delay : Duration.ZERO), "foresail-drain");
        thread.setDaemon(true);
        thread.start();
        return true;
    }

    /** Skips what is left of the delay and of the wait for connections: those still open are cut now. */
    public void stopNow() {
        synchronized (lock) {
            stopNow = true;
            lock.notifyAll();
        }
    }

    /** Whether {@link #start} was called. */
    public boolean started() {
        synchronized (lock) {
            return started;
        }
    }

    /**
     * Waits until the drain has finished, at most {@code wait}.
     *
     * @return whether it has finished
     */
    public boolean awaitFinished(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (lock) {
            while (!finished) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    /**
     * Waits until the listeners have closed and every connection has been told to drain, at most {@code wait}.
     *
     * @return whether they have
     */
    public boolean awaitListenersClosed(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (lock) {
            while (!listenersClosed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    /** The longest a graceful drain can take: delay plus timeout, and a margin for closing the listeners. */
    public Duration longest() {
        return delay.plus(timeout).plusSeconds(5);
    }

    private void run(Duration delayNow) {
        long start = System.nanoTime();
        try {
            failReadiness.run();
            LOG.log(System.Logger.Level.INFO, "draining: readiness answers 503; listeners keep accepting for "
                    + delayNow.toMillis() + " ms");
            awaitUntil(start + delayNow.toNanos(), false);
            int open = server.stopAccepting();
            synchronized (lock) {
                listenersClosed = true;
                lock.notifyAll();
            }
            LOG.log(System.Logger.Level.INFO, "draining: listeners closed; " + connections(open)
                    + " still open, waiting up to " + timeout.toMillis() + " ms for them");
            server.drainedConnectionsClosed().addListener(closed -> {
                synchronized (lock) {
                    connectionsClosed = true;
                    lock.notifyAll();
                }
            });
            boolean stoppedNow = awaitUntil(System.nanoTime() + timeout.toNanos(), true);
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            int left = server.openConnections();
            if (left == 0) {
                LOG.log(System.Logger.Level.INFO, "drained in " + elapsed + " ms");
            } else {
                server.closeConnections();
                LOG.log(System.Logger.Level.WARNING, (stoppedNow ? "drain stopped at once" : "drain timeout")
                        + " after " + elapsed + " ms: " + connections(left)
                        + " cut (requests in progress, TCP forwards, connections that sent nothing)");
            }
        } finally {
            synchronized (lock) {
                finished = true;
                lock.notifyAll();
            }
        }
    }

    /**
     * Waits until {@code deadline} (a {@link System#nanoTime()} value), {@link #stopNow()}, or, with
     * {@code orConnectionsClosed}, until every drained connection has closed.
     *
     * @return whether {@link #stopNow()} ended the wait (or had been called before)
     */
    private boolean awaitUntil(long deadline, boolean orConnectionsClosed) {
        synchronized (lock) {
            while (!stopNow && !(orConnectionsClosed && connectionsClosed)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return true;
                }
            }
            return stopNow;
        }
    }

    private static String connections(int count) {
        return count + (count == 1 ? " connection" : " connections");
    }
}
