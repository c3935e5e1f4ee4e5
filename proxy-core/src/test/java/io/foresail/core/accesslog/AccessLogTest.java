package io.foresail.core.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.core.proxy.ExchangeObserver;
import io.foresail.core.proxy.ExchangeOutcome;
import io.foresail.core.testing.Closer;
import io.foresail.core.testing.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AccessLogTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String PROXIED_LINE = TextLinesTest.line(SampleOutcomes.proxied());

    @RegisterExtension
    final Closer closer = new Closer();

    private final ManualClock clock = new ManualClock();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger(AccessLog.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureWarnings() {
        logger.addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        logger.removeHandler(capture);
    }

    /**
     * An output whose writes each wait for a permit from the test ({@link #allow}) once
     * {@link #gate()} was called, and that counts writes, flushes and the writes begun.
     */
    private static final class GatedOutput extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Semaphore permits = new Semaphore(0);
        private final Semaphore begun = new Semaphore(0);
        private final AtomicInteger writes = new AtomicInteger();
        private final AtomicInteger flushes = new AtomicInteger();
        private volatile boolean gated;

        void gate() {
            gated = true;
        }

        void allow(int count) {
            permits.release(count);
        }

        void open() {
            gated = false;
            permits.release(1_000);
        }

        /** Waits, bounded, until the writer is in its next write. */
        void awaitWriteBegun() throws InterruptedException {
            assertThat(begun.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("the writer began a write").isTrue();
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            begun.release();
            if (gated) {
                try {
                    if (!permits.tryAcquire(WAIT.toMillis() * 2, TimeUnit.MILLISECONDS)) {
                        throw new IOException("the test never allowed this write");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            synchronized (bytes) {
                bytes.write(b, off, len);
            }
            writes.incrementAndGet();
        }

        @Override
        public void flush() {
            flushes.incrementAndGet();
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }

        long lines() {
            return text().chars().filter(c -> c == '\n').count();
        }
    }

    private AccessLog start(OutputStream out, int capacity) {
        return closer.register(AccessLog.start(AccessLogFormat.TEXT, out, capacity, clock));
    }

    private static void awaitUntil(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("waited too long for: %s", what).isNegative();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /** Offers {@code count} outcomes on another thread and waits, bounded, for that to return. */
    private static void offerElsewhere(ExchangeObserver log, int count) throws Exception {
        CompletableFuture.runAsync(() -> {
            for (int i = 0; i < count; i++) {
                log.onComplete(SampleOutcomes.proxied());
            }
        }).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void eachFinishedRequestBecomesOneLineFlushedOnceTheQueueIsDrained() {
        GatedOutput out = new GatedOutput();
        AccessLog log = start(out, 16);
        for (int i = 0; i < 3; i++) {
            log.onComplete(SampleOutcomes.proxied());
        }
        awaitUntil("three lines flushed", () -> out.lines() == 3 && out.flushes.get() > 0);
        assertThat(out.text()).isEqualTo(PROXIED_LINE.repeat(3));
    }

    @Test
    void linesQueuedWhileTheOutputIsBusyGoOutInOneWriteAndOneFlush() throws Exception {
        GatedOutput out = new GatedOutput();
        out.gate();
        AccessLog log = start(out, 128);
        log.onComplete(SampleOutcomes.proxied());
        out.awaitWriteBegun();
        offerElsewhere(log, 100);
        out.open();
        awaitUntil("101 lines", () -> out.lines() == 101);
        awaitUntil("the second flush", () -> out.flushes.get() == 2);
        assertThat(out.writes.get()).as("one write for the first line, one for the 100 queued behind it").isEqualTo(2);
    }

    @Test
    void fullQueueDropsAndCountsInsteadOfBlocking() throws Exception {
        GatedOutput out = new GatedOutput();
        out.gate();
        AccessLog log = start(out, 4);
        log.onComplete(SampleOutcomes.proxied());
        out.awaitWriteBegun();
        // the writer is stuck writing the first line: four fit in the queue, three do not
        offerElsewhere(log, 7);
        assertThat(log.dropped()).as("outcomes offered to a full queue").isEqualTo(3);
        out.open();
        awaitUntil("the first line and the four queued", () -> out.lines() == 5);
        assertThat(log.dropped()).isEqualTo(3);
    }

    @Test
    void droppedLinesAreWarnedAboutAtMostOncePerInterval() throws Exception {
        GatedOutput out = new GatedOutput();
        out.gate();
        AccessLog log = start(out, 2);
        log.onComplete(SampleOutcomes.proxied());
        out.awaitWriteBegun();
        // while the first line is being written, two more fit in the queue and one does not
        offerElsewhere(log, 3);
        out.allow(1);
        out.awaitWriteBegun();
        awaitUntil("the first warning", () -> warnings.size() == 1);
        assertThat(warnings.get(0)).contains("access log: 1 line dropped").contains("1 in all");

        offerElsewhere(log, 3);
        out.allow(1);
        out.awaitWriteBegun();
        assertThat(log.dropped()).isEqualTo(2);
        assertThat(warnings).as("a second drop within the interval is not warned about yet").hasSize(1);

        clock.advance(AccessLog.DROP_WARNING_INTERVAL);
        out.open();
        awaitUntil("the second warning", () -> warnings.size() == 2);
        assertThat(warnings.get(1)).contains("1 line dropped since the last warning").contains("2 in all");
    }

    @Test
    void closeWritesEveryQueuedLineThenStops() {
        GatedOutput out = new GatedOutput();
        AccessLog log = AccessLog.start(AccessLogFormat.JSON, out, 1024, clock);
        for (int i = 0; i < 500; i++) {
            log.onComplete(SampleOutcomes.proxied());
        }
        log.close();
        assertThat(out.lines()).as("lines written by the time close returned").isEqualTo(500);
        assertThat(out.flushes.get()).as("flushed before close returned").isPositive();
        assertThat(log.dropped()).isZero();
    }

    @Test
    void failedWriteCountsItsLinesAsDropped() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("broken pipe");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("broken pipe");
            }
        };
        AccessLog log = start(broken, 16);
        log.onComplete(SampleOutcomes.proxied());
        log.onComplete(SampleOutcomes.proxied());
        awaitUntil("both lines counted lost", () -> log.dropped() == 2);
        awaitUntil("a warning", () -> !warnings.isEmpty());
    }

    @Test
    void lineThatCannotBeFormattedIsDroppedAndLaterLinesStillWritten() {
        GatedOutput out = new GatedOutput();
        AccessLog log = start(out, 16);
        ExchangeOutcome proxied = SampleOutcomes.proxied();
        log.onComplete(new ExchangeOutcome(proxied.gatewayPort(), proxied.method(), proxied.path(), 200, null, null, null,
                0, 1, proxied.downstream(), null));
        log.onComplete(proxied);
        awaitUntil("the good line", () -> out.lines() == 1);
        assertThat(out.text()).isEqualTo(PROXIED_LINE);
        assertThat(log.dropped()).isEqualTo(1);
    }

    @Test
    void offWritesNothingAndObservesNothing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AccessLog log = AccessLog.start(Optional.empty(), out);
        assertThat(log.observer()).as("nothing to tell when off").isSameAs(ExchangeObserver.NONE);
        log.onComplete(SampleOutcomes.proxied());
        log.close();
        assertThat(out.size()).isZero();
        assertThat(log.dropped()).isZero();
    }

    @Test
    void onIsItsOwnObserver() {
        AccessLog log = closer.register(AccessLog.start(Optional.of(AccessLogFormat.TEXT), new ByteArrayOutputStream()));
        assertThat(log.observer()).isSameAs(log);
    }
}
