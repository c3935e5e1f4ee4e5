package io.foresail.core.server;

import static io.foresail.core.testing.RoutingTables.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.core.http.ServerHeader;
import io.foresail.core.testing.Closer;
import io.foresail.core.testing.RawHttpClient;
import io.foresail.core.testing.RoutingTables;
import io.foresail.core.testing.StubUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The headers an Istio gateway's clients and upstreams see on a proxied request: trace context
 * passed through untouched, {@code x-envoy-upstream-service-time} and {@code server} on the answer.
 */
class EdgeHeadersIT {

    private static final int PORT = 8080;

    @RegisterExtension
    final Closer closer = new Closer();

    private ProxyServer start(StubUpstream upstream, ServerHeader serverHeader) {
        return closer.register(ProxyServer.start(RoutingTables.builder()
                        .cluster("web.local", endpoint("127.0.0.1", upstream.port(), 1))
                        .route(PORT, "example.com", "/", "web.local").holder(),
                ProxyServerOptions.builder().ephemeralPorts(true).workerThreads(1).serverHeader(serverHeader).build()));
    }

    private static RawHttpClient.Response get(ProxyServer proxy, String extraHeaders) throws Exception {
        try (RawHttpClient client = new RawHttpClient(proxy.boundPort(PORT))) {
            return client.exchange("GET /traced HTTP/1.1\r\nHost: example.com\r\n" + extraHeaders + "\r\n");
        }
    }

    @Test
    void traceContextHeadersReachTheUpstreamUntouched() throws Exception {
        StubUpstream upstream = closer.register(StubUpstream.start("web"));
        ProxyServer proxy = start(upstream, ServerHeader.OVERWRITE);
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        get(proxy, "traceparent: " + traceparent + "\r\ntracestate: congo=t61rcWkgMzE\r\n"
                + "b3: 80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1\r\nx-b3-traceid: 80f198ee56343ba864fe8b2a57d3eff7\r\n");

        StubUpstream.Recorded received = upstream.requests().get(0);
        assertThat(received.header("traceparent")).as("W3C trace context is the application's: passed on as sent")
                .isEqualTo(traceparent);
        assertThat(received.header("tracestate")).isEqualTo("congo=t61rcWkgMzE");
        assertThat(received.header("b3")).isEqualTo("80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1");
        assertThat(received.header("x-b3-traceid")).isEqualTo("80f198ee56343ba864fe8b2a57d3eff7");
    }

    @Test
    void proxiedAnswerCarriesTheUpstreamServiceTimeAndIstioEnvoyAsServer() throws Exception {
        StubUpstream upstream = closer.register(StubUpstream.start("web"));
        ProxyServer proxy = start(upstream, ServerHeader.OVERWRITE);

        RawHttpClient.Response response = get(proxy, "");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("x-envoy-upstream-service-time")).as("milliseconds spent upstream, as Envoy")
                .matches("\\d+");
        assertThat(response.header("server")).isEqualTo("istio-envoy");
    }

    @Test
    void passThroughSendsNoServerHeaderTheUpstreamDidNotSend() throws Exception {
        StubUpstream upstream = closer.register(StubUpstream.start("web"));
        ProxyServer proxy = start(upstream, ServerHeader.PASS_THROUGH);

        RawHttpClient.Response response = get(proxy, "");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("server")).as("the JDK stub upstream sends no server header").isNull();
    }
}
