package io.foresail.core.admin;

import io.foresail.core.metrics.ProxyMetrics;
import io.foresail.core.runtime.ReloadStatus;
import io.foresail.core.runtime.SnapshotHolder;
import io.foresail.core.upstream.EndpointHealthTable;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;

/**
 * The paths served on the status, admin and metrics ports, as Envoy and Istio's gateway serve them:
 * status {@code /healthz/ready}; admin {@code /ready}, {@code /server_info}, {@code /listeners},
 * {@code /config_dump}, {@code /routes}, {@code /clusters}, {@code /stats/prometheus}, POST
 * {@code /healthcheck/fail}, {@code /healthcheck/ok} and {@code /logging} ({@link LoggingEndpoint});
 * metrics {@code /stats/prometheus}. POST {@code /drain_listeners} is {@link #drainListeners}, added by
 * whoever owns the drain.
 * After {@code /healthcheck/fail} both readiness paths answer 503 until {@code /healthcheck/ok}
 * (Envoy's way to drain a gateway out of its load balancer before stopping it); once
 * {@link #startDraining()} was called (the proxy is stopping) they answer 503 for good, and
 * {@code /server_info} says {@code DRAINING} in either case, as Envoy's does.
 */
public final class AdminEndpoints {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final SnapshotHolder snapshots;
    private final BooleanSupplier ready;
    private final IntUnaryOperator boundPort;
    private final ProxyMetrics metrics;
    private final String version;
    private final Supplier<ReloadStatus> reloadStatus;
    private final EndpointHealthTable endpointHealth;
    private final AtomicBoolean failingHealthChecks = new AtomicBoolean();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AdminEndpoint logging = new LoggingEndpoint();

    /**
     * @param ready     true once the config is loaded and every listener is bound
     * @param boundPort the actual port serving a Gateway port, 0 while it is not bound
     * @param endpointHealth the connect outcomes per endpoint, for {@code /clusters}
     */
    public AdminEndpoints(SnapshotHolder snapshots, BooleanSupplier ready, IntUnaryOperator boundPort,
                          ProxyMetrics metrics, String version, Supplier<ReloadStatus> reloadStatus,
                          EndpointHealthTable endpointHealth) {
        this.endpointHealth = endpointHealth;
        this.snapshots = snapshots;
        this.ready = ready;
        this.boundPort = boundPort;
        this.metrics = metrics;
        this.version = version;
        this.reloadStatus = reloadStatus;
    }

    public Map<String, AdminEndpoint> status() {
        return Map.of("/healthz/ready", AdminEndpoint.get(p -> readiness()),
                "/ready", AdminEndpoint.get(p -> readiness()));
    }

    public Map<String, AdminEndpoint> metrics() {
        return Map.of("/stats/prometheus", AdminEndpoint.get(p -> prometheus()));
    }

    public Map<String, AdminEndpoint> admin() {
        return Map.ofEntries(
                Map.entry("/ready", AdminEndpoint.get(p -> readiness())),
                Map.entry("/routes", AdminEndpoint.get(p -> AdminResponse.json(RouteTablesDump.of(snapshots.current().table())))),
                Map.entry("/clusters", AdminEndpoint.get(p -> AdminResponse.json(ClustersDump.of(snapshots.current().table(), endpointHealth)))),
                Map.entry("/healthcheck/fail", AdminEndpoint.post(() -> healthChecks(true))),
                Map.entry("/healthcheck/ok", AdminEndpoint.post(() -> healthChecks(false))),
                Map.entry("/server_info", AdminEndpoint.get(p -> serverInfo())),
                Map.entry("/listeners", AdminEndpoint.get(p -> listeners())),
                Map.entry("/config_dump", AdminEndpoint.get(p -> AdminResponse.json(ConfigDump.of(snapshots.current())))),
                Map.entry("/stats/prometheus", AdminEndpoint.get(p -> prometheus())),
                Map.entry("/reload_status", AdminEndpoint.get(p -> AdminResponse.json(ReloadStatusJson.of(reloadStatus.get())))),
                Map.entry("/logging", logging));
    }

    /**
     * The proxy is stopping: both readiness paths answer 503 {@code DRAINING} from now on, whatever
     * {@code /healthcheck/ok} says, so that load balancers take this gateway out before it stops
     * accepting.
     */
    public void startDraining() {
        draining.set(true);
    }

    /**
     * Envoy's {@code POST /drain_listeners}: {@code startDrain} is called with whether {@code graceful}
     * was given (drain delay first, listeners accepting meanwhile; else they close at once);
     * {@code inboundonly} and {@code skip_exit} are accepted and change nothing (every listener is
     * inbound, and this never exits the process).
     */
    public static AdminEndpoint drainListeners(Consumer<Boolean> startDrain) {
        return (method, parameters) -> {
            if (!method.equals("POST")) {
                return AdminResponse.text(405, "method not allowed: " + method + " (expected: POST)\n");
            }
            startDrain.accept(parameters.containsKey("graceful"));
            return AdminResponse.text(200, "OK\n");
        };
    }

    private AdminResponse healthChecks(boolean fail) {
        failingHealthChecks.set(fail);
        return AdminResponse.text(200, fail ? "health checks now fail\n" : "health checks now pass\n");
    }

    private AdminResponse readiness() {
        if (draining.get()) {
            return AdminResponse.text(503, "DRAINING\n");
        }
        if (failingHealthChecks.get()) {
            return AdminResponse.text(503, "DRAINING (POST /healthcheck/ok to undo)\n");
        }
        return ready.getAsBoolean() ? AdminResponse.text(200, "LIVE\n") : AdminResponse.text(503, "PRE_INITIALIZING\n");
    }

    /** Envoy's server state: {@code DRAINING} while stopping or failing health checks, else by readiness. */
    private String state() {
        if (draining.get() || failingHealthChecks.get()) {
            return "DRAINING";
        }
        return ready.getAsBoolean() ? "LIVE" : "PRE_INITIALIZING";
    }

    private AdminResponse prometheus() {
        return new AdminResponse(200, PROMETHEUS_TEXT, metrics.scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private AdminResponse serverInfo() {
        return AdminResponse.json(new JsonText().beginObject()
                .field("version", version)
                .field("state", state())
                .field("uptime_seconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000)
                .field("config_version", snapshots.current().version())
                .field("config_hash", snapshots.current().table().contentHash())
                .endObject().toString());
    }

    private AdminResponse listeners() {
        JsonText json = new JsonText().beginArray();
        for (int port : snapshots.current().table().ports()) {
            int bound = boundPort.applyAsInt(port);
            json.beginObject().field("name", "http." + port).field("port", port)
                    .field("bound_port", bound).name("bound").value(bound != 0).endObject();
        }
        return AdminResponse.json(json.endArray().toString());
    }
}
