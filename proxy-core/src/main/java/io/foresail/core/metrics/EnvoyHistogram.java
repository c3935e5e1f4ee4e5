package io.foresail.core.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * A histogram with Envoy's default bucket bounds (0.5 … 3,600,000, the bounds of Istio's
 * {@code istio_request_duration_milliseconds} and byte histograms), counted in {@link LongAdder}s:
 * every event loop records into it without a lock and without allocating. Values are whole numbers
 * of a raw unit (nanoseconds, bytes); {@code rawPerReported} converts them to the reported unit
 * (milliseconds, bytes) for the bounds and the sum.
 */
final class EnvoyHistogram {

    /** Envoy's default histogram bucket bounds, in the reported unit (the admin docs' {@code histogram_buckets}). */
    static final double[] BOUNDS = {0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000,
            300000, 600000, 1800000, 3600000};

    /** {@link #BOUNDS} with {@code +Inf} last, as the Prometheus snapshot takes them. */
    static final double[] UPPER_BOUNDS = withInfinity(BOUNDS);

    /** Inclusive bounds in the raw unit: for a whole number v, {@code v <= b} exactly when {@code v <= floor(b)}. */
    private final long[] rawBounds;
    private final double rawPerReported;
    /** Per bucket, not cumulative; the last one counts what is above the last bound. */
    private final LongAdder[] buckets = new LongAdder[UPPER_BOUNDS.length];
    private final LongAdder rawSum = new LongAdder();

    /** @param rawPerReported raw units per reported unit: 1,000,000 for nanoseconds reported as milliseconds */
    EnvoyHistogram(long rawPerReported) {
        if (rawPerReported < 1) {
            throw new IllegalArgumentException("rawPerReported: " + rawPerReported + " (expected: >= 1)");
        }
        this.rawPerReported = rawPerReported;
        this.rawBounds = new long[BOUNDS.length];
        for (int i = 0; i < BOUNDS.length; i++) {
            rawBounds[i] = (long) Math.floor(BOUNDS[i] * rawPerReported);
        }
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    /** Records {@code raw} (negative values count as 0). */
    void record(long raw) {
        long value = Math.max(0, raw);
        buckets[bucketOf(value)].increment();
        rawSum.add(value);
    }

    private int bucketOf(long value) {
        int low = 0;
        int high = rawBounds.length;
        while (low < high) { // the first bound >= value; rawBounds.length when there is none (+Inf)
            int middle = (low + high) >>> 1;
            if (rawBounds[middle] < value) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** The count of each bucket, not cumulative, {@code +Inf} last. */
    long[] bucketCounts() {
        long[] counts = new long[buckets.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = buckets[i].sum();
        }
        return counts;
    }

    /** The sum of the recorded values, in the reported unit. */
    double sum() {
        return rawSum.sum() / rawPerReported;
    }

    private static double[] withInfinity(double[] bounds) {
        double[] upper = new double[bounds.length + 1];
        System.arraycopy(bounds, 0, upper, 0, bounds.length);
        upper[bounds.length] = Double.POSITIVE_INFINITY;
        return upper;
    }
}
