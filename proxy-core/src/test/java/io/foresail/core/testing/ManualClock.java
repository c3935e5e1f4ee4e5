package io.foresail.core.testing;

import io.foresail.core.time.ProxyClock;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ProxyClock} whose time moves only when a test calls {@link #advance}: the timers then
 * due run on their event loops, in order of their deadlines (a timer without delay runs at once). Thread-safe, so a test thread drives
 * the clock of a proxy serving on its own event loops.
 */
public final class ManualClock implements ProxyClock {

    private final List<Task> tasks = new ArrayList<>();
    private long now;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized Timer schedule(EventExecutor loop, Runnable task, long delayNanos) {
        if (delayNanos <= 0) {
            // due at once, as the event loop's own scheduler runs it
            loop.execute(task);
            return () -> { };
        }
        Task scheduled = new Task(loop, task, now + delayNanos);
        tasks.add(scheduled);
        notifyAll();
        return () -> {
            synchronized (ManualClock.this) {
                tasks.remove(scheduled);
            }
        };
    }

    /** Moves time on by {@code step} and runs the timers that are then due. */
    public void advance(Duration step) {
        List<Task> due = new ArrayList<>();
        synchronized (this) {
            now += step.toNanos();
            for (Task task : List.copyOf(tasks)) {
                if (task.deadline <= now) {
                    due.add(task);
                    tasks.remove(task);
                }
            }
        }
        due.sort(Comparator.comparingLong(Task::deadline));
        for (Task task : due) {
            task.loop.execute(task.task);
        }
    }

    /** The number of timers waiting to fire. */
    public synchronized int pending() {
        return tasks.size();
    }

    /** Waits (bounded by {@code timeout}) until at least {@code count} timers are waiting. */
    public synchronized void awaitPending(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (tasks.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " pending timers within " + timeout + ", have " + tasks.size());
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    private record Task(EventExecutor loop, Runnable task, long deadline) {
    }
}
