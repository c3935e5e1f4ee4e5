package io.foresail.core.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses the proxy's flags into {@link ProxyOptions}. Both {@code --flag value} and
 * {@code --flag=value} are accepted; every problem is a {@link UsageException} with a one-line reason.
 */
final class ProxyCommandLine {

    static final String USAGE = """
            Usage: java -jar proxy.jar --config PATH [--config PATH ...] [options]
                   java -jar proxy.jar echo --listen [HOST:]PORT[=NAME] [--listen ...]

            Serves Istio Gateway, VirtualService, DestinationRule and ServiceEntry YAML.
            PATH is a multi-document YAML file or a folder of *.yaml / *.yml files.

            Options:
              --config PATH        configuration file or folder (repeatable, at least one)
              --status-port N      GET /healthz/ready answers 200 once config is loaded and
                                   every listener is bound (default 15021; 0 disables)
              --admin-port N       admin endpoints, bound to 127.0.0.1 (default 15000; 0 disables)
              --metrics-port N     GET /stats/prometheus (default 15090; 0 disables)
              --labels k=v,...     this proxy's workload labels: a Gateway applies when its
                                   selector is a subset of them (default: every Gateway applies)
              --help               print this help and exit
              --version            print the version and exit

            Commands:
              echo                 run the bundled echo upstream (for samples and benchmarks)
            """;

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
        Optional<Map<String, String>> labels = Optional.empty();
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
                case "--labels" -> labels = Optional.of(labels(flags.value()));
                default -> throw new UsageException(flag.startsWith("-")
                        ? "unknown flag: " + flag
                        : "unexpected argument: " + flag + " (expected: a flag such as --config)");
            }
        }
        if (configs.isEmpty()) {
            throw new UsageException("missing --config (expected: at least one file or folder)");
        }
        return new Run(new ProxyOptions(configs, statusPort, adminPort, metricsPort, labels));
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
