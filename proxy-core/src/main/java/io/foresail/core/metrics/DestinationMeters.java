package io.foresail.core.metrics;

import io.foresail.core.http.ResponseFlag;
import io.foresail.core.tcp.TcpObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The Istio series of one destination (one {@link DestinationLabels}): HTTP series per (response
 * code, response flag) and TCP series per response flag. Made on the config thread when a snapshot
 * is bound; recorded into from every event loop.
 *
 * <p>Response codes are open-ended, so the HTTP series live in a fixed table of
 * {@value #REQUEST_SERIES} slots, found by open addressing on (code, flag): the first request of a
 * pair claims a free slot with one compare-and-set and makes its counters there, once; every
 * later one finds it and only increments. No lock, no meter registration, nothing on the
 * request path but reads and adds. Pairs beyond the table (a destination answering with more
 * than {@value #REQUEST_SERIES} different codes and flags) count together as one series with code
 * and flag {@code other}, which bounds what one upstream can add to the scrape.
 */
final class DestinationMeters implements TcpObserver.TcpMeters {

    /** How many (code, flag) pairs of one destination are kept apart. */
    static final int REQUEST_SERIES = 64;
    private static final int SLOT_BITS = 6;
    private static final int OVERFLOW = REQUEST_SERIES;
    private static final int MAX_CODE = 999;
    private static final ResponseFlag[] FLAGS = ResponseFlag.values();

    final DestinationLabels labels;
    /** {@link #REQUEST_SERIES} slots, then the overflow series. */
    private final AtomicReferenceArray<RequestSeries> requests = new AtomicReferenceArray<>(REQUEST_SERIES + 1);
    /** By {@link ResponseFlag#ordinal()}. */
    private final AtomicReferenceArray<TcpSeries> tcp = new AtomicReferenceArray<>(FLAGS.length);

    DestinationMeters(DestinationLabels labels) {
        this.labels = labels;
    }

    /** Counts one finished request that was answered {@code code} ({@code 0}: nothing was sent) with {@code flag}. */
    void recordRequest(int code, ResponseFlag flag, long durationNanos, long bytesReceived, long bytesSent) {
        requestSeries(code, flag).record(durationNanos, bytesReceived, bytesSent);
    }

    RequestSeries requestSeries(int code, ResponseFlag flag) {
        if (code < 0 || code > MAX_CODE) {
            return claim(OVERFLOW, -1, null);
        }
        int key = code * FLAGS.length + flag.ordinal();
        int slot = (key * 0x9E3779B9) >>> (Integer.SIZE - SLOT_BITS);
        for (int probe = 0; probe < REQUEST_SERIES; probe++) {
            RequestSeries series = requests.get(slot);
            if (series == null) {
                series = claim(slot, code, flag);
            }
            if (series.code == code && series.flag == flag) {
                return series;
            }
            slot = (slot + 1) & (REQUEST_SERIES - 1);
        }
        return claim(OVERFLOW, -1, null);
    }

    /** The series in {@code slot}, made for (code, flag) when the slot is still free. */
    private RequestSeries claim(int slot, int code, ResponseFlag flag) {
        RequestSeries series = requests.get(slot);
        if (series != null) {
            return series;
        }
        RequestSeries made = new RequestSeries(code, flag);
        return requests.compareAndSet(slot, null, made) ? made : requests.get(slot);
    }

    TcpSeries tcpSeries(ResponseFlag flag) {
        int slot = flag.ordinal();
        TcpSeries series = tcp.get(slot);
        if (series == null) {
            TcpSeries made = new TcpSeries(flag);
            series = tcp.compareAndSet(slot, null, made) ? made : tcp.get(slot);
        }
        return series;
    }

    /** The HTTP series seen so far, for a scrape. */
    List<RequestSeries> requestSeries() {
        List<RequestSeries> seen = new ArrayList<>();
        for (int slot = 0; slot < requests.length(); slot++) {
            RequestSeries series = requests.get(slot);
            if (series != null) {
                seen.add(series);
            }
        }
        return seen;
    }

    /** The TCP series seen so far, for a scrape. */
    List<TcpSeries> tcpSeries() {
        List<TcpSeries> seen = new ArrayList<>();
        for (int slot = 0; slot < tcp.length(); slot++) {
            TcpSeries series = tcp.get(slot);
            if (series != null) {
                seen.add(series);
            }
        }
        return seen;
    }

    @Override
    public void opened(ResponseFlag flag) {
        tcpSeries(flag).opened.increment();
    }

    @Override
    public void received(long bytes) {
        tcpSeries(ResponseFlag.NONE).received.add(bytes);
    }

    @Override
    public void sent(long bytes) {
        tcpSeries(ResponseFlag.NONE).sent.add(bytes);
    }

    @Override
    public void closed(ResponseFlag flag) {
        tcpSeries(flag).closed.increment();
    }
}
