package io.foresail.core.accesslog;

import io.foresail.core.proxy.ExchangeObserver;
import io.foresail.core.proxy.ExchangeOutcome;
import io.foresail.core.time.ProxyClock;
import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The access log: one line per finished request, as an Istio gateway's Envoy writes it to
 * {@code /dev/stdout}, written off the event loops.
 *
 * <p>An event loop only offers the request's {@link ExchangeOutcome} to a bounded lock-free queue
 * ({@link #onComplete}); when the queue is full the line is dropped and counted ({@link #dropped()}),
 * never waited for. One daemon thread, {@code foresail-access-log}, takes the outcomes, formats
 * them ({@link AccessLogFormat}) into whole lines gathered in chunks of up to 64 KiB, writes each
 * chunk with one call, and flushes when the queue is empty, so a busy log costs one write per
 * chunk, not one per line. With nothing to write it sleeps for {@value #IDLE_PARK_MILLIS} ms at a
 * time: a line reaches the output at most about that long after its request ended. Dropped lines
 * are reported by a warning from the writer, at most once per {@link #DROP_WARNING_INTERVAL}.
 * {@link #close()} writes what is queued, flushes and stops the writer.
 */
public final class AccessLog implements ExchangeObserver, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AccessLog.class.getName());

    /** Outcomes that may wait for the writer; beyond them, lines are dropped. */
    public static final int DEFAULT_CAPACITY = 16_384;
    /** How long the writer sleeps when it has nothing to write. */
    static final long IDLE_PARK_MILLIS = 10;
    /** The least time between two warnings about dropped lines. */
    static final Duration DROP_WARNING_INTERVAL = Duration.ofSeconds(10);
    /** How long {@link #close()} waits for the writer to write what is queued. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);
    /** Lines are written out in chunks of about this many bytes, whole lines only. */
    private static final int CHUNK_BYTES = 64 * 1024;

    private static final AccessLog OFF = new AccessLog();

    private final Queue<ExchangeOutcome> queue;
    private final LongAdder dropped = new LongAdder();
    private final AccessLogFormat format;
    private final OutputStream out;
    private final ProxyClock clock;
    private final Thread writer;
    private volatile boolean closing;

    // ---- the writer thread's own state
    private final LineBuffer chunk;
    private int chunkLines;
    private boolean unflushed;
    private long reportedDrops;
    private long lastWarningNanos;
    private boolean warned;
    private boolean formatFailureLogged;

    private AccessLog() {
        queue = null;
        format = null;
        out = null;
        clock = null;
        writer = null;
        chunk = null;
    }

    private AccessLog(AccessLogFormat format, OutputStream out, int capacity, ProxyClock clock) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: >= 2)");
        }
        this.queue = PlatformDependent.newFixedMpscQueue(capacity);
        this.format = format;
        this.out = out;
        this.clock = clock;
        this.chunk = new LineBuffer(CHUNK_BYTES + 4096);
        this.writer = new Thread(this::run, "foresail-access-log");
        writer.setDaemon(true);
    }

    /**
     * The access log in {@code format} written to {@code out}, its writer started; or, for an empty
     * {@code format} ({@code --access-log off}), a log that writes nothing and observes nothing.
     */
    public static AccessLog start(Optional<AccessLogFormat> format, OutputStream out) {
        return format.map(chosen -> start(chosen, out, DEFAULT_CAPACITY, ProxyClock.system())).orElse(OFF);
    }

    /**
     * As above with the queue's {@code capacity} (rounded up to a power of two) and the {@code clock}
     * that spaces the drop warnings.
     */
    static AccessLog start(AccessLogFormat format, OutputStream out, int capacity, ProxyClock clock) {
        AccessLog log = new AccessLog(format, out, capacity, clock);
        log.writer.start();
        return log;
    }

    /** What to tell about finished exchanges: this log, or {@link ExchangeObserver#NONE} when it is off. */
    public ExchangeObserver observer() {
        return writer == null ? ExchangeObserver.NONE : this;
    }

    /** Queues the line of {@code outcome}, or drops and counts it when the queue is full. Never blocks. */
    @Override
    public void onComplete(ExchangeOutcome outcome) {
        if (queue != null && !queue.offer(outcome)) {
            dropped.increment();
        }
    }

    /** Lines lost so far: dropped because the queue was full, or lost in a failed write. */
    public long dropped() {
        return dropped.sum();
    }

    /** Writes the lines queued so far, flushes and stops the writer (waiting at most {@link #CLOSE_TIMEOUT}). */
    @Override
    public void close() {
        if (writer == null || closing) {
            return;
        }
        closing = true;
        LockSupport.unpark(writer);
        try {
            writer.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            LOG.warning("access log: writer still busy after " + CLOSE_TIMEOUT.toMillis()
                    + " ms (output blocked?); lines not yet written are lost");
        }
    }

    // ---- the writer thread ------------------------------------------------------------------------

    private void run() {
        while (true) {
            // read before polling: what was queued before close() is written before stopping
            boolean stopping = closing;
            ExchangeOutcome outcome = queue.poll();
            if (outcome != null) {
                append(outcome);
                if (chunk.length() >= CHUNK_BYTES) {
                    writeChunk();
                }
                continue;
            }
            writeChunk();
            flush();
            if (stopping) {
                return;
            }
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(IDLE_PARK_MILLIS));
        }
    }

    private void append(ExchangeOutcome outcome) {
        int mark = chunk.length();
        try {
            format.append(outcome, chunk);
            chunkLines++;
        } catch (RuntimeException bug) {
            chunk.truncate(mark);
            dropped.increment();
            if (!formatFailureLogged) {
                formatFailureLogged = true;
                LOG.log(Level.WARNING, "access log: a line could not be formatted and was dropped", bug);
            }
        }
    }

    private void writeChunk() {
        if (chunk.length() > 0) {
            try {
                chunk.writeTo(out);
                unflushed = true;
            } catch (IOException e) {
                dropped.add(chunkLines);
            }
            chunk.clear();
            chunkLines = 0;
        }
        warnAboutDrops();
    }

    private void flush() {
        if (!unflushed) {
            return;
        }
        unflushed = false;
        try {
            out.flush();
        } catch (IOException e) {
            // the lines were handed over; a later write reports a broken output
        }
    }

    /** Warns about lines dropped since the last warning, unless the last one is too recent. */
    private void warnAboutDrops() {
        long total = dropped.sum();
        if (total == reportedDrops) {
            return;
        }
        long now = clock.nanoTime();
        if (warned && now - lastWarningNanos < DROP_WARNING_INTERVAL.toNanos()) {
            return;
        }
        long lines = total - reportedDrops;
        LOG.warning("access log: " + lines + (lines == 1 ? " line" : " lines") + " dropped"
                + (warned ? " since the last warning" : "")
                + " (the queue was full: requests end faster than the output takes their lines; or a write failed); "
                + total + " in all");
        reportedDrops = total;
        lastWarningNanos = now;
        warned = true;
    }
}
