package io.foresail.config.explain;

import io.foresail.config.explain.Explanation.Step;
import io.foresail.config.table.CorsPolicy;
import io.foresail.config.table.DirectResponseAction;
import io.foresail.config.table.FaultPolicy;
import io.foresail.config.table.Forward;
import io.foresail.config.table.ForwardPolicy;
import io.foresail.config.table.HeaderOperations;
import io.foresail.config.table.HeaderRewrites;
import io.foresail.config.table.Mirror;
import io.foresail.config.table.PathRewrite;
import io.foresail.config.table.Percentage;
import io.foresail.config.table.RedirectAction;
import io.foresail.config.table.RequestView;
import io.foresail.config.table.RetryPolicy;
import io.foresail.config.table.Route;
import io.foresail.config.table.RouteFilters;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The steps that say what a matched route does, read from the compiled table: the action
 * (forward with its destinations, redirect, direct response), then for a forward its rewrite,
 * timeout, retries and mirrors, then the route's header operations, CORS and fault. Every line is
 * printed also when it holds the default, so that a reader sees what the table holds.
 */
final class ActionSteps {

    private ActionSteps() {
    }

    static List<Step> of(Route route, RequestView request) {
        List<Step> steps = new ArrayList<>();
        if (route.action() instanceof Forward forward) {
            steps.add(new Step("forward", forward.destinations().size() + " destination(s)", Destinations.lines(forward)));
            ForwardPolicy policy = forward.policy();
            steps.add(rewrite(policy, request));
            steps.add(new Step("timeout", policy.timeout().map(ActionSteps::duration).orElse("none")));
            steps.add(new Step("retries", retries(policy.retries())));
            steps.add(mirrors(policy.mirrors()));
        } else if (route.action() instanceof RedirectAction redirect) {
            steps.add(redirect(redirect));
        } else {
            DirectResponseAction direct = (DirectResponseAction) route.action();
            steps.add(new Step("direct-response", direct.status() + ", body " + direct.bodyLength() + " bytes"));
        }
        RouteFilters filters = route.filters();
        List<String> headers = headerLines(filters.headers());
        steps.add(new Step("headers", headers.isEmpty() ? "none" : headers.size() + " operation(s)", headers));
        steps.add(filters.cors().map(ActionSteps::cors).orElse(new Step("cors", "none")));
        steps.add(new Step("fault", filters.fault().map(ActionSteps::fault).orElse("none")));
        return steps;
    }

    private static Step rewrite(ForwardPolicy policy, RequestView request) {
        if (policy.pathRewrite().isEmpty() && policy.authority().isEmpty()) {
            return new Step("rewrite", "none");
        }
        List<String> parts = new ArrayList<>();
        List<String> details = new ArrayList<>();
        policy.pathRewrite().ifPresent(rewrite -> {
            parts.add("path " + describe(rewrite));
            details.add("this request: " + request.path() + " -> " + rewrite.apply(request.path()));
        });
        policy.authority().ifPresent(authority -> parts.add("authority " + authority));
        return new Step("rewrite", String.join(", ", parts), details);
    }

    static String describe(PathRewrite rewrite) {
        if (rewrite instanceof PathRewrite.ReplacePrefix prefix) {
            return "prefix " + prefix.matchedPrefix() + " -> " + prefix.replacement();
        }
        if (rewrite instanceof PathRewrite.ReplacePath path) {
            return "replaced by " + path.path();
        }
        PathRewrite.RegexSubstitution regex = (PathRewrite.RegexSubstitution) rewrite;
        return "regex " + regex.pattern() + " -> " + regex.substitution();
    }

    static String retries(RetryPolicy retries) {
        if (retries.attempts() == 0) {
            return "none (attempts 0)";
        }
        StringBuilder text = new StringBuilder().append(retries.attempts()).append(" on ")
                .append(String.join(",", retries.retryOn().stream().sorted(Comparator.naturalOrder())
                        .map(RetryPolicy.Condition::token).toList()));
        if (!retries.retriableStatusCodes().isEmpty()) {
            text.append(" codes ").append(retries.retriableStatusCodes().stream().sorted().toList());
        }
        retries.perTryTimeout().ifPresent(perTry -> text.append(", per try timeout ").append(duration(perTry)));
        if (retries.equals(RetryPolicy.ISTIO_DEFAULT)) {
            text.append(" (Istio default)");
        }
        return text.toString();
    }

    private static Step mirrors(List<Mirror> mirrors) {
        if (mirrors.isEmpty()) {
            return new Step("mirrors", "none");
        }
        List<String> lines = new ArrayList<>();
        for (Mirror mirror : mirrors) {
            lines.add(mirror.destination().clusterName() + " " + percent(mirror.percentage())
                    + (mirror.destination().cluster().isEmpty() ? " (no such cluster: nothing is mirrored)" : ""));
        }
        return new Step("mirrors", mirrors.size() + " mirror(s)", lines);
    }

    private static Step redirect(RedirectAction redirect) {
        List<String> fields = new ArrayList<>();
        fields.add("scheme " + redirect.scheme().orElse("(the request's)"));
        fields.add("authority " + redirect.authority().orElse("(the request's)"));
        if (redirect.portFromRequest()) {
            fields.add("port (the request's Gateway port)");
        } else {
            fields.add("port " + (redirect.port().isPresent() ? String.valueOf(redirect.port().getAsInt())
                    : "(the scheme's default or the request's)"));
        }
        fields.add("path " + redirect.path().map(ActionSteps::describe).orElse("(the request's)"));
        return new Step("redirect", String.valueOf(redirect.code()), fields);
    }

    /** The header operations of {@code headers}, one line each: {@code request set name: value}. */
    static List<String> headerLines(HeaderRewrites headers) {
        List<String> lines = new ArrayList<>();
        operations("request", headers.request(), lines);
        operations("response", headers.response(), lines);
        headers.authority().ifPresent(authority -> lines.add("request authority " + authority));
        return lines;
    }

    private static void operations(String direction, HeaderOperations operations, List<String> lines) {
        operations.remove().forEach(name -> lines.add(direction + " remove " + name));
        operations.set().forEach(header -> lines.add(direction + " set " + header.name() + ": " + header.value()));
        operations.add().forEach(header -> lines.add(direction + " add " + header.name() + ": " + header.value()));
    }

    private static Step cors(CorsPolicy cors) {
        List<String> details = new ArrayList<>();
        details.add("allow-methods " + orNone(cors.allowMethods()));
        details.add("allow-headers " + orNone(cors.allowHeaders()));
        details.add("expose-headers " + orNone(cors.exposeHeaders()));
        details.add("max-age " + cors.maxAge().orElse("(not set)"));
        details.add("allow-credentials " + cors.allowCredentials().map(String::valueOf).orElse("(not set)"));
        details.add("unmatched preflights " + (cors.forwardUnmatchedPreflights() ? "forwarded" : "ignored"));
        List<String> origins = cors.allowOrigins().stream().map(MatchBlockCheck::describe).toList();
        return new Step("cors", "origins " + origins, details);
    }

    private static String orNone(String value) {
        return value.isEmpty() ? "(not set)" : value;
    }

    static String fault(FaultPolicy fault) {
        List<String> parts = new ArrayList<>();
        fault.delay().ifPresent(delay -> parts.add("delay " + duration(delay.fixedDelay()) + " for "
                + percent(delay.percentage())));
        fault.abort().ifPresent(abort -> parts.add("abort " + abort.grpcStatus().map(code -> "grpc-status " + code)
                .orElse(String.valueOf(abort.httpStatus())) + " for " + percent(abort.percentage())));
        return parts.isEmpty() ? "none" : String.join("; ", parts);
    }

    static String percent(Percentage percentage) {
        return BigDecimal.valueOf(percentage.percent()).stripTrailingZeros().toPlainString() + "%";
    }

    /** {@code 5s}, {@code 1.5s}, {@code 250ms}, as Istio durations are written. */
    static String duration(Duration duration) {
        if (duration.toNanos() % 1_000_000 != 0) {
            return duration.toNanos() + "ns";
        }
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
    }
}
