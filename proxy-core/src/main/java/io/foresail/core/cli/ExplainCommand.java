package io.foresail.core.cli;

import io.foresail.config.explain.ExplainRequest;
import io.foresail.config.explain.Explanation;
import io.foresail.config.explain.RouteExplainer;
import io.foresail.config.model.ConfigError;
import io.foresail.config.reload.ConfigLoader;
import io.foresail.config.reload.LoadResult;
import io.foresail.core.admin.JsonText;
import io.foresail.core.router.RequestHeadView;
import io.foresail.core.router.RequestPaths;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code java -jar proxy.jar explain --config PATH... URL}: prints the path a request takes
 * through the compiled configuration, as the data plane would decide it. Exit codes: 0 a route
 * (or TCP forward, or HTTPS redirect) takes the request, 1 nothing does (or the config is
 * invalid), 2 a bad command line.
 */
public final class ExplainCommand {

    static final String USAGE = """
            Usage: java -jar proxy.jar explain --config PATH [--config PATH ...] [--labels k=v,...]
                   [--secrets-dir DIR] [-H 'name: value' ...] [-X METHOD] [--output text|json] URL

            Prints the listener, TLS chain and certificate, Gateway server (with its file:line),
            route configuration, virtual host, route (with its VirtualService file:line), match
            block, actions (rewrite, redirect, direct response, headers, CORS, fault, timeout,
            retries, mirrors) and destinations with their endpoints a request to URL would take,
            or why nothing takes it (with the nearest miss). An https URL sends its host as SNI.
            -H host: overrides the authority the URL gives.
            """;

    private ExplainCommand() {
    }

    /** The parsed command line. */
    record Options(List<Path> configs, Optional<Map<String, String>> labels, Optional<Path> secretsDirectory,
                   HttpHeaders headers, HttpMethod method, boolean json, URI url) {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = parse(args);
        } catch (UsageException e) {
            err.println("foresail explain: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (options == null) {
            out.print(USAGE);
            return 0;
        }
        LoadResult result = new ConfigLoader(options.labels(), options.secretsDirectory()).load(options.configs());
        if (result instanceof LoadResult.Rejected rejected) {
            rejected.findings().stream().filter(ConfigError::isError).forEach(err::println);
            err.println("foresail explain: invalid configuration (nothing would be served)");
            return 1;
        }
        Explanation explanation = explain(((LoadResult.Loaded) result).table(), options);
        out.print(options.json() ? json(explanation) : text(explanation));
        return explanation.routed() ? 0 : 1;
    }

    private static Explanation explain(io.foresail.config.table.RoutingTable table, Options options) {
        URI url = options.url();
        boolean tls = url.getScheme().equalsIgnoreCase("https");
        int port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
        String authority = options.headers().contains(HttpHeaderNames.HOST)
                ? options.headers().get(HttpHeaderNames.HOST) : url.getRawAuthority();
        String rawPath = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String target = rawPath + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        String path = RequestPaths.normalise(rawPath);
        if (path == null) {
            return new Explanation(false, List.of(new Explanation.Step("path", "rejected: " + rawPath,
                    List.of("the data plane answers 400 (path_normalization_failed) before routing"))));
        }
        HttpHeaders headers = new DefaultHttpHeaders().add(options.headers()).set(HttpHeaderNames.HOST, authority);
        RequestHeadView request = new RequestHeadView(options.method(), authority, target, path, headers, tls);
        return new RouteExplainer(table).explain(new ExplainRequest(port, tls, tls ? url.getHost() : null, authority, request));
    }

    static String text(Explanation explanation) {
        StringBuilder text = new StringBuilder();
        for (Explanation.Step step : explanation.steps()) {
            text.append(step.name()).append(": ").append(step.value()).append('\n');
            step.details().forEach(detail -> text.append("    ").append(detail).append('\n'));
        }
        return text.append("result: ").append(explanation.routed() ? "routed" : "not routed").append('\n').toString();
    }

    static String json(Explanation explanation) {
        JsonText json = new JsonText().beginObject().name("routed").value(explanation.routed()).name("steps").beginArray();
        for (Explanation.Step step : explanation.steps()) {
            json.beginObject().field("name", step.name()).field("value", step.value()).name("details").beginArray();
            step.details().forEach(json::value);
            json.endArray().endObject();
        }
        return json.endArray().endObject().toString();
    }

    /** The options, or {@code null} when help was asked for. */
    static Options parse(List<String> args) throws UsageException {
        List<Path> configs = new ArrayList<>();
        Optional<Map<String, String>> labels = Optional.empty();
        Optional<Path> secretsDirectory = Optional.empty();
        HttpHeaders headers = new DefaultHttpHeaders();
        HttpMethod method = HttpMethod.GET;
        boolean json = false;
        URI url = null;
        FlagReader flags = new FlagReader(args);
        while (flags.hasNext()) {
            String flag = flags.next();
            switch (flag) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--config", "-c" -> configs.add(ProxyCommandLine.existingPath(flags.value()));
                case "--labels" -> labels = Optional.of(ProxyCommandLine.labels(flags.value()));
                case "--secrets-dir" -> secretsDirectory = Optional.of(ProxyCommandLine.readableDirectory(flag, flags.value()));
                case "-H", "--header" -> header(flags.value(), headers);
                case "-X", "--request" -> method = HttpMethod.valueOf(flags.value().toUpperCase(Locale.ROOT));
                case "--output" -> json = output(flags.value());
                default -> {
                    if (flag.startsWith("-") || url != null) {
                        throw new UsageException("unexpected argument: " + flag);
                    }
                    url = url(flag);
                }
            }
        }
        if (configs.isEmpty()) {
            throw new UsageException("missing --config (expected: at least one file or folder)");
        }
        if (url == null) {
            throw new UsageException("missing URL (expected: http://host[:port]/path or https://...)");
        }
        return new Options(configs, labels, secretsDirectory, headers, method, json, url);
    }

    private static void header(String value, HttpHeaders headers) throws UsageException {
        int colon = value.indexOf(':');
        if (colon <= 0) {
            throw new UsageException("-H " + value + ": expected 'name: value'");
        }
        headers.add(value.substring(0, colon).trim().toLowerCase(Locale.ROOT), value.substring(colon + 1).trim());
    }

    private static boolean output(String value) throws UsageException {
        return switch (value) {
            case "text" -> false;
            case "json" -> true;
            default -> throw new UsageException("--output " + value + " (expected: text or json)");
        };
    }

    private static URI url(String value) throws UsageException {
        try {
            URI url = new URI(value);
            if (url.getScheme() == null || !(url.getScheme().equalsIgnoreCase("http") || url.getScheme().equalsIgnoreCase("https"))
                    || url.getHost() == null) {
                throw new UsageException("URL " + value + " (expected: http://host[:port]/path or https://...)");
            }
            return url;
        } catch (URISyntaxException e) {
            throw new UsageException("URL " + value + ": " + e.getReason());
        }
    }
}
