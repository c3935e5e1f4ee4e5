package io.foresail.core.server;

import static io.foresail.core.testing.RoutingTables.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.core.http.ResponseFlag;
import io.foresail.core.proxy.ExchangeOutcome;
import io.foresail.core.testing.Closer;
import io.foresail.core.testing.Outcomes;
import io.foresail.core.testing.RawHttpClient;
import io.foresail.core.testing.RoutingTables;
import io.foresail.core.testing.StubUpstream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Path normalisation over real sockets, as an Istio gateway's Envoy does it ({@code normalize_path},
 * no slash merging): routes {@code prefix /public → public}, {@code prefix /admin → admin},
 * {@code prefix / → public}. Requests go through a raw socket, since the JDK's HTTP client would
 * normalise the paths itself.
 */
class PathNormalisationIT {

    private static final int GATEWAY_PORT = 8081;

    @RegisterExtension
    final Closer closer = new Closer();

    private final Outcomes outcomes = new Outcomes();
    private StubUpstream publicUpstream;
    private StubUpstream adminUpstream;
    private ProxyServer proxy;

    @BeforeEach
    void start() throws Exception {
        publicUpstream = closer.register(StubUpstream.start("public"));
        adminUpstream = closer.register(StubUpstream.start("admin"));
        RoutingTables tables = RoutingTables.builder()
                .cluster("public.example", endpoint("127.0.0.1", publicUpstream.port(), 1))
                .cluster("admin.example", endpoint("127.0.0.1", adminUpstream.port(), 1))
                .route(GATEWAY_PORT, "example.com", "/public", "public.example")
                .route(GATEWAY_PORT, "example.com", "/admin", "admin.example")
                .route(GATEWAY_PORT, "example.com", "/", "public.example");
        ProxyServerOptions options = ProxyServerOptions.builder().ephemeralPorts(true).workerThreads(2).build();
        proxy = closer.register(ProxyServer.start(tables.holder(), options, outcomes));
    }

    private RawHttpClient client() throws Exception {
        return closer.register(new RawHttpClient(proxy.boundPort(GATEWAY_PORT)));
    }

    private static String get(String target) {
        return "GET " + target + " HTTP/1.1\r\nHost: example.com\r\n\r\n";
    }

    @Test
    void dotDotOutOfThePublicPrefixIsRoutedToAdminWhichSeesTheNormalisedPath() throws Exception {
        RawHttpClient.Response response = client().exchange(get("/public/../admin"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("admin /admin");
        assertThat(adminUpstream.requests()).singleElement()
                .satisfies(recorded -> assertThat(recorded.uri()).as("request target upstream").isEqualTo("/admin"));
        assertThat(publicUpstream.requests()).isEmpty();
        assertThat(outcomes.next().path()).isEqualTo("/admin");
    }

    @Test
    void queryIsForwardedUnchangedWhileThePathIsNormalised() throws Exception {
        assertThat(client().exchange(get("/a/./b?x=/../y")).status()).isEqualTo(200);

        assertThat(publicUpstream.requests()).singleElement()
                .satisfies(recorded -> assertThat(recorded.uri()).isEqualTo("/a/b?x=/../y"));
    }

    @Test
    void encodedDotDotIsADotSegment() throws Exception {
        assertThat(client().exchange(get("/public/%2e%2E/admin")).bodyText()).isEqualTo("admin /admin");

        assertThat(adminUpstream.requests()).singleElement()
                .satisfies(recorded -> assertThat(recorded.uri()).isEqualTo("/admin"));
    }

    @Test
    void backslashIsASlash() throws Exception {
        assertThat(client().exchange(get("/public\\..\\admin")).bodyText()).isEqualTo("admin /admin");

        assertThat(adminUpstream.requests()).singleElement()
                .satisfies(recorded -> assertThat(recorded.uri()).isEqualTo("/admin"));
    }

    @Test
    void absoluteFormTargetIsNormalisedAndSentInOriginForm() throws Exception {
        RawHttpClient.Response response = client().exchange(
                "GET http://example.com/public/../admin?q=/../1 HTTP/1.1\r\nHost: ignored.com\r\n\r\n");

        assertThat(response.status()).isEqualTo(200);
        assertThat(adminUpstream.requests()).singleElement().satisfies(recorded -> {
            assertThat(recorded.uri()).isEqualTo("/admin?q=/../1");
            assertThat(recorded.header("host")).isEqualTo("example.com");
        });
    }

    @Test
    void fragmentIsNotForwardedUpstream() throws Exception {
        assertThat(client().exchange(get("/public#/../admin")).status()).isEqualTo(200);

        assertThat(publicUpstream.requests()).singleElement()
                .satisfies(recorded -> assertThat(recorded.uri()).as("Envoy strips the fragment").isEqualTo("/public"));
        assertThat(adminUpstream.requests()).isEmpty();
    }

    @Test
    void escapedSlashAndDoubleSlashesAreKept() throws Exception {
        assertThat(client().exchange(get("/public/a%2F..%2Fb//c/../d")).status()).isEqualTo(200);

        assertThat(publicUpstream.requests()).singleElement()
                .satisfies(recorded -> assertThat(recorded.uri()).isEqualTo("/public/a%2F..%2Fb//d"));
    }

    @Test
    void rawNonAsciiByteReachesTheUpstreamPercentEncoded() throws Exception {
        RawHttpClient client = client();
        client.send("GET /public/caf\u00e9 HTTP/1.1\r\nHost: example.com\r\n\r\n"); // one byte 0xE9 on the wire

        assertThat(client.read().status()).isEqualTo(200);
        assertThat(publicUpstream.requests()).singleElement()
                .satisfies(recorded -> assertThat(recorded.uri()).isEqualTo("/public/caf%E9"));
    }

    @Test
    void pathThatCannotBeNormalisedGetsAnEmpty400AndTheConnectionStaysUsable() throws Exception {
        RawHttpClient client = client();

        RawHttpClient.Response response = client.exchange(get("/public/%00/../admin"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEmpty();
        assertThat(response.header("server")).isEqualTo("istio-envoy");
        ExchangeOutcome outcome = outcomes.next();
        assertThat(outcome.flag()).as("Envoy sets no flag for path_normalization_failed").isEqualTo(ResponseFlag.NONE);
        assertThat(outcome.status()).isEqualTo(400);
        assertThat(client.exchange(get("/admin")).status()).as("next request on the same connection").isEqualTo(200);
        assertThat(publicUpstream.requests()).isEmpty();
        assertThat(adminUpstream.requests()).singleElement()
                .satisfies(recorded -> assertThat(recorded.uri()).isEqualTo("/admin"));
    }
}
