package io.foresail.core.cli;

import io.foresail.core.http.ServerHeader;
import io.foresail.core.accesslog.AccessLogFormat;
import io.foresail.core.server.TransportKind;
import io.foresail.tls.context.TlsProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;

/**
 * The proxy's command-line settings after parsing. A port of {@code 0} disables that listener.
 *
 * @param configs                  files and folders of Istio YAML, in the order given
 * @param statusPort               {@code /healthz/ready} (Istio's 15021)
 * @param adminPort                admin endpoints on 127.0.0.1 (Envoy's admin, Istio's 15000)
 * @param metricsPort              {@code /stats/prometheus} (Istio's 15090)
 * @param mergedMetricsPort        {@code /stats/prometheus} again (Istio's 15020, the port the stock Helm chart's
 *                                 {@code prometheus.io/port} annotation names)
 * @param labels                   the proxy's workload labels; empty when {@code --labels} was not given
 * @param secretsDirectory         {@code --secrets-dir}: one folder per {@code credentialName}; empty when not given
 * @param tlsProvider              which TLS implementation builds the SSL contexts
 * @param certificateCheckInterval how often the referenced certificate files are checked for changes;
 *                                 {@link Duration#ZERO} disables the check
 * @param configCheckInterval      how often the config files and folders are checked for changes;
 *                                 {@link Duration#ZERO} disables hot reload
 * @param transport                the I/O transport of the event loops
 * @param eventLoops               how many event loops serve connections; {@code 0}: one per available processor
 * @param serverHeader             the {@code server} header of proxied responses
 * @param accessLog                the format of the access log on stdout; empty: no access log
 * @param drainDelay               on SIGTERM, how long readiness fails while the listeners still accept
 * @param drainTimeout             then, how long requests in progress get to finish before their connections are cut
 * @param logFormat                text or JSON lines
 * @param logLevel                 the root logger's level
 */
public record ProxyOptions(List<Path> configs, int statusPort, int adminPort, int metricsPort, int mergedMetricsPort,
                           Optional<Map<String, String>> labels, Optional<Path> secretsDirectory,
                           TlsProvider tlsProvider, Duration certificateCheckInterval,
                           Duration configCheckInterval, TransportKind transport, int eventLoops,
                           ServerHeader serverHeader, Optional<AccessLogFormat> accessLog,
                           Duration drainDelay, Duration drainTimeout, LogFormat logFormat, Level logLevel) {

    public static final int DEFAULT_STATUS_PORT = 15021;
    public static final int DEFAULT_ADMIN_PORT = 15000;
    public static final int DEFAULT_METRICS_PORT = 15090;
    public static final int DEFAULT_MERGED_METRICS_PORT = 15020;
    public static final Duration DEFAULT_CERTIFICATE_CHECK_INTERVAL = Duration.ofSeconds(2);
    public static final Duration DEFAULT_CONFIG_CHECK_INTERVAL = Duration.ofMillis(250);
    /** Istio's text format on stdout, as a gateway installed with Istio's demo profile logs (the default profile logs nothing). */
    public static final Optional<AccessLogFormat> DEFAULT_ACCESS_LOG = Optional.of(AccessLogFormat.TEXT);
    /** Istio's {@code terminationDrainDuration}. */
    public static final Duration DEFAULT_DRAIN_DELAY = Duration.ofSeconds(5);
    /** With the delay, 25 s: inside Kubernetes' default 30 s {@code terminationGracePeriodSeconds}. */
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(20);

    public ProxyOptions {
        configs = List.copyOf(configs);
        Objects.requireNonNull(labels, "labels");
        labels = labels.map(Map::copyOf);
        Objects.requireNonNull(secretsDirectory, "secretsDirectory");
        Objects.requireNonNull(tlsProvider, "tlsProvider");
        Objects.requireNonNull(certificateCheckInterval, "certificateCheckInterval");
        if (certificateCheckInterval.isNegative()) {
            throw new IllegalArgumentException("certificateCheckInterval: " + certificateCheckInterval + " (expected: >= 0)");
        }
        Objects.requireNonNull(configCheckInterval, "configCheckInterval");
        if (configCheckInterval.isNegative()) {
            throw new IllegalArgumentException("configCheckInterval: " + configCheckInterval + " (expected: >= 0)");
        }
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(serverHeader, "serverHeader");
        if (eventLoops < 0) {
            throw new IllegalArgumentException("eventLoops: " + eventLoops + " (expected: >= 0)");
        }
        Objects.requireNonNull(accessLog, "accessLog");
        if (drainDelay.isNegative()) {
            throw new IllegalArgumentException("drainDelay: " + drainDelay + " (expected: >= 0)");
        }
        if (drainTimeout.isNegative()) {
            throw new IllegalArgumentException("drainTimeout: " + drainTimeout + " (expected: >= 0)");
        }
        Objects.requireNonNull(logFormat, "logFormat");
        Objects.requireNonNull(logLevel, "logLevel");
    }
}
