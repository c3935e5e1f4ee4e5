package io.foresail.core.metrics;

import io.foresail.core.http.ResponseFlag;
import java.util.concurrent.atomic.LongAdder;

/**
 * The Istio HTTP series of one destination and one (response code, response flag): the request
 * count and the duration, request-size and response-size histograms. Lock-free to record into.
 */
final class RequestSeries {

    private static final long NANOS_PER_MILLI = 1_000_000;

    /** The response code, or -1 for the overflow series of a destination. */
    final int code;
    /** The response flag, or {@code null} for the overflow series. */
    final ResponseFlag flag;
    final LongAdder requests = new LongAdder();
    final EnvoyHistogram durationMillis = new EnvoyHistogram(NANOS_PER_MILLI);
    final EnvoyHistogram requestBytes = new EnvoyHistogram(1);
    final EnvoyHistogram responseBytes = new EnvoyHistogram(1);

    RequestSeries(int code, ResponseFlag flag) {
        this.code = code;
        this.flag = flag;
    }

    void record(long durationNanos, long bytesReceived, long bytesSent) {
        requests.increment();
        durationMillis.record(durationNanos);
        requestBytes.record(bytesReceived);
        responseBytes.record(bytesSent);
    }

    /** The {@code response_code} label: the status, {@code 0} when none was sent, {@code other} for the overflow series. */
    String codeLabel() {
        return code < 0 ? "other" : Integer.toString(code);
    }

    /** The {@code response_flags} label: Envoy's {@code %RESPONSE_FLAGS%} ({@code -} for none), or {@code other}. */
    String flagLabel() {
        return flag == null ? "other" : flag.code();
    }
}
