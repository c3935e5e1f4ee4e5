package io.foresail.core.time;

import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Where the data plane's time comes from: the monotonic clock and the timers of route timeouts,
 * retry back-offs and fault delays. The stock clock is {@link System#nanoTime()} and the event
 * loop's own scheduler; tests pass a {@code ManualClock} that fires timers when told to, so that
 * timing behaviour is checked without sleeping.
 */
public interface ProxyClock {

    /** Monotonic time in nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /** Wall-clock time in milliseconds since the epoch, as {@link System#currentTimeMillis()} (access-log start times). */
    default long currentTimeMillis() {
        return System.currentTimeMillis();
    }

    /**
     * Runs {@code task} on {@code loop} once {@code delayNanos} have passed.
     *
     * @return a handle that cancels the task if it has not run yet
     */
    Timer schedule(EventExecutor loop, Runnable task, long delayNanos);

    /** A scheduled task; {@link #cancel()} after it ran does nothing. */
    @FunctionalInterface
    interface Timer {
        void cancel();
    }

    /** {@link System#nanoTime()} and the event loop's scheduler. */
    static ProxyClock system() {
        return SystemClock.INSTANCE;
    }

    /** The stock clock. */
    enum SystemClock implements ProxyClock {
        INSTANCE;

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public Timer schedule(EventExecutor loop, Runnable task, long delayNanos) {
            io.netty.util.concurrent.ScheduledFuture<?> future = loop.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        }
    }
}
