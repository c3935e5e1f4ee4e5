package io.foresail.core.metrics;

import io.foresail.core.http.ResponseFlag;
import java.util.concurrent.atomic.LongAdder;

/** The Istio TCP series of one destination and one response flag: connections opened and closed, bytes both ways. */
final class TcpSeries {

    final ResponseFlag flag;
    final LongAdder opened = new LongAdder();
    final LongAdder closed = new LongAdder();
    /** From the client, relayed upstream ({@code istio_tcp_received_bytes_total}). */
    final LongAdder received = new LongAdder();
    /** From the upstream, relayed to the client ({@code istio_tcp_sent_bytes_total}). */
    final LongAdder sent = new LongAdder();

    TcpSeries(ResponseFlag flag) {
        this.flag = flag;
    }
}
