package io.foresail.core.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Istio's standard metrics, with Istio's names and label names, read from the
 * {@link DestinationMeters} when the registry is scraped (off the event loops):
 * {@code istio_requests_total}, {@code istio_request_duration_milliseconds},
 * {@code istio_request_bytes}, {@code istio_response_bytes} (histograms with Envoy's bucket
 * bounds), {@code istio_tcp_connections_opened_total}, {@code istio_tcp_connections_closed_total},
 * {@code istio_tcp_received_bytes_total}, {@code istio_tcp_sent_bytes_total}. A gateway reports
 * {@code reporter="source"}; the source is the client, unknown without a mesh. Only series that
 * have seen a request or connection are written.
 *
 * <p>Written as Prometheus snapshots rather than Micrometer meters because a meter must exist
 * before its first recording, and registering one for a (code, flag) pair first seen on an event
 * loop would put a registration on the request path (or lose the requests before it).
 */
final class IstioCollector implements MultiCollector {

    static final String REQUESTS = "istio_requests";
    static final String DURATION = "istio_request_duration_milliseconds";
    static final String REQUEST_BYTES = "istio_request_bytes";
    static final String RESPONSE_BYTES = "istio_response_bytes";
    static final String TCP_OPENED = "istio_tcp_connections_opened";
    static final String TCP_CLOSED = "istio_tcp_connections_closed";
    static final String TCP_RECEIVED = "istio_tcp_received_bytes";
    static final String TCP_SENT = "istio_tcp_sent_bytes";

    private static final String UNKNOWN = DestinationLabels.UNKNOWN;

    /** Istio's label names, in Istio's order, without those of the response. */
    private static final String[] CONNECTION_LABELS = {
            "reporter",
            "source_workload", "source_workload_namespace", "source_principal", "source_app", "source_version",
            "source_canonical_service", "source_canonical_revision", "source_cluster",
            "destination_workload", "destination_workload_namespace", "destination_principal", "destination_app",
            "destination_version", "destination_service", "destination_service_name", "destination_service_namespace",
            "destination_canonical_service", "destination_canonical_revision", "destination_cluster",
            "request_protocol", "connection_security_policy", "response_flags"};
    private static final String[] REQUEST_LABELS = append(CONNECTION_LABELS, "response_code", "grpc_response_status");

    private final Supplier<List<DestinationMeters>> destinations;

    IstioCollector(Supplier<List<DestinationMeters>> destinations) {
        this.destinations = destinations;
    }

    @Override
    public MetricSnapshots collect() {
        CounterSnapshot.Builder requests = CounterSnapshot.builder().name(REQUESTS)
                .help("Requests the gateway answered (Istio standard metric)");
        HistogramSnapshot.Builder duration = HistogramSnapshot.builder().name(DURATION)
                .help("Request duration in milliseconds, from the request head to the end of the response");
        HistogramSnapshot.Builder requestBytes = HistogramSnapshot.builder().name(REQUEST_BYTES)
                .help("Request body sizes in bytes");
        HistogramSnapshot.Builder responseBytes = HistogramSnapshot.builder().name(RESPONSE_BYTES)
                .help("Response body sizes in bytes");
        CounterSnapshot.Builder opened = CounterSnapshot.builder().name(TCP_OPENED)
                .help("TCP-forwarded connections opened");
        CounterSnapshot.Builder closed = CounterSnapshot.builder().name(TCP_CLOSED)
                .help("TCP-forwarded connections closed");
        CounterSnapshot.Builder received = CounterSnapshot.builder().name(TCP_RECEIVED)
                .help("Bytes received from clients on TCP-forwarded connections (the request direction)");
        CounterSnapshot.Builder sent = CounterSnapshot.builder().name(TCP_SENT)
                .help("Bytes sent to clients on TCP-forwarded connections (the response direction)");
        int requestPoints = 0;
        int tcpPoints = 0;
        for (DestinationMeters destination : destinations.get()) {
            for (RequestSeries series : destination.requestSeries()) {
                Labels labels = Labels.of(REQUEST_LABELS, append(connectionValues(destination.labels, "http",
                        series.flagLabel()), series.codeLabel(), ""));
                requests.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                        .labels(labels).value(series.requests.sum()).build());
                duration.dataPoint(histogram(labels, series.durationMillis));
                requestBytes.dataPoint(histogram(labels, series.requestBytes));
                responseBytes.dataPoint(histogram(labels, series.responseBytes));
                requestPoints++;
            }
            for (TcpSeries series : destination.tcpSeries()) {
                Labels labels = Labels.of(CONNECTION_LABELS, connectionValues(destination.labels, "tcp", series.flag.code()));
                opened.dataPoint(counter(labels, series, tcp -> tcp.opened.sum()));
                closed.dataPoint(counter(labels, series, tcp -> tcp.closed.sum()));
                received.dataPoint(counter(labels, series, tcp -> tcp.received.sum()));
                sent.dataPoint(counter(labels, series, tcp -> tcp.sent.sum()));
                tcpPoints++;
            }
        }
        List<MetricSnapshot> snapshots = new ArrayList<>();
        if (requestPoints > 0) {
            snapshots.addAll(List.of(requests.build(), duration.build(), requestBytes.build(), responseBytes.build()));
        }
        if (tcpPoints > 0) {
            snapshots.addAll(List.of(opened.build(), closed.build(), received.build(), sent.build()));
        }
        return new MetricSnapshots(snapshots);
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(REQUESTS, DURATION, REQUEST_BYTES, RESPONSE_BYTES, TCP_OPENED, TCP_CLOSED, TCP_RECEIVED, TCP_SENT);
    }

    /** The values of {@link #CONNECTION_LABELS}. */
    private static String[] connectionValues(DestinationLabels destination, String protocol, String flag) {
        return new String[] {
                "source",
                UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN,
                UNKNOWN, UNKNOWN, UNKNOWN, destination.app(),
                destination.version(), destination.service(), destination.serviceName(), destination.serviceNamespace(),
                destination.canonicalService(), destination.canonicalRevision(), UNKNOWN,
                protocol, UNKNOWN, flag};
    }

    private static HistogramSnapshot.HistogramDataPointSnapshot histogram(Labels labels, EnvoyHistogram histogram) {
        return HistogramSnapshot.HistogramDataPointSnapshot.builder()
                .labels(labels)
                .classicHistogramBuckets(ClassicHistogramBuckets.of(EnvoyHistogram.UPPER_BOUNDS, histogram.bucketCounts()))
                .sum(histogram.sum())
                .build();
    }

    private static CounterSnapshot.CounterDataPointSnapshot counter(Labels labels, TcpSeries series,
                                                                   ToLongFunction<TcpSeries> value) {
        return CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels).value(value.applyAsLong(series)).build();
    }

    private static String[] append(String[] first, String... more) {
        String[] joined = new String[first.length + more.length];
        System.arraycopy(first, 0, joined, 0, first.length);
        System.arraycopy(more, 0, joined, first.length, more.length);
        return joined;
    }
}
