package io.foresail.core.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ExplainCommandTest {

    private static final String SAMPLE = Path.of("..", "config-samples", "gateway.yaml").toString();

    private static final String SHOP = """
            apiVersion: networking.istio.io/v1
            kind: Gateway
            metadata: {name: edge}
            spec:
              selector: {istio: ingressgateway}
              servers:
              - port: {number: 8080, name: http, protocol: HTTP}
                hosts: ["*"]
              - port: {number: 8443, name: plain-redirect, protocol: HTTP}
                hosts: ["secure.example.com"]
                tls: {httpsRedirect: true}
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: echo}
            spec:
              hosts: [echo.local]
              resolution: STATIC
              ports: [{number: 80, name: http, protocol: HTTP}]
              endpoints: [{address: 127.0.0.1, ports: {http: 9001}}]
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: shop}
            spec:
              hosts: [shop.example.com, secure.example.com]
              gateways: [edge]
              http:
              - name: api
                match: [{uri: {prefix: /api}, method: {exact: POST}}]
                route: [{destination: {host: echo.local}}]
            """;

    @TempDir
    Path folder;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run explain(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ExplainCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Run explainShop(String... args) throws IOException {
        Path config = Files.writeString(folder.resolve("shop.yaml"), SHOP);
        List<String> all = new ArrayList<>(List.of("--config", config.toString()));
        all.addAll(List.of(args));
        return explain(all.toArray(String[]::new));
    }

    @Test
    void aRoutedRequestExitsZeroAndPrintsRouteOriginAndEndpoints() {
        Run run = explain("--config", SAMPLE, "http://localhost:8081/v2/anything");

        assertThat(run.exitCode()).as("exit code; %s", run).isZero();
        assertThat(run.out()).as("explanation")
                .contains("listener: port 8081\n")
                .contains("route: #1 v2-by-path\n")
                .contains("from VirtualService/default/echo at " + SAMPLE + ":")
                .contains("matched by match[0]: uri prefix /v2/\n")
                .contains("outbound|80|v2|echo.local weight 1/1 subset v2\n")
                .endsWith("result: routed\n");
    }

    @Test
    void aHeaderGivenWithDashHTakesTheHeaderRoute() {
        Run run = explain("--config", SAMPLE, "-H", "x-canary: always", "http://localhost:8081/");

        assertThat(run.out()).as("explanation; %s", run).contains("route: #0 canary-by-header\n");
    }

    @Test
    void noListenerOnTheUrlPortExitsOne() {
        Run run = explain("--config", SAMPLE, "http://localhost:9999/");

        assertThat(run.exitCode()).as("exit code; %s", run).isEqualTo(1);
        assertThat(run.out()).as("explanation").contains("listener: none on port 9999\n    ports served: [8081]\n");
    }

    @Test
    void anHttpsUrlOnAPortWithoutTlsSaysNoChainForItsSni() {
        Run run = explain("--config", SAMPLE, "https://shop.example.com:8081/");

        assertThat(run.exitCode()).as("exit code; %s", run).isEqualTo(1);
        assertThat(run.out()).as("explanation").contains("tls-chain: none for SNI shop.example.com\n");
    }

    @Test
    void anUnknownHostListsTheDomainsAndExitsOne() throws IOException {
        Run run = explainShop("http://other.example.com:8080/api");

        assertThat(run.exitCode()).as("exit code; %s", run).isEqualTo(1);
        assertThat(run.out()).as("explanation").contains("virtual-host: none for host other.example.com:8080\n")
                .contains("domains: [shop.example.com, secure.example.com]");
    }

    @Test
    void noRouteListsTheFirstFailedConditionOfEachRoute() throws IOException {
        Run run = explainShop("http://shop.example.com:8080/api/items");

        assertThat(run.exitCode()).as("exit code; %s", run).isEqualTo(1);
        assertThat(run.out()).as("explanation").contains("    #0 api: header :method exact POST (was GET)\n");
    }

    @Test
    void dashXSetsTheMethod() throws IOException {
        Run run = explainShop("-X", "post", "http://shop.example.com:8080/api/items");

        assertThat(run.exitCode()).as("exit code; %s", run).isZero();
    }

    @Test
    void httpsRedirectIsReportedAsARedirect() throws IOException {
        Run run = explainShop("http://secure.example.com:8443/api?x=1");

        assertThat(run.exitCode()).as("exit code; %s", run).isZero();
        assertThat(run.out()).as("explanation").contains("redirect: 301 https://secure.example.com:8443/api?x=1\n");
    }

    @Test
    void jsonOutputCarriesTheStepsAndTheVerdict() {
        Run run = explain("--config", SAMPLE, "--output", "json", "http://localhost:8081/v2/x");

        assertThat(run.out()).as("json; %s", run).startsWith("{\"routed\":true,\"steps\":[{\"name\":\"listener\",\"value\":\"port 8081\",\"details\":[]}");
    }

    @Test
    void anHttpsUrlNamesTheCertificateAndTheGatewayServerWithItsFileLine() {
        Path sample = Path.of("..", "config-samples", "bookinfo-tls");
        Run run = explain("--config", sample.toString(), "--secrets-dir", sample.resolve("secrets").toString(),
                "https://uk.bookinfo.com/productpage");

        assertThat(run.exitCode()).as("exit code; %s", run).isZero();
        assertThat(run.out()).as("explanation")
                .contains("listener: port 443\n")
                .contains("    terminated with certificate " + sample.resolve("certs/servercert.pem") + "\n")
                .contains("server: Gateway some-config-namespace/my-gateway server https-443 (HTTPS) hosts "
                        + "[uk.bookinfo.com, eu.bookinfo.com]\n    at " + sample.resolve("bookinfo-gateway.yaml") + ":");
    }

    @Test
    void aTcpPortNamesItsGatewayServerAndForward() {
        Path sample = Path.of("..", "config-samples", "bookinfo-tls");
        Run run = explain("--config", sample.toString(), "--secrets-dir", sample.resolve("secrets").toString(),
                "http://localhost:2379/raw");

        assertThat(run.exitCode()).as("exit code; %s", run).isZero();
        assertThat(run.out()).as("explanation")
                .contains("server: Gateway some-config-namespace/my-gateway server mongo (MONGO) hosts [*]\n    at "
                        + sample.resolve("bookinfo-gateway.yaml") + ":")
                .contains("tcp-forward: tcp.2379\n    outbound|27017||mongodb.bookinfo-namespace.svc.cluster.local weight 1/1\n");
    }

    @Test
    void aRoutedRequestPrintsTheActionLinesTheTableHolds() {
        Run run = explain("--config", SAMPLE, "http://localhost:8081/v2/anything");

        assertThat(run.out()).as("explanation; %s", run).contains("rewrite: none\n", "timeout: none\n",
                "retries: 2 on connect-failure,refused-stream,retriable-status-codes,cancelled,unavailable (Istio default)\n",
                "mirrors: none\n", "headers: none\n", "cors: none\n", "fault: none\n");
    }

    @Test
    void jsonOutputCarriesTheServerAndActionSteps() {
        Run run = explain("--config", SAMPLE, "--output", "json", "http://localhost:8081/v2/x");

        assertThat(run.out()).as("json; %s", run)
                .contains("{\"name\":\"server\",\"value\":\"Gateway default/edge server http (HTTP) hosts [*]\","
                        + "\"details\":[\"at " + SAMPLE + ":")
                .contains("{\"name\":\"timeout\",\"value\":\"none\",\"details\":[]}");
    }

    @Test
    void aMissingUrlIsAUsageError() {
        Run run = explain("--config", SAMPLE);

        assertThat(run.exitCode()).as("exit code; %s", run).isEqualTo(2);
        assertThat(run.err()).as("stderr").contains("missing URL");
    }

    @Test
    void anUnknownOutputFormatIsAUsageError() {
        Run run = explain("--config", SAMPLE, "--output", "yaml", "http://localhost:8081/");

        assertThat(run.exitCode()).as("exit code; %s", run).isEqualTo(2);
    }
}
