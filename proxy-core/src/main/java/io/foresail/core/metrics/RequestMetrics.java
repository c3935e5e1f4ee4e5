package io.foresail.core.metrics;

import io.foresail.config.table.Cluster;
import io.foresail.config.table.Endpoint;
import io.foresail.config.table.RoutingTable;
import io.foresail.core.proxy.ExchangeObserver;
import io.foresail.core.proxy.ExchangeOutcome;
import io.foresail.core.tcp.TcpObserver;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.prometheus.metrics.model.registry.MultiCollector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Istio's standard request and TCP metrics, and {@code foresail.upstream.rq}, recorded from every
 * finished exchange and every TCP-forwarded connection.
 *
 * <p>Binding: {@link #follow} runs on the config thread for each snapshot before it is published
 * (and for the first one): every cluster gets its {@link ClusterMeters} (one
 * {@link DestinationMeters} per distinct {@link DestinationLabels} of its endpoints, one for
 * requests that reached no endpoint, {@code foresail.upstream.rq} per status class registered
 * with Micrometer here). Clusters that a reload removes keep their meters until the process ends:
 * their counters never go back, and requests still finishing on the old snapshot count where they
 * belong. A changed cluster keeps its series and adds those of its new endpoint labels.
 *
 * <p>Recording: {@link #onComplete} and the returned {@link TcpObserver.TcpMeters} run on the
 * event loops. They read the cluster map (one volatile read, one lookup by name), find the
 * destination by the endpoint's label map (identity, then equality, among a handful) and add to
 * {@link LongAdder}s; a (code, flag) pair seen for the first time on a destination makes its
 * counters once in a fixed slot table (see {@link DestinationMeters}). No lock, no Micrometer call,
 * no tag built, no label taken from a request. Requests without a cluster (404 {@code NR}, 503
 * {@code NC}, 400 {@code DPE}) count under destination {@code unknown}.
 *
 * <p>Scraping: {@link #collector()} turns the series into Prometheus snapshots when
 * {@code /stats/prometheus} is read, off the event loops ({@link IstioCollector}).
 */
public final class RequestMetrics implements ExchangeObserver, TcpObserver {

    private final MeterRegistry registry;
    private final DestinationMeters unknown = new DestinationMeters(DestinationLabels.NONE);
    /** By cluster name; replaced whole by {@link #follow}, read by every event loop. */
    private volatile Map<String, ClusterMeters> clusters = Map.of();
    /** Every destination bound so far, in binding order: what a scrape reports. Replaced whole. */
    private volatile List<DestinationMeters> destinations;
    /** Guarded by {@code this}: the destinations by their labels, so that equal labels share series. */
    private final Map<DestinationLabels, DestinationMeters> byLabels = new LinkedHashMap<>();
    /** Guarded by {@code this}: the table bound last. */
    private RoutingTable followed;

    /** @param registry where {@code foresail.upstream.rq} is registered */
    public RequestMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        byLabels.put(DestinationLabels.NONE, unknown);
        destinations = List.of(unknown);
    }

    /**
     * Binds the meters of {@code table}'s clusters; the same table again does nothing. Call it on the
     * config thread before the table is served (the launcher's {@code SnapshotHolder} does).
     */
    public synchronized void follow(RoutingTable table) {
        Objects.requireNonNull(table, "table");
        if (table == followed) {
            return;
        }
        followed = table;
        Map<String, ClusterMeters> next = new HashMap<>(clusters);
        for (Cluster cluster : table.clusters().values()) {
            next.put(cluster.name(), bind(cluster, next.get(cluster.name())));
        }
        clusters = Map.copyOf(next);
        destinations = List.copyOf(byLabels.values());
    }

    private ClusterMeters bind(Cluster cluster, ClusterMeters previous) {
        List<Map<String, String>> labelSets = new ArrayList<>();
        List<DestinationMeters> meters = new ArrayList<>();
        for (Endpoint endpoint : cluster.endpoints()) {
            Map<String, String> labels = endpoint.labels();
            if (!labels.isEmpty() && !labelSets.contains(labels)) {
                labelSets.add(labels);
                meters.add(destination(DestinationLabels.of(cluster.host(), labels)));
            }
        }
        if (previous != null) {
            // Requests still finishing on the previous snapshot find the labels they were picked with.
            for (int i = 0; i < previous.endpointLabels().size(); i++) {
                if (!labelSets.contains(previous.endpointLabels().get(i))) {
                    labelSets.add(previous.endpointLabels().get(i));
                    meters.add(previous.destinations().get(i));
                }
            }
        }
        DestinationMeters noEndpoint = destination(DestinationLabels.of(cluster.host(), Map.of()));
        LongAdder[] upstreamRequests = previous != null ? previous.upstreamRequests() : upstreamRequests(cluster.name());
        return new ClusterMeters(labelSets, meters, noEndpoint, upstreamRequests);
    }

    private DestinationMeters destination(DestinationLabels labels) {
        return byLabels.computeIfAbsent(labels, DestinationMeters::new);
    }

    private LongAdder[] upstreamRequests(String clusterName) {
        LongAdder[] counts = new LongAdder[ClusterMeters.CODE_CLASSES.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
            // Micrometer holds the adder weakly; the cluster map keeps it, for the life of the process.
            FunctionCounter.builder("foresail.upstream.rq", counts[i], LongAdder::sum)
                    .tag("cluster", clusterName)
                    .tag("code_class", ClusterMeters.CODE_CLASSES[i])
                    .description("Requests routed to the cluster, by the class of the status sent downstream "
                            + "(none: no response was sent)")
                    .register(registry);
        }
        return counts;
    }

    @Override
    public void onComplete(ExchangeOutcome outcome) {
        String clusterName = outcome.clusterName();
        ClusterMeters cluster = clusterName == null ? null : clusters.get(clusterName);
        DestinationMeters destination;
        if (cluster == null) {
            destination = unknown;
        } else {
            ExchangeOutcome.Forwarded forwarded = outcome.forwarded();
            destination = forwarded == null ? cluster.noEndpoint() : cluster.destination(forwarded.endpointLabels());
            cluster.countUpstreamRequest(outcome.status());
        }
        ExchangeOutcome.Downstream downstream = outcome.downstream();
        destination.recordRequest(outcome.status(), outcome.flag(), outcome.durationNanos(),
                downstream == null ? 0 : downstream.bytesReceived(), downstream == null ? 0 : downstream.bytesSent());
    }

    @Override
    public TcpMeters meters(String clusterName, Map<String, String> endpointLabels) {
        ClusterMeters cluster = clusterName == null ? null : clusters.get(clusterName);
        return cluster == null ? unknown : cluster.destination(endpointLabels);
    }

    /** The Prometheus collector of the Istio series, for the registry that serves {@code /stats/prometheus}. */
    public MultiCollector collector() {
        return new IstioCollector(() -> destinations);
    }
}
