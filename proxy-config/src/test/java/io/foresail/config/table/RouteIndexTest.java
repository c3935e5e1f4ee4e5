package io.foresail.config.table;

import io.foresail.config.testing.TestRequest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RouteIndexTest {

    private static final Forward FORWARD = Forward.of(List.of(
            new WeightedDestination("h", "outbound|80||h", 1, Optional.empty())));

    @Test
    void earlierPrefixBeatsLaterExact() {
        VirtualHost virtualHost = virtualHost(
                prefix("api", "/api"),
                exact("api-users", "/api/users"));

        assertThat(routeName(virtualHost, "/api/users")).isEqualTo("api");
    }

    @Test
    void earlierExactBeatsLaterLongerPrefix() {
        VirtualHost virtualHost = virtualHost(
                exact("users", "/api/users"),
                prefix("api-users-tree", "/api/users"));

        assertThat(routeName(virtualHost, "/api/users")).isEqualTo("users");
        assertThat(routeName(virtualHost, "/api/users/7")).isEqualTo("api-users-tree");
    }

    @Test
    void earlierShortPrefixBeatsLaterLongerPrefix() {
        VirtualHost virtualHost = virtualHost(
                prefix("short", "/a"),
                prefix("long", "/a/b"));

        assertThat(routeName(virtualHost, "/a/b/c")).as("declaration order, not longest prefix").isEqualTo("short");
    }

    @Test
    void unindexableRouteBetweenTwoRunsKeepsItsPosition() {
        VirtualHost virtualHost = virtualHost(
                prefix("first-run", "/one"),
                regex("between", "/(one|two)/[0-9]+"),
                prefix("second-run", "/two"),
                new Route("second-run-catch-all", List.of(), FORWARD));

        assertThat(((IndexedRoutes) virtualHost.routes()).index().groups())
                .extracting(group -> group.getClass().getSimpleName())
                .containsExactly("PathIndexedRun", "UnindexedRoute", "PathIndexedRun");
        assertThat(routeName(virtualHost, "/one/1")).as("the earlier run still wins").isEqualTo("first-run");
        assertThat(routeName(virtualHost, "/two/2")).as("the regex beats the later run").isEqualTo("between");
        assertThat(routeName(virtualHost, "/two/x")).isEqualTo("second-run");
        assertThat(routeName(virtualHost, "/three")).isEqualTo("second-run-catch-all");
    }

    @Test
    void routeWithHeaderConditionOrIgnoreCaseIsEvaluatedInPlace() {
        Route withHeader = new Route("canary", List.of(new RequestMatch(new PathMatch.Prefix("/api", false),
                List.of(new HeaderMatch("x-canary", new StringMatch.Exact("1"))))), FORWARD);
        Route ignoreCase = new Route("any-case", List.of(new RequestMatch(new PathMatch.Prefix("/API", true))), FORWARD);
        VirtualHost virtualHost = virtualHost(withHeader, ignoreCase, prefix("api", "/api"));

        assertThat(((IndexedRoutes) virtualHost.routes()).index().groups()).hasSize(3);
        assertThat(virtualHost.route(TestRequest.of("/api/x", "x-canary", "1")).name()).isEqualTo("canary");
        assertThat(routeName(virtualHost, "/api/x")).isEqualTo("any-case");
    }

    @Test
    void prefixMatchesPathsThatMerelyStartWithIt() {
        VirtualHost virtualHost = virtualHost(prefix("foo", "/foo"));

        assertThat(routeName(virtualHost, "/foobar")).as("raw string prefix, not segment-aware").isEqualTo("foo");
        assertThat(routeName(virtualHost, "/fo")).isNull();
    }

    @Test
    void routeWithSeveralBlocksMatchesThroughAnyOfThem() {
        Route both = new Route("both", List.of(
                new RequestMatch(new PathMatch.Exact("/health", false)),
                new RequestMatch(new PathMatch.Prefix("/status/", false))), FORWARD);
        VirtualHost virtualHost = virtualHost(prefix("earlier", "/status/deep"), both, prefix("later", "/"));

        assertThat(routeName(virtualHost, "/health")).isEqualTo("both");
        assertThat(routeName(virtualHost, "/status/x")).isEqualTo("both");
        assertThat(routeName(virtualHost, "/status/deeper")).isEqualTo("earlier");
        assertThat(routeName(virtualHost, "/health/x")).isEqualTo("later");
    }

    @Test
    void catchAllMatchesOnlyPathsStartingWithSlash() {
        VirtualHost virtualHost = virtualHost(exact("star", "/star"), new Route("all", List.of(), FORWARD));

        assertThat(routeName(virtualHost, "/anything")).isEqualTo("all");
        assertThat(routeName(virtualHost, "/")).isEqualTo("all");
        assertThat(routeName(virtualHost, "*")).as("OPTIONS * is not under prefix /").isNull();
        assertThat(routeName(virtualHost, "example.com:443")).as("CONNECT target").isNull();
        assertThat(routeName(virtualHost, "")).isNull();
    }

    @Test
    void emptyPrefixMatchesEvenAsteriskForm() {
        VirtualHost virtualHost = virtualHost(prefix("empty", ""));

        assertThat(routeName(virtualHost, "*")).as("prefix \"\" starts every path").isEqualTo("empty");
    }

    @Test
    void exactComparesTheWholePath() {
        VirtualHost virtualHost = virtualHost(exact("foo", "/foo"));

        assertThat(routeName(virtualHost, "/foo")).isEqualTo("foo");
        assertThat(routeName(virtualHost, "/foo/")).isNull();
        assertThat(routeName(virtualHost, "/FOO")).isNull();
    }

    @Test
    void emptyRouteListMatchesNothing() {
        VirtualHost virtualHost = new VirtualHost(List.of("*"), List.of());

        assertThat(virtualHost.route(TestRequest.of("/"))).isNull();
        assertThat(((IndexedRoutes) virtualHost.routes()).index().groups()).isEmpty();
    }

    @Test
    void routesStayAPlainListInDeclarationOrder() {
        List<Route> routes = List.of(prefix("a", "/a"), regex("b", "/b.*"), exact("c", "/c"));
        VirtualHost virtualHost = new VirtualHost(List.of("*"), routes);

        assertThat(virtualHost.routes()).containsExactlyElementsOf(routes);
        assertThat(virtualHost).isEqualTo(new VirtualHost(List.of("*"), routes));
        assertThat(virtualHost.routes()).isEqualTo(routes).hasSameHashCodeAs(routes);
    }

    private static VirtualHost virtualHost(Route... routes) {
        return new VirtualHost(List.of("*"), List.of(routes));
    }

    private static String routeName(VirtualHost virtualHost, String path) {
        Route route = virtualHost.route(TestRequest.of(path));
        return route == null ? null : route.name();
    }

    private static Route exact(String name, String path) {
        return new Route(name, List.of(new RequestMatch(new PathMatch.Exact(path, false))), FORWARD);
    }

    private static Route prefix(String name, String path) {
        return new Route(name, List.of(new RequestMatch(new PathMatch.Prefix(path, false))), FORWARD);
    }

    private static Route regex(String name, String expression) {
        return new Route(name, List.of(new RequestMatch(new PathMatch.Regex(expression, Re2FullMatch.of(expression)))),
                FORWARD);
    }
}
