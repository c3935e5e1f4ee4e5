package io.foresail.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.core.testing.Closer;
import io.foresail.core.testing.RawHttpClient;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code config-samples/route-actions/rewrites-and-redirects.yaml} started with its folder as its
 * comments say (Gateway port 8083 on an ephemeral port), answering each of its curl lines as they
 * say; the echo upstream's body tells what it received.
 */
class RouteActionsRewritesSampleIT {

    private static final int PORT = 8083;
    private static final String HOST = "web.example.com";

    @RegisterExtension
    final Closer closer = new Closer();

    @TempDir
    Path dir;

    private RunningSample sample;

    @BeforeEach
    void start() throws Exception {
        sample = closer.register(RunningSample.start("route-actions", dir));
    }

    /** The echo's body lines: its name, the request line it received, then the headers it received. */
    private static List<String> echoed(RawHttpClient.Response response) {
        assertThat(response.status()).as("status of an echoed request").isEqualTo(200);
        return response.bodyText().lines().toList();
    }

    @Test
    void commonPrefixRewriteGivesIstiosDoubleSlashAndTheOriginalPath() throws Exception {
        List<String> echoed = echoed(sample.get(PORT, HOST, "/common/api?q=1"));

        assertThat(echoed.get(0)).isEqualTo("echo-v1");
        assertThat(echoed.get(1)).as("istio/istio#26828").isEqualTo("GET //api?q=1 HTTP/1.1");
        assertThat(echoed).contains("x-envoy-original-path: /common/api?q=1");
    }

    @Test
    void shopRegexRewriteAuthorityAndHeaders() throws Exception {
        RawHttpClient.Response response = sample.get(PORT, HOST, "/shop/shoes/42", "x-debug", "1");
        List<String> echoed = echoed(response);

        assertThat(echoed.get(0)).isEqualTo("echo-v2");
        assertThat(echoed.get(1)).isEqualTo("GET /catalog/42/shoes HTTP/1.1");
        assertThat(echoed).contains("host: catalog.internal", "x-sample: rewrites", "x-subset: v2")
                .noneMatch(line -> line.startsWith("x-debug:"));
        assertThat(response.header("x-served-by")).isEqualTo("foresail");
        assertThat(response.header("cache-control")).isEqualTo("no-store");
        assertThat(response.header("x-subset")).isEqualTo("v2");
    }

    @Test
    void clientXEnvoyHeadersNeverReachTheUpstream() throws Exception {
        List<String> echoed = echoed(sample.get(PORT, HOST, "/other", "x-envoy-original-path", "/forged"));

        assertThat(echoed.get(1)).isEqualTo("GET /other HTTP/1.1");
        assertThat(echoed).noneMatch(line -> line.startsWith("x-envoy-"));
    }

    @Test
    void oldPathsAreRedirectedKeepingTheQuery() throws Exception {
        RawHttpClient.Response response = sample.get(PORT, HOST, "/old/page?id=7");

        assertThat(response.status()).isEqualTo(301);
        assertThat(response.header("location")).isEqualTo("http://web.example.com/new/page?id=7");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void loginIsRedirectedToTheAccountsHost() throws Exception {
        RawHttpClient.Response response = sample.get(PORT, HOST, "/login");

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("location")).isEqualTo("https://accounts.example.com/sign-in");
    }

    @Test
    void healthzIsAnsweredByTheProxyAsJson() throws Exception {
        RawHttpClient.Response response = sample.get(PORT, HOST, "/healthz");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("content-type")).isEqualTo("application/json");
        assertThat(response.bodyText()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void teapotBodyIsTheDecodedBytes() throws Exception {
        RawHttpClient.Response response = sample.get(PORT, HOST, "/teapot");

        assertThat(response.status()).isEqualTo(418);
        assertThat(response.header("content-type")).isEqualTo("text/plain");
        assertThat(response.bodyText()).isEqualTo("I'm a teapot");
    }
}
