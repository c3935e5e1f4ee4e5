package io.foresail.config.explain;

import io.foresail.config.explain.Explanation.Step;
import io.foresail.config.table.Cluster;
import io.foresail.config.table.CorsPolicy;
import io.foresail.config.table.DirectResponseAction;
import io.foresail.config.table.Endpoint;
import io.foresail.config.table.FaultPolicy;
import io.foresail.config.table.Forward;
import io.foresail.config.table.ForwardPolicy;
import io.foresail.config.table.HeaderOperations;
import io.foresail.config.table.HeaderOperations.Header;
import io.foresail.config.table.HeaderRewrites;
import io.foresail.config.table.Mirror;
import io.foresail.config.table.PathMatch;
import io.foresail.config.table.PathRewrite;
import io.foresail.config.table.Percentage;
import io.foresail.config.table.PortListener;
import io.foresail.config.table.RedirectAction;
import io.foresail.config.table.RequestMatch;
import io.foresail.config.table.RetryPolicy;
import io.foresail.config.table.Route;
import io.foresail.config.table.RouteAction;
import io.foresail.config.table.RouteFilters;
import io.foresail.config.table.RouteOrigin;
import io.foresail.config.table.RoutingTable;
import io.foresail.config.table.StringMatch;
import io.foresail.config.table.VirtualHost;
import io.foresail.config.table.VirtualHostMatcher;
import io.foresail.config.table.WeightedDestination;
import io.foresail.config.testing.TestRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The action lines of {@code explain} for routes built with the route-action contract types: what
 * the compiled table holds is printed, defaults included.
 */
class ActionStepsTest {

    private static final Cluster V1 = new Cluster("outbound|80|v1|echo.local", "echo.local", 80, "v1",
            List.of(new Endpoint("127.0.0.1", 9001, 1, Map.of())));
    private static final Cluster V2 = new Cluster("outbound|80|v2|echo.local", "echo.local", 80, "v2",
            List.of(new Endpoint("127.0.0.1", 9002, 3, Map.of())));
    private static final WeightedDestination TO_V1 = new WeightedDestination("echo.local", V1.name(), 90, Optional.of(V1));
    private static final RequestMatch API = new RequestMatch(new PathMatch.Prefix("/api/", false));

    private static Explanation explain(RouteAction action, RouteFilters filters, String path) {
        Route route = new Route("the-route", List.of(API), action, RouteOrigin.UNKNOWN, filters);
        VirtualHostMatcher virtualHosts = VirtualHostMatcher.of(List.of(new VirtualHost(List.of("*"), List.of(route))));
        RoutingTable table = new RoutingTable(Map.of(8080, PortListener.http(8080, virtualHosts)), Map.of(), "hash");
        Explanation explanation = new RouteExplainer(table)
                .explain(new ExplainRequest(8080, false, null, "shop.example.com", TestRequest.of(path)));
        assertThat(explanation.routed()).as("routed: %s", explanation).isTrue();
        return explanation;
    }

    private static Explanation explain(RouteAction action) {
        return explain(action, RouteFilters.NONE, "/api/items");
    }

    private static Step step(Explanation explanation, String name) {
        return explanation.steps().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no step " + name + " in " + explanation));
    }

    private static ForwardPolicy policy(Optional<PathRewrite> rewrite, Optional<String> authority, Optional<Duration> timeout,
                                        RetryPolicy retries, List<Mirror> mirrors) {
        return new ForwardPolicy(rewrite, authority, timeout, retries, mirrors);
    }

    @Test
    void aDefaultForwardPrintsNoRewriteNoTimeoutIstiosDefaultRetriesAndNoMirror() {
        Explanation explanation = explain(Forward.of(List.of(TO_V1)));

        assertThat(step(explanation, "rewrite").value()).as("rewrite").isEqualTo("none");
        assertThat(step(explanation, "timeout").value()).as("timeout").isEqualTo("none");
        assertThat(step(explanation, "retries").value()).as("retries").isEqualTo(
                "2 on connect-failure,refused-stream,retriable-status-codes,cancelled,unavailable (Istio default)");
        assertThat(step(explanation, "mirrors").value()).as("mirrors").isEqualTo("none");
        assertThat(step(explanation, "headers").value()).as("headers").isEqualTo("none");
        assertThat(step(explanation, "cors").value()).as("cors").isEqualTo("none");
        assertThat(step(explanation, "fault").value()).as("fault").isEqualTo("none");
    }

    @Test
    void aPrefixRewriteShowsThePathThisRequestIsSentWithAndTheAuthority() {
        ForwardPolicy rewrite = policy(Optional.of(new PathRewrite.ReplacePrefix("/api/", "/v2/")),
                Optional.of("backend.internal"), Optional.empty(), RetryPolicy.ISTIO_DEFAULT, List.of());

        Step step = step(explain(Forward.of(List.of(TO_V1), rewrite)), "rewrite");

        assertThat(step.value()).as("rewrite").isEqualTo("path prefix /api/ -> /v2/, authority backend.internal");
        assertThat(step.details()).as("this request").containsExactly("this request: /api/items -> /v2/items");
    }

    @Test
    void aWholePathRewriteIsNamedAsAReplacement() {
        ForwardPolicy rewrite = policy(Optional.of(new PathRewrite.ReplacePath("/index.html")), Optional.empty(),
                Optional.empty(), RetryPolicy.ISTIO_DEFAULT, List.of());

        assertThat(step(explain(Forward.of(List.of(TO_V1), rewrite)), "rewrite").value())
                .isEqualTo("path replaced by /index.html");
    }

    @Test
    void aTimeoutIsPrintedAsIstioWritesDurations() {
        ForwardPolicy timeout = policy(Optional.empty(), Optional.empty(), Optional.of(Duration.ofMillis(1500)),
                RetryPolicy.ISTIO_DEFAULT, List.of());

        assertThat(step(explain(Forward.of(List.of(TO_V1), timeout)), "timeout").value()).isEqualTo("1.5s");
    }

    @Test
    void writtenRetriesShowAttemptsConditionsCodesAndPerTryTimeout() {
        RetryPolicy retries = new RetryPolicy(3, Optional.of(Duration.ofMillis(250)),
                EnumSet.of(RetryPolicy.Condition.GATEWAY_ERROR, RetryPolicy.Condition.RETRIABLE_STATUS_CODES),
                Set.of(409), RetryPolicy.DEFAULT_BACKOFF, false, true);
        ForwardPolicy policy = policy(Optional.empty(), Optional.empty(), Optional.empty(), retries, List.of());

        assertThat(step(explain(Forward.of(List.of(TO_V1), policy)), "retries").value())
                .isEqualTo("3 on gateway-error,retriable-status-codes codes [409], per try timeout 250ms");
    }

    @Test
    void attemptsZeroIsNoRetry() {
        ForwardPolicy policy = policy(Optional.empty(), Optional.empty(), Optional.empty(), RetryPolicy.NONE, List.of());

        assertThat(step(explain(Forward.of(List.of(TO_V1), policy)), "retries").value()).isEqualTo("none (attempts 0)");
    }

    @Test
    void mirrorsListTheirClusterAndPercentage() {
        WeightedDestination mirrored = new WeightedDestination("echo.local", V2.name(), 1, Optional.of(V2));
        WeightedDestination missing = new WeightedDestination("gone.local", "outbound|80||gone.local", 1, Optional.empty());
        ForwardPolicy policy = policy(Optional.empty(), Optional.empty(), Optional.empty(), RetryPolicy.ISTIO_DEFAULT,
                List.of(new Mirror(mirrored, Percentage.ofPercent(12.5)), new Mirror(missing, Percentage.ALWAYS)));

        Step step = step(explain(Forward.of(List.of(TO_V1), policy)), "mirrors");

        assertThat(step.value()).as("count").isEqualTo("2 mirror(s)");
        assertThat(step.details()).as("mirrors").containsExactly("outbound|80|v2|echo.local 12.5%",
                "outbound|80||gone.local 100% (no such cluster: nothing is mirrored)");
    }

    @Test
    void destinationsListTheirWeightsEndpointsAndOwnHeaderOperations() {
        HeaderRewrites v2Headers = new HeaderRewrites(
                new HeaderOperations(List.of(new Header("x-version", "v2")), List.of(), List.of()),
                HeaderOperations.NONE, Optional.empty());
        WeightedDestination toV2 = new WeightedDestination("echo.local", V2.name(), 10, Optional.of(V2), v2Headers);

        Step step = step(explain(Forward.of(List.of(TO_V1, toV2))), "forward");

        assertThat(step.value()).as("count").isEqualTo("2 destination(s)");
        assertThat(step.details()).as("destinations").containsExactly(
                "outbound|80|v1|echo.local weight 90/100 subset v1",
                "  endpoint 127.0.0.1:9001 weight 1",
                "outbound|80|v2|echo.local weight 10/100 subset v2",
                "  headers: request set x-version: v2",
                "  endpoint 127.0.0.1:9002 weight 3");
    }

    @Test
    void routeHeaderOperationsAreListedByDirectionInEnvoysOrder() {
        HeaderRewrites headers = new HeaderRewrites(
                new HeaderOperations(List.of(new Header("x-a", "1")), List.of(new Header("x-b", "2")), List.of("x-c")),
                new HeaderOperations(List.of(), List.of(), List.of("server")), Optional.of("upstream.local"));

        Step step = step(explain(Forward.of(List.of(TO_V1)), new RouteFilters(headers, Optional.empty(), Optional.empty()),
                "/api/x"), "headers");

        assertThat(step.value()).as("count").isEqualTo("5 operation(s)");
        assertThat(step.details()).as("operations").containsExactly("request remove x-c", "request set x-a: 1",
                "request add x-b: 2", "response remove server", "request authority upstream.local");
    }

    @Test
    void corsShowsItsOriginsAndHeaders() {
        CorsPolicy cors = new CorsPolicy(List.of(new StringMatch.Exact("https://shop.example.com"),
                new StringMatch.Prefix("https://dev.")), "GET,POST", "", "x-total", Optional.of("86400"),
                Optional.of(true), true);

        Step step = step(explain(Forward.of(List.of(TO_V1)), new RouteFilters(HeaderRewrites.NONE, Optional.of(cors),
                Optional.empty()), "/api/x"), "cors");

        assertThat(step.value()).as("origins").isEqualTo("origins [exact https://shop.example.com, prefix https://dev.]");
        assertThat(step.details()).as("cors settings").containsExactly("allow-methods GET,POST",
                "allow-headers (not set)", "expose-headers x-total", "max-age 86400", "allow-credentials true",
                "unmatched preflights forwarded");
    }

    @Test
    void faultShowsDelayAndAbortWithTheirPercentages() {
        FaultPolicy fault = new FaultPolicy(
                Optional.of(new FaultPolicy.Delay(Duration.ofSeconds(5), Percentage.ofPercent(10))),
                Optional.of(new FaultPolicy.Abort(503, Optional.empty(), Percentage.ofPercent(0.5))));

        Step step = step(explain(Forward.of(List.of(TO_V1)), new RouteFilters(HeaderRewrites.NONE, Optional.empty(),
                Optional.of(fault)), "/api/x"), "fault");

        assertThat(step.value()).isEqualTo("delay 5s for 10%; abort 503 for 0.5%");
    }

    @Test
    void aGrpcAbortNamesItsGrpcStatus() {
        FaultPolicy fault = new FaultPolicy(Optional.empty(),
                Optional.of(new FaultPolicy.Abort(200, Optional.of(14), Percentage.ALWAYS)));

        Step step = step(explain(Forward.of(List.of(TO_V1)), new RouteFilters(HeaderRewrites.NONE, Optional.empty(),
                Optional.of(fault)), "/api/x"), "fault");

        assertThat(step.value()).isEqualTo("abort grpc-status 14 for 100%");
    }

    @Test
    void aRedirectPrintsItsCodeAndFieldsAndNoForwardLines() {
        RedirectAction redirect = new RedirectAction(308, Optional.of("https"), Optional.of("new.example.com"),
                OptionalInt.empty(), true, Optional.of(new PathRewrite.ReplacePrefix("/api/", "/v2/")));

        Explanation explanation = explain(redirect);

        Step step = step(explanation, "redirect");
        assertThat(step.value()).as("code").isEqualTo("308");
        assertThat(step.details()).as("fields").containsExactly("scheme https", "authority new.example.com",
                "port (the request's Gateway port)", "path prefix /api/ -> /v2/");
        assertThat(explanation.steps()).as("no forward lines for a redirect").extracting(Step::name)
                .doesNotContain("forward", "rewrite", "retries", "timeout", "mirrors");
    }

    @Test
    void aRedirectWithoutFieldsKeepsTheRequestsParts() {
        RedirectAction redirect = new RedirectAction(301, Optional.empty(), Optional.empty(), OptionalInt.of(8443), false,
                Optional.empty());

        assertThat(step(explain(redirect), "redirect").details()).containsExactly("scheme (the request's)",
                "authority (the request's)", "port 8443", "path (the request's)");
    }

    @Test
    void aDirectResponsePrintsItsStatusAndBodySize() {
        DirectResponseAction direct = new DirectResponseAction(503, "unavailable\n".getBytes(StandardCharsets.UTF_8));

        Explanation explanation = explain(direct);

        assertThat(step(explanation, "direct-response").value()).isEqualTo("503, body 12 bytes");
        assertThat(explanation.steps()).as("no forward lines for a direct response").extracting(Step::name)
                .doesNotContain("forward", "rewrite", "retries");
    }
}
