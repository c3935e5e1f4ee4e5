package io.foresail.core.cli;

import io.foresail.core.http.ServerHeader;
import io.foresail.core.accesslog.AccessLogFormat;
import io.foresail.core.admin.LogLevels;
import io.foresail.core.server.TransportKind;
import io.foresail.tls.context.TlsProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the proxy's flags into {@link ProxyOptions}. Both {@code --flag value} and
 * {@code --flag=value} are accepted; every problem is a {@link UsageException} with a one-line reason.
 */
final class ProxyCommandLine {

    static final String USAGE = """
            Usage: java -jar proxy.jar --config PATH [--config PATH ...] [options]
                   java -jar proxy.jar echo --listen [HOST:]PORT[=NAME] [--listen ...]
                   java -jar proxy.jar validate --config PATH [--config PATH ...] [options]
                   java -jar proxy.jar explain --config PATH [...] [-H 'name: value'] [-X METHOD] URL

            Serves Istio Gateway, VirtualService, DestinationRule and ServiceEntry YAML.
            PATH is a multi-document YAML file or a folder of *.yaml / *.yml files.

            Options:
              --config PATH        configuration file or folder (repeatable, at least one)
              --status-port N      GET /healthz/ready answers 200 once config is loaded and
                                   every listener is bound (default 15021; 0 disables)
              --admin-port N       admin endpoints, bound to 127.0.0.1 (default 15000; 0 disables)
              --metrics-port N     GET /stats/prometheus (default 15090; 0 disables)
              --merged-metrics-port N
                                   GET /stats/prometheus as well, on the port Istio's Helm
                                   chart annotates for scraping (default 15020; 0 disables)
              --labels k=v,...     this proxy's workload labels: a Gateway applies when its
                                   selector is a subset of them (default: every Gateway applies)
              --secrets-dir DIR    one folder per credentialName, laid out like a mounted
                                   Kubernetes Secret (tls.crt, tls.key, ca.crt; default: none)
              --tls-provider P     auto, openssl (BoringSSL) or jdk (default auto: openssl
                                   when it loads on this machine, else jdk)
              --transport T        auto, io_uring, epoll or nio (default auto: io_uring when
                                   the kernel allows it, else epoll, else nio)
              --event-loops N      event loops serving connections (default 0: one per
                                   available processor)
              --server-header H    the server header of proxied responses: overwrite
                                   (istio-envoy, as Istio), append-if-absent or
                                   pass-through (default overwrite)
              --certificate-check-interval D
                                   how often certificate and key files are checked for
                                   changes, e.g. 2s, 500ms, 1m (default 2s; 0 disables)
              --config-check-interval D
                                   how often the --config files and folders are checked for
                                   changes to hot-reload (default 250ms; 0 disables)
              --access-log F       one line per request on stdout: text (Istio's default
                                   format), json (Istio's JSON keys) or off (default text)
              --drain-delay D      on SIGTERM or SIGINT, how long readiness answers 503 while
                                   the listeners still accept (default 5s, Istio's
                                   terminationDrainDuration)
              --drain-timeout D    then, how long requests in progress get to finish before
                                   their connections are cut (default 20s); keep delay plus
                                   timeout below terminationGracePeriodSeconds (30s)
              --log-format F       text or json (JSON lines) (default text)
              --log-level L        trace, debug, info, warning, error, critical or off
                                   (default info; admin POST /logging changes it)
              --help               print this help and exit
              --version            print the version and exit

            Commands:
              echo                 run the bundled echo upstream (for samples and benchmarks)
              validate             check a configuration and exit (validate --help)
            """;

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)?");

    /** What the command line asks for. */
    sealed interface Request permits Run, Help, Version {
    }

    record Run(ProxyOptions options) implements Request {
    }

    record Help() implements Request {
    }

    record Version() implements Request {
    }

    private ProxyCommandLine() {
    }

    static Request parse(List<String> args) throws UsageException {
        List<Path> configs = new ArrayList<>();
        int statusPort = ProxyOptions.DEFAULT_STATUS_PORT;
        int adminPort = ProxyOptions.DEFAULT_ADMIN_PORT;
        int metricsPort = ProxyOptions.DEFAULT_METRICS_PORT;
        int mergedMetricsPort = ProxyOptions.DEFAULT_MERGED_METRICS_PORT;
        Optional<Map<String, String>> labels = Optional.empty();
        Optional<Path> secretsDirectory = Optional.empty();
        TlsProvider tlsProvider = TlsProvider.AUTO;
        Duration certificateCheckInterval = ProxyOptions.DEFAULT_CERTIFICATE_CHECK_INTERVAL;
        Duration configCheckInterval = ProxyOptions.DEFAULT_CONFIG_CHECK_INTERVAL;
        TransportKind transport = TransportKind.AUTO;
        int eventLoops = 0;
        ServerHeader serverHeader = ServerHeader.OVERWRITE;
        Optional<AccessLogFormat> accessLog = ProxyOptions.DEFAULT_ACCESS_LOG;
        Duration drainDelay = ProxyOptions.DEFAULT_DRAIN_DELAY;
        Duration drainTimeout = ProxyOptions.DEFAULT_DRAIN_TIMEOUT;
        LogFormat logFormat = LogFormat.TEXT;
        Level logLevel = Level.INFO;
        FlagReader flags = new FlagReader(args);
        while (flags.hasNext()) {
            String flag = flags.next();
            switch (flag) {
                case "--help", "-h" -> {
                    return new Help();
                }
                case "--version" -> {
                    return new Version();
                }
                case "--config", "-c" -> configs.add(existingPath(flags.value()));
                case "--status-port" -> statusPort = port(flag, flags.value());
                case "--admin-port" -> adminPort = port(flag, flags.value());
                case "--metrics-port" -> metricsPort = port(flag, flags.value());
                case "--merged-metrics-port" -> mergedMetricsPort = port(flag, flags.value());
                case "--labels" -> labels = Optional.of(labels(flags.value()));
                case "--secrets-dir" -> secretsDirectory = Optional.of(readableDirectory(flag, flags.value()));
                case "--tls-provider" -> tlsProvider = tlsProvider(flag, flags.value());
                case "--transport" -> transport = transport(flag, flags.value());
                case "--event-loops" -> eventLoops = count(flag, flags.value());
                case "--server-header" -> serverHeader = serverHeader(flag, flags.value());
                case "--certificate-check-interval" -> certificateCheckInterval = duration(flag, flags.value());
                case "--config-check-interval" -> configCheckInterval = duration(flag, flags.value());
                case "--access-log" -> accessLog = accessLog(flag, flags.value());
                case "--drain-delay" -> drainDelay = duration(flag, flags.value());
                case "--drain-timeout" -> drainTimeout = duration(flag, flags.value());
                case "--log-format" -> logFormat = logFormat(flag, flags.value());
                case "--log-level" -> logLevel = logLevel(flag, flags.value());
                default -> throw new UsageException(flag.startsWith("-")
                        ? "unknown flag: " + flag
                        : "unexpected argument: " + flag + " (expected: a flag such as --config)");
            }
        }
        if (configs.isEmpty()) {
            throw new UsageException("missing --config (expected: at least one file or folder)");
        }
        return new Run(new ProxyOptions(configs, statusPort, adminPort, metricsPort, mergedMetricsPort, labels,
                secretsDirectory, tlsProvider, certificateCheckInterval, configCheckInterval, transport, eventLoops, serverHeader,
                accessLog, drainDelay, drainTimeout, logFormat, logLevel));
    }

    static LogFormat logFormat(String flag, String value) throws UsageException {
        try {
            return LogFormat.fromFlag(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(flag + " " + value + ": unknown log format (expected: text or json)");
        }
    }

    static Level logLevel(String flag, String value) throws UsageException {
        return LogLevels.parse(value).orElseThrow(() -> new UsageException(flag + " " + value
                + ": unknown log level (expected: trace, debug, info, warning, error, critical or off)"));
    }

    static Path existingPath(String value) throws UsageException {
        Path path = Path.of(value);
        if (!Files.exists(path)) {
            throw new UsageException("--config " + value + ": no such file or folder");
        }
        if (!Files.isReadable(path)) {
            throw new UsageException("--config " + value + ": not readable");
        }
        return path;
    }

    static Path readableDirectory(String flag, String value) throws UsageException {
        Path path = Path.of(value);
        if (!Files.isDirectory(path)) {
            throw new UsageException(flag + " " + value + ": " + (Files.exists(path) ? "not a folder" : "no such folder"));
        }
        if (!Files.isReadable(path) || !Files.isExecutable(path)) {
            throw new UsageException(flag + " " + value + ": not readable");
        }
        return path;
    }

    static TlsProvider tlsProvider(String flag, String value) throws UsageException {
        try {
            return TlsProvider.fromFlag(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(flag + " " + value + ": unknown TLS provider (expected: auto, openssl or jdk)");
        }
    }

    static TransportKind transport(String flag, String value) throws UsageException {
        try {
            return TransportKind.fromFlag(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(flag + " " + value + ": unknown transport (expected: auto, io_uring, epoll or nio)");
        }
    }

    static ServerHeader serverHeader(String flag, String value) throws UsageException {
        try {
            return ServerHeader.fromFlag(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(flag + " " + value
                    + ": unknown server header mode (expected: overwrite, append-if-absent or pass-through)");
        }
    }

    /** {@code text} or {@code json}, or {@code off} (empty). */
    static Optional<AccessLogFormat> accessLog(String flag, String value) throws UsageException {
        if (value.trim().equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        try {
            return Optional.of(AccessLogFormat.fromFlag(value));
        } catch (IllegalArgumentException e) {
            throw new UsageException(flag + " " + value + ": unknown access log format (expected: text, json or off)");
        }
    }

    /** A whole number from 0 to 1024. */
    static int count(String flag, String value) throws UsageException {
        try {
            int count = Integer.parseInt(value.trim());
            if (count >= 0 && count <= 1024) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(flag + " " + value + ": not a count (expected: 0..1024, 0: one per available processor)");
    }

    /** {@code 0}, or a whole number followed by {@code ms}, {@code s} or {@code m}. */
    static Duration duration(String flag, String value) throws UsageException {
        Matcher matcher = DURATION.matcher(value.trim());
        if (!matcher.matches() || (matcher.group(2) == null && Long.parseLong(matcher.group(1)) != 0)) {
            throw new UsageException(flag + " " + value + ": not a duration (expected: e.g. 2s, 500ms, 1m; 0 disables)");
        }
        long amount = Long.parseLong(matcher.group(1));
        if (matcher.group(2) == null) {
            return Duration.ZERO;
        }
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }

    static int port(String flag, String value) throws UsageException {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(flag + " " + value + ": not a port (expected: 0..65535, 0 disables)");
    }

    static Map<String, String> labels(String value) throws UsageException {
        Map<String, String> labels = new LinkedHashMap<>();
        if (value.isBlank()) {
            return labels;
        }
        for (String pair : value.split(",", -1)) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? "" : pair.substring(0, equals).trim();
            if (key.isEmpty()) {
                throw new UsageException("--labels " + value + ": '" + pair + "' is not key=value");
            }
            labels.put(key, pair.substring(equals + 1).trim());
        }
        return labels;
    }
}
