package io.foresail.config.table;

import io.foresail.config.testing.TestRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RouteMatchingTest {

    private static final Forward FORWARD = Forward.of(List.of(new WeightedDestination("h", "outbound|80||h", 1,
            java.util.Optional.empty())));

    @Test
    void prefixIsARawStringPrefixNotSegmentAware() {
        PathMatch prefix = new PathMatch.Prefix("/foo", false);

        assertThat(prefix.matches("/foobar")).isTrue();
        assertThat(prefix.matches("/foo/bar")).isTrue();
        assertThat(new PathMatch.Prefix("/foo/", false).matches("/foo")).isFalse();
    }

    @Test
    void exactComparesTheWholePath() {
        assertThat(new PathMatch.Exact("/foo", false).matches("/foo")).isTrue();
        assertThat(new PathMatch.Exact("/foo", false).matches("/foo/")).isFalse();
        assertThat(new PathMatch.Exact("/foo", true).matches("/FOO")).isTrue();
    }

    @Test
    void ignoreCasePrefixMatchesOtherCase() {
        assertThat(new PathMatch.Prefix("/Foo", true).matches("/foo/x")).isTrue();
        assertThat(new PathMatch.Prefix("/Foo", false).matches("/foo/x")).isFalse();
    }

    @Test
    void regexMustMatchTheWholePath() {
        PathMatch regex = new PathMatch.Regex("/foo/[0-9]+", Re2FullMatch.of("/foo/[0-9]+"));

        assertThat(regex.matches("/foo/12")).isTrue();
        assertThat(regex.matches("/foo/12/x")).isFalse();
    }

    @Test
    void routeWithoutMatchBlocksMatchesEveryOriginFormPath() {
        Route route = new Route("all", List.of(), FORWARD);

        assertThat(route.matches(TestRequest.of("/anything"))).isTrue();
        assertThat(route.matches(TestRequest.of("/"))).isTrue();
    }

    @Test
    void routeWithoutMatchBlocksDoesNotMatchAsteriskOrAuthorityForm() {
        Route route = new Route("all", List.of(), FORWARD);

        assertThat(route.matches(TestRequest.of("*"))).as("OPTIONS * is not under prefix /, as in Envoy").isFalse();
        assertThat(route.matches(TestRequest.of("example.com:443"))).as("CONNECT target").isFalse();
    }

    @Test
    void matchBlocksAreOredAndConditionsInsideABlockAnded() {
        RequestMatch apiWithHeader = new RequestMatch(new PathMatch.Prefix("/api", false),
                List.of(new HeaderMatch("X-User", new StringMatch.Exact("jason"))));
        RequestMatch health = new RequestMatch(new PathMatch.Exact("/health", false));
        Route route = new Route("r", List.of(apiWithHeader, health), FORWARD);

        assertThat(route.matches(TestRequest.of("/api/x", "x-user", "jason"))).isTrue();
        assertThat(route.matches(TestRequest.of("/api/x"))).as("header missing").isFalse();
        assertThat(route.matches(TestRequest.of("/health"))).isTrue();
    }

    @Test
    void firstMatchingRouteWinsInDeclarationOrder() {
        VirtualHost virtualHost = new VirtualHost(List.of("*"), List.of(
                new Route("api", List.of(new RequestMatch(new PathMatch.Prefix("/api", false))), FORWARD),
                new Route("all", List.of(), FORWARD)));

        assertThat(virtualHost.route(TestRequest.of("/api/v1")).name()).isEqualTo("api");
        assertThat(virtualHost.route(TestRequest.of("/web")).name()).isEqualTo("all");
    }

    @Test
    void catchAllRoutesMoveLastKeepingTheirOrder() {
        Route all1 = new Route("all1", List.of(), FORWARD);
        Route api = new Route("api", List.of(new RequestMatch(new PathMatch.Prefix("/api", false))), FORWARD);
        Route all2 = new Route("all2", List.of(new RequestMatch(new PathMatch.Prefix("/", false))), FORWARD);
        Route empty = new Route("empty-prefix", List.of(new RequestMatch(new PathMatch.Prefix("", false))), FORWARD);

        assertThat(CatchAllRoutes.lastInOrder(List.of(all1, api, all2, empty))).extracting(Route::name)
                .as("prefix \"\" is not a catch-all for ordering, as in Istio")
                .containsExactly("api", "empty-prefix", "all1", "all2");
    }

    @Test
    void weightedPickFollowsCumulativeWeights() {
        Forward forward = Forward.of(List.of(
                new WeightedDestination("a", "outbound|80|a|h", 90, java.util.Optional.empty()),
                new WeightedDestination("b", "outbound|80|b|h", 10, java.util.Optional.empty())));

        assertThat(forward.totalWeight()).isEqualTo(100);
        assertThat(forward.pick(89).host()).isEqualTo("a");
        assertThat(forward.pick(90).host()).isEqualTo("b");
    }
}
