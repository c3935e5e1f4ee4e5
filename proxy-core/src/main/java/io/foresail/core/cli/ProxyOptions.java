package io.foresail.core.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The proxy's command-line settings after parsing. A port of {@code 0} disables that listener.
 *
 * @param configs     files and folders of Istio YAML, in the order given
 * @param statusPort  {@code /healthz/ready} (Istio's 15021)
 * @param adminPort   admin endpoints on 127.0.0.1 (Envoy's admin, Istio's 15000)
 * @param metricsPort {@code /stats/prometheus} (Istio's 15090)
 * @param labels      the proxy's workload labels; empty when {@code --labels} was not given
 */
public record ProxyOptions(List<Path> configs, int statusPort, int adminPort, int metricsPort,
                           Optional<Map<String, String>> labels) {

    public static final int DEFAULT_STATUS_PORT = 15021;
    public static final int DEFAULT_ADMIN_PORT = 15000;
    public static final int DEFAULT_METRICS_PORT = 15090;

    public ProxyOptions {
        configs = List.copyOf(configs);
        Objects.requireNonNull(labels, "labels");
        labels = labels.map(Map::copyOf);
    }
}
