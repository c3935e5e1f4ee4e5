package io.foresail.core.server;

import static io.foresail.core.testing.RoutingTables.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.config.table.CorsPolicy;
import io.foresail.config.table.HeaderRewrites;
import io.foresail.config.table.RouteFilters;
import io.foresail.config.table.StringMatch;
import io.foresail.core.http.ResponseFlag;
import io.foresail.core.testing.Closer;
import io.foresail.core.testing.Outcomes;
import io.foresail.core.testing.RawHttpClient;
import io.foresail.core.testing.RoutingTables;
import io.foresail.core.testing.StubUpstream;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A route's {@code corsPolicy} over real sockets: raw client → proxy → stub upstream, and what the
 * stub received (nothing, for a preflight the proxy answers).
 */
class CorsPolicyIT {

    private static final int GATEWAY_PORT = 8085;
    private static final String ORIGIN = "https://app.example.com";

    @RegisterExtension
    final Closer closer = new Closer();

    private final Outcomes outcomes = new Outcomes();
    private StubUpstream upstream;
    private ProxyServer proxy;

    private static RouteFilters cors(List<StringMatch> origins, boolean forwardUnmatchedPreflights) {
        return new RouteFilters(HeaderRewrites.NONE, Optional.of(new CorsPolicy(origins, "GET,POST,PUT", "content-type",
                "x-request-id", Optional.of("86400"), Optional.of(true), forwardUnmatchedPreflights)), Optional.empty());
    }

    @BeforeEach
    void start() throws Exception {
        upstream = closer.register(StubUpstream.start("web"));
        StringMatch regex = new StringMatch.Regex("https://[a-z]+\\.example\\.org",
                Pattern.compile("https://[a-z]+\\.example\\.org").asMatchPredicate());
        RoutingTables tables = RoutingTables.builder()
                .cluster("web.example", endpoint("127.0.0.1", upstream.port(), 1))
                .route(GATEWAY_PORT, "example.com", "/exact", "web.example", cors(List.of(new StringMatch.Exact(ORIGIN)), true))
                .route(GATEWAY_PORT, "example.com", "/ignore", "web.example", cors(List.of(new StringMatch.Exact(ORIGIN)), false))
                .route(GATEWAY_PORT, "example.com", "/prefix", "web.example",
                        cors(List.of(new StringMatch.Prefix("https://dev-")), true))
                .route(GATEWAY_PORT, "example.com", "/regex", "web.example", cors(List.of(regex), true));
        proxy = closer.register(ProxyServer.start(tables.holder(),
                ProxyServerOptions.builder().ephemeralPorts(true).workerThreads(1).build(), outcomes));
    }

    private RawHttpClient client() throws Exception {
        return closer.register(new RawHttpClient(proxy.boundPort(GATEWAY_PORT)));
    }

    private RawHttpClient.Response preflight(String path, String origin) throws Exception {
        return client().exchange("OPTIONS " + path + " HTTP/1.1\r\nHost: example.com\r\nOrigin: " + origin
                + "\r\nAccess-Control-Request-Method: PUT\r\nAccess-Control-Request-Headers: content-type\r\n\r\n");
    }

    private RawHttpClient.Response get(String path, String origin) throws Exception {
        return client().exchange("GET " + path + " HTTP/1.1\r\nHost: example.com\r\nOrigin: " + origin + "\r\n\r\n");
    }

    @Test
    void preflightFromAnAllowedOriginIsAnsweredWithoutTheUpstreamSeeingAnything() throws Exception {
        RawHttpClient.Response response = preflight("/exact/api", ORIGIN);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.header("access-control-allow-origin")).isEqualTo(ORIGIN);
        assertThat(response.header("access-control-allow-methods")).isEqualTo("GET,POST,PUT");
        assertThat(response.header("access-control-allow-headers")).isEqualTo("content-type");
        assertThat(response.header("access-control-max-age")).isEqualTo("86400");
        assertThat(response.header("access-control-allow-credentials")).isEqualTo("true");
        assertThat(outcomes.next().flag()).isEqualTo(ResponseFlag.NONE);
        assertThat(upstream.requests()).as("answered by the proxy").isEmpty();
        assertThat(upstream.connectionCount()).isZero();
    }

    @Test
    void actualRequestFromAnAllowedOriginGetsTheCorsHeadersOnTheUpstreamResponse() throws Exception {
        RawHttpClient.Response response = get("/exact/api", ORIGIN);

        assertThat(response.bodyText()).isEqualTo("web /exact/api");
        assertThat(response.header("access-control-allow-origin")).isEqualTo(ORIGIN);
        assertThat(response.header("access-control-allow-credentials")).isEqualTo("true");
        assertThat(response.header("access-control-expose-headers")).isEqualTo("x-request-id");
        assertThat(response.header("access-control-allow-methods")).as("preflight only").isNull();
        assertThat(upstream.requests()).singleElement().satisfies(recorded ->
                assertThat(recorded.header("origin")).as("Origin forwarded as sent").isEqualTo(ORIGIN));
    }

    @Test
    void requestFromADisallowedOriginGetsNoCorsHeaders() throws Exception {
        RawHttpClient.Response response = get("/exact/api", "https://evil.example.com");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().keySet()).noneMatch(name -> name.startsWith("access-control-"));
    }

    @Test
    void preflightFromADisallowedOriginReachesTheUpstreamUnchanged() throws Exception {
        RawHttpClient.Response response = preflight("/exact/api", "https://evil.example.com");

        assertThat(response.bodyText()).as("the upstream's answer").isEqualTo("web /exact/api");
        assertThat(response.headers().keySet()).noneMatch(name -> name.startsWith("access-control-"));
        assertThat(upstream.requests()).singleElement().satisfies(recorded -> {
            assertThat(recorded.method()).isEqualTo("OPTIONS");
            assertThat(recorded.header("origin")).isEqualTo("https://evil.example.com");
            assertThat(recorded.header("access-control-request-method")).isEqualTo("PUT");
        });
    }

    @Test
    void preflightFromADisallowedOriginWithIgnoreNeverReachesTheUpstream() throws Exception {
        RawHttpClient.Response response = preflight("/ignore/api", "https://evil.example.com");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("access-control-allow-origin")).as("origin not allowed").isNull();
        assertThat(response.header("access-control-allow-methods")).as("as Envoy: the rest is still sent")
                .isEqualTo("GET,POST,PUT");
        assertThat(upstream.requests()).isEmpty();
    }

    @Test
    void prefixOriginAllowsOriginsStartingWithIt() throws Exception {
        assertThat(get("/prefix", "https://dev-42.example.com").header("access-control-allow-origin"))
                .isEqualTo("https://dev-42.example.com");
        assertThat(get("/prefix", "https://prod.example.com").header("access-control-allow-origin")).isNull();
    }

    @Test
    void regexOriginMustMatchTheWholeOrigin() throws Exception {
        assertThat(preflight("/regex", "https://shop.example.org").header("access-control-allow-origin"))
                .isEqualTo("https://shop.example.org");
        assertThat(get("/regex", "https://shop.example.org.evil.com").header("access-control-allow-origin"))
                .as("a longer origin containing a match is not a full match").isNull();
        assertThat(upstream.requests()).as("only the actual request was forwarded").hasSize(1);
    }
}
