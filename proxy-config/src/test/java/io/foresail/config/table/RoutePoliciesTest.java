package io.foresail.config.table;

import io.foresail.config.testing.ConfigFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.foresail.config.testing.ConfigFixture.ECHO_SERVICE;
import static io.foresail.config.testing.ConfigFixture.GATEWAY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code timeout}, {@code retries} and {@code mirror(s)} compiled into the {@link ForwardPolicy},
 * {@code corsPolicy} and {@code fault} into the {@link RouteFilters}, as Istio translates them.
 */
class RoutePoliciesTest {

    @TempDir
    Path folder;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(folder);
    }

    private RoutingTable table(String route) {
        String yaml = """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: vs}
                spec:
                  hosts: [a.example.com]
                  gateways: [edge]
                  http:
                  - %s
                """.formatted(route.indent(4).strip());
        return fixture.table(GATEWAY + ECHO_SERVICE + yaml);
    }

    /** The routes compiled from one HTTPRoute written as {@code route} (YAML at the route's level). */
    private List<Route> routes(String route) {
        return table(route).listener(8081).plaintextHttp().virtualHosts().match("a.example.com").routes();
    }

    /** The only route compiled from a route forwarding to echo.local with {@code fields}. */
    private Route forwarding(String fields) {
        List<Route> routes = routes(TO_ECHO + fields);
        assertThat(routes).as("routes").hasSize(1);
        return routes.get(0);
    }

    private ForwardPolicy policy(String fields) {
        Route route = forwarding(fields);
        assertThat(route.action()).isInstanceOf(Forward.class);
        return ((Forward) route.action()).policy();
    }

    private RetryPolicy retries(String fields) {
        return policy(fields).retries();
    }

    private FaultPolicy fault(String fields) {
        return forwarding(fields).filters().fault().orElseThrow(() -> new AssertionError("no fault compiled"));
    }

    private CorsPolicy cors(String fields) {
        return forwarding(fields).filters().cors().orElseThrow(() -> new AssertionError("no CORS policy compiled"));
    }

    private static final String TO_ECHO = """
            route:
            - destination: {host: echo.local}
            """;

    @Test
    void timeoutIsTheForwardTimeout() {
        assertThat(policy("timeout: 2.5s").timeout()).contains(Duration.ofMillis(2500));
    }

    @Test
    void routeWithoutTimeoutHasNone() {
        assertThat(policy("").timeout()).as("Istio's default: no route timeout").isEmpty();
    }

    @Test
    void zeroTimeoutMeansNoTimeout() {
        assertThat(policy("timeout: 0s").timeout()).isEmpty();
    }

    @Test
    void absentRetriesAreIstiosDefault() {
        assertThat(retries("")).isSameAs(RetryPolicy.ISTIO_DEFAULT);
    }

    @Test
    void zeroAttemptsDisableRetries() {
        assertThat(retries("retries: {attempts: 0}")).isSameAs(RetryPolicy.NONE);
    }

    @Test
    void retriesWithoutRetryOnKeepTheDefaultConditions() {
        RetryPolicy retries = retries("retries: {attempts: 5, perTryTimeout: 1s}");

        assertThat(retries).isEqualTo(new RetryPolicy(5, Optional.of(Duration.ofSeconds(1)),
                RetryPolicy.ISTIO_DEFAULT.retryOn(), Set.of(), RetryPolicy.DEFAULT_BACKOFF, false, true));
    }

    @Test
    void writtenRetryOnReplacesTheDefaultConditions() {
        assertThat(retries("retries: {attempts: 1, retryOn: 'reset,5xx'}").retryOn())
                .containsExactlyInAnyOrder(RetryPolicy.Condition.RESET, RetryPolicy.Condition.FIVE_XX);
    }

    @Test
    void bareStatusCodesInRetryOnAreRetriableStatusCodes() {
        RetryPolicy retries = retries("retries: {attempts: 3, retryOn: 'gateway-error,503,504'}");

        assertThat(retries.retriableStatusCodes()).containsExactlyInAnyOrder(503, 504);
        assertThat(retries.retryOn()).as("retriable-status-codes added, as Istio's ConvertPolicy does")
                .isEqualTo(EnumSet.of(RetryPolicy.Condition.GATEWAY_ERROR, RetryPolicy.Condition.RETRIABLE_STATUS_CODES));
    }

    @Test
    void grpcRetryOnTokensAreConditions() {
        assertThat(retries("retries: {attempts: 2, retryOn: 'cancelled,deadline-exceeded,resource-exhausted'}").retryOn())
                .containsExactlyInAnyOrder(RetryPolicy.Condition.CANCELLED, RetryPolicy.Condition.DEADLINE_EXCEEDED,
                        RetryPolicy.Condition.RESOURCE_EXHAUSTED);
    }

    @Test
    void retryHostAndLocalityOptionsAndBackoffAreKept() {
        RetryPolicy retries = retries("""
                retries: {attempts: 2, retryRemoteLocalities: true, retryIgnorePreviousHosts: false, backoff: 100ms}
                """);

        assertThat(retries.retryRemoteLocalities()).isTrue();
        assertThat(retries.retryIgnorePreviousHosts()).isFalse();
        assertThat(retries.backoffBase()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void retryIgnorePreviousHostsDefaultsToTrue() {
        assertThat(retries("retries: {attempts: 2}").retryIgnorePreviousHosts()).isTrue();
    }

    @Test
    void mirrorIsResolvedToItsClusterLikeARouteDestination() {
        RoutingTable table = table(TO_ECHO + "mirror: {host: echo.local, subset: v2}");
        Route route = table.listener(8081).plaintextHttp().virtualHosts().match("a.example.com").routes().get(0);
        List<Mirror> mirrors = ((Forward) route.action()).policy().mirrors();

        assertThat(mirrors).hasSize(1);
        assertThat(mirrors.get(0).destination().clusterName()).isEqualTo("outbound|80|v2|echo.local");
        assertThat(mirrors.get(0).destination().cluster()).as("cluster attached").isPresent();
        assertThat(table.clusters()).as("the mirror's cluster is one of the table's").containsKey("outbound|80|v2|echo.local");
        assertThat(mirrors.get(0).percentage()).as("mirrorPercentage absent ⇒ 100%").isEqualTo(Percentage.ALWAYS);
    }

    @Test
    void mirrorPercentageIsKept() {
        assertThat(policy("mirror: {host: echo.local}\nmirrorPercentage: {value: 25.5}").mirrors())
                .extracting(Mirror::percentage).containsExactly(Percentage.ofPercent(25.5));
    }

    @Test
    void deprecatedMirrorPercentIsUsedWithoutMirrorPercentage() {
        assertThat(policy("mirror: {host: echo.local}\nmirrorPercent: 30").mirrors())
                .extracting(Mirror::percentage).containsExactly(Percentage.ofPercent(30));
    }

    @Test
    void explicitZeroMirrorPercentageMirrorsNothing() {
        assertThat(policy("mirror: {host: echo.local}\nmirrorPercentage: {value: 0}").mirrors())
                .as("Istio leaves out a mirror policy of 0%").isEmpty();
    }

    @Test
    void mirrorsKeepTheirOrderAndPercentagesWithAbsentMeaning100() {
        List<Mirror> mirrors = policy("""
                mirrors:
                - destination: {host: echo.local, subset: v1}
                - destination: {host: echo.local, subset: v2}
                  percentage: {value: 5}
                """).mirrors();

        assertThat(mirrors).extracting(mirror -> mirror.destination().clusterName() + " " + mirror.percentage().percent())
                .containsExactly("outbound|80|v1|echo.local 100.0", "outbound|80|v2|echo.local 5.0");
    }

    @Test
    void mirrorToAHostNoServiceEntryDefinesHasNoCluster() {
        Mirror mirror = policy("mirror: {host: shadow.example.com}").mirrors().get(0);

        assertThat(mirror.destination().cluster()).as("nothing is mirrored at request time").isEmpty();
        assertThat(mirror.destination().clusterName()).as("port: the listener's").isEqualTo("outbound|8081||shadow.example.com");
    }

    @Test
    void policyIsKeptOnEveryMatchBlockWithItsOwnRewrite() {
        List<Route> routes = routes("""
                match: [{uri: {prefix: /a}}, {uri: {prefix: /bb}}]
                rewrite: {uri: /x}
                timeout: 3s
                retries: {attempts: 0}
                """ + TO_ECHO);

        for (Route route : routes) {
            ForwardPolicy policy = ((Forward) route.action()).policy();
            assertThat(policy.timeout()).as("timeout of %s", route.name()).contains(Duration.ofSeconds(3));
            assertThat(policy.retries()).as("retries of %s", route.name()).isSameAs(RetryPolicy.NONE);
        }
        assertThat(((Forward) routes.get(1).action()).policy().pathRewrite().orElseThrow().apply("/bb/1")).isEqualTo("/x/1");
    }

    @Test
    void faultDelayAndAbortAreCompiledWithTheirPercentages() {
        FaultPolicy fault = fault("""
                fault:
                  delay: {fixedDelay: 7s, percentage: {value: 100}}
                  abort: {httpStatus: 503, percentage: {value: 12.5}}
                """);

        assertThat(fault.delay()).contains(new FaultPolicy.Delay(Duration.ofSeconds(7), Percentage.ALWAYS));
        assertThat(fault.abort()).contains(new FaultPolicy.Abort(503, Optional.empty(), Percentage.ofPercent(12.5)));
    }

    @Test
    void delayWithoutAnyPercentageNeverApplies() {
        assertThat(fault("fault: {delay: {fixedDelay: 1s}}").delay().orElseThrow().percentage()).isEqualTo(Percentage.NEVER);
    }

    @Test
    void deprecatedDelayPercentIsUsedWithoutPercentage() {
        assertThat(fault("fault: {delay: {fixedDelay: 1s, percent: 100}}").delay().orElseThrow().percentage())
                .isEqualTo(Percentage.ALWAYS);
    }

    @Test
    void delayPercentageWinsOverDeprecatedPercent() {
        assertThat(fault("fault: {delay: {fixedDelay: 1s, percent: 100, percentage: {value: 1}}}").delay().orElseThrow()
                .percentage()).isEqualTo(Percentage.ofPercent(1));
    }

    @Test
    void abortWithoutPercentageNeverApplies() {
        assertThat(fault("fault: {abort: {httpStatus: 500}}").abort().orElseThrow().percentage()).isEqualTo(Percentage.NEVER);
    }

    @Test
    void grpcAbortIsHttp200WithTheNumericGrpcStatus() {
        assertThat(fault("fault: {abort: {grpcStatus: UNAVAILABLE, percentage: {value: 50}}}").abort())
                .contains(new FaultPolicy.Abort(200, Optional.of(14), Percentage.ofPercent(50)));
    }

    @Test
    void abortWithoutErrorTypeIsNoFault() {
        assertThat(forwarding("fault: {abort: {percentage: {value: 50}}}").filters().fault())
                .as("Istio drops an abort without error type, and a fault left empty").isEmpty();
    }

    @Test
    void routeWithoutPoliciesHasNoCorsOrFault() {
        RouteFilters filters = forwarding("").filters();

        assertThat(filters.cors()).isEmpty();
        assertThat(filters.fault()).isEmpty();
    }

    @Test
    void corsPolicyIsCompiledAsEnvoysCorsPolicy() {
        CorsPolicy cors = cors("""
                corsPolicy:
                  allowOrigins: [{exact: 'https://a.example.com'}, {prefix: 'https://b.'}, {regex: 'https://[a-z]+[.]c[.]com'}]
                  allowMethods: [GET, POST]
                  allowHeaders: [content-type, x-custom]
                  exposeHeaders: [x-trace]
                  maxAge: 24h
                  allowCredentials: true
                """);

        assertThat(cors.allowMethods()).isEqualTo("GET,POST");
        assertThat(cors.allowHeaders()).isEqualTo("content-type,x-custom");
        assertThat(cors.exposeHeaders()).isEqualTo("x-trace");
        assertThat(cors.maxAge()).as("whole seconds").contains("86400");
        assertThat(cors.allowCredentials()).contains(true);
        assertThat(cors.forwardUnmatchedPreflights()).as("FORWARD by default").isTrue();
        assertThat(cors.allowsOrigin("https://a.example.com")).isTrue();
        assertThat(cors.allowsOrigin("https://b.example.com")).as("prefix").isTrue();
        assertThat(cors.allowsOrigin("https://x.c.com")).as("regex").isTrue();
        assertThat(cors.allowsOrigin("https://x.c.com.evil")).as("regex matches the whole origin").isFalse();
        assertThat(cors.allowsOrigin("https://a.example.com.evil")).as("exact").isFalse();
    }

    @Test
    void deprecatedAllowOriginsAreExactMatches() {
        CorsPolicy cors = cors("corsPolicy: {allowOrigin: ['https://a.example.com']}");

        assertThat(cors.allowOrigins()).containsExactly(new StringMatch.Exact("https://a.example.com"));
    }

    @Test
    void allowOriginsTakePrecedenceOverDeprecatedAllowOrigin() {
        CorsPolicy cors = cors("corsPolicy: {allowOrigins: [{exact: 'https://a'}], allowOrigin: ['https://b']}");

        assertThat(cors.allowsOrigin("https://b")).isFalse();
        assertThat(cors.allowsOrigin("https://a")).isTrue();
    }

    @Test
    void unsetCorsFieldsStayUnset() {
        CorsPolicy cors = cors("corsPolicy: {allowOrigins: [{exact: 'https://a'}]}");

        assertThat(cors.allowMethods()).isEmpty();
        assertThat(cors.maxAge()).isEmpty();
        assertThat(cors.allowCredentials()).as("not written, so no Access-Control-Allow-Credentials").isEmpty();
    }

    @Test
    void unmatchedPreflightsIgnoreStopsForwardingThem() {
        assertThat(cors("corsPolicy: {allowOrigins: [{exact: 'https://a'}], unmatchedPreflights: IGNORE}")
                .forwardUnmatchedPreflights()).isFalse();
    }

    @Test
    void corsAppliesAlsoToADirectResponseRoute() {
        Route route = routes("directResponse: {status: 204}\ncorsPolicy: {allowOrigins: [{exact: 'https://a'}]}").get(0);

        assertThat(route.action()).isInstanceOf(DirectResponseAction.class);
        assertThat(route.filters().cors()).isPresent();
    }
}
