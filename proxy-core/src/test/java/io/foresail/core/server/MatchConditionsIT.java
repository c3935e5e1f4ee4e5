package io.foresail.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.core.runtime.SnapshotHolder;
import io.foresail.core.testing.Closer;
import io.foresail.core.testing.RawHttpClient;
import io.foresail.core.testing.StubUpstream;
import io.foresail.core.testing.YamlSnapshots;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Method, query parameter and {@code withoutHeaders} conditions end to end: a table compiled from
 * Istio YAML, the proxy on an ephemeral port, real requests, and the upstream that answered.
 */
class MatchConditionsIT {

    private static final int GATEWAY_PORT = 8081;

    @RegisterExtension
    final Closer closer = new Closer();

    @TempDir
    Path folder;

    private StubUpstream fallback;
    private StubUpstream selected;
    private ProxyServer proxy;

    @BeforeEach
    void start() throws Exception {
        fallback = closer.register(StubUpstream.start("fallback"));
        selected = closer.register(StubUpstream.start("selected"));
        String yaml = YamlSnapshots.staticService("fallback.local", fallback)
                + YamlSnapshots.staticService("selected.local", selected) + """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: edge}
                spec:
                  servers:
                  - port: {number: %d, name: http, protocol: HTTP}
                    hosts: ["*"]
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: routes}
                spec:
                  hosts: [example.com]
                  gateways: [edge]
                  http:
                  - name: delete
                    match: [{method: {exact: DELETE}}]
                    route: [{destination: {host: selected.local}}]
                  - name: version
                    match: [{queryParams: {version: {regex: "[23]"}}}]
                    route: [{destination: {host: selected.local}}]
                  - name: untagged
                    match: [{uri: {prefix: /untagged}, withoutHeaders: {x-tag: {}}}]
                    route: [{destination: {host: selected.local}}]
                  - name: rest
                    route: [{destination: {host: fallback.local}}]
                """.formatted(GATEWAY_PORT);
        SnapshotHolder holder = YamlSnapshots.load(folder, Optional.empty(), yaml);
        proxy = closer.register(ProxyServer.start(holder,
                ProxyServerOptions.builder().ephemeralPorts(true).workerThreads(1).build()));
    }

    /** Sends {@code requestLine} with {@code headerLines} to example.com and returns which upstream answered. */
    private String upstreamFor(String requestLine, String... headerLines) throws Exception {
        StringBuilder request = new StringBuilder(requestLine).append("\r\nHost: example.com\r\n");
        for (String header : headerLines) {
            request.append(header).append("\r\n");
        }
        request.append("Content-Length: 0\r\n\r\n");
        try (RawHttpClient client = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
            RawHttpClient.Response response = client.exchange(request.toString());
            assertThat(response.status()).as("status of %s", requestLine).isEqualTo(200);
            return response.header("x-upstream");
        }
    }

    @Test
    void methodSelectsTheRoute() throws Exception {
        assertThat(upstreamFor("DELETE /item HTTP/1.1")).isEqualTo("selected");
        assertThat(upstreamFor("GET /item HTTP/1.1")).isEqualTo("fallback");
    }

    @Test
    void queryParameterSelectsTheRoute() throws Exception {
        assertThat(upstreamFor("GET /item?a=1&version=2 HTTP/1.1")).isEqualTo("selected");
        assertThat(upstreamFor("GET /item?version=23 HTTP/1.1")).as("regex is a full match").isEqualTo("fallback");
        assertThat(upstreamFor("GET /item?version=1&version=2 HTTP/1.1")).as("first occurrence only")
                .isEqualTo("fallback");
        assertThat(upstreamFor("GET /item#version=2 HTTP/1.1")).as("fragment is no query").isEqualTo("fallback");
    }

    @Test
    void queryParameterOfAnAbsoluteFormTargetSelectsTheRoute() throws Exception {
        assertThat(upstreamFor("GET http://example.com/item?version=3 HTTP/1.1")).isEqualTo("selected");
    }

    @Test
    void withoutHeadersSelectsTheRouteOnlyWhenTheHeaderIsAbsent() throws Exception {
        assertThat(upstreamFor("GET /untagged HTTP/1.1")).isEqualTo("selected");
        assertThat(upstreamFor("GET /untagged HTTP/1.1", "X-Tag: ")).as("present though empty").isEqualTo("fallback");
    }
}
