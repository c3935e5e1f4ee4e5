package io.foresail.core.cli;

import io.foresail.core.cli.SampleRequests.SampleRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleRequestsTest {

    @TempDir
    Path dir;

    private List<SampleRequest> read(String comments) throws IOException {
        return SampleRequests.of(Files.writeString(dir.resolve("sample.yaml"), comments + "kind: VirtualService\n"));
    }

    @Test
    void aCurlLineGivesMethodPortHostHeadersAndTheAnswer() throws IOException {
        SampleRequest request = read("#   curl -s -X post -H 'Host: shop.example.com' -H \"x-canary: yes\" "
                + "localhost:8083/api?x=1   -> echo-v2 (the canary)\n").get(0);

        assertThat(request.method()).as("method").isEqualTo("POST");
        assertThat(request.port()).as("port").isEqualTo(8083);
        assertThat(request.authority()).as("Host header").isEqualTo("shop.example.com");
        assertThat(request.path()).as("path and query").isEqualTo("/api?x=1");
        assertThat(request.headers()).as("other headers").containsExactly(Map.entry("x-canary", "yes"));
        assertThat(request.expected()).as("answer").isEqualTo("echo-v2 (the canary)");
    }

    @Test
    void anHttpsLineSendsItsHostAsSniOnPort443() throws IOException {
        SampleRequest request = read("#   curl -sk --resolve uk.bookinfo.com:443:127.0.0.1 https://uk.bookinfo.com/productpage -> productpage\n")
                .get(0);

        assertThat(request.tls()).as("tls").isTrue();
        assertThat(request.port()).as("port").isEqualTo(443);
        assertThat(request.serverName()).as("SNI").isEqualTo("uk.bookinfo.com");
    }

    @Test
    void theAnswerMayStandOnTheNextCommentLine() throws IOException {
        SampleRequest request = read("#   curl -s -o /dev/null -w '%{http_code}\\n' localhost:8082/\n#        -> 404 (a host of another set)\n")
                .get(0);

        assertThat(request.expected()).isEqualTo("404 (a host of another set)");
    }

    @Test
    void dataMakesAPostWithABody() throws IOException {
        SampleRequest request = read("#   curl -s -d 'a=1' localhost:8083/form -> echo-v1\n").get(0);

        assertThat(request.method()).as("method").isEqualTo("POST");
        assertThat(request.body()).as("body").contains("a=1");
    }

    @Test
    void labelsNamedBeforeACurlLineApplyToIt() throws IOException {
        List<SampleRequest> requests = read("""
                #   java -jar proxy.jar --config x --labels istio=staging-public
                #   curl -s -H 'Host: shop.staging.example.com' localhost:8082/   -> storefront-staging
                #   --labels istio=production-public   shop.prod.example.com/cart   -> storefront-production
                """);

        assertThat(requests).extracting(SampleRequest::labels).as("labels")
                .containsExactly(Optional.of("istio=staging-public"), Optional.of("istio=production-public"));
        assertThat(requests.get(1).path()).as("path of a --labels line").isEqualTo("/cart");
        assertThat(requests.get(1).port()).as("port of a --labels line").isEqualTo(SampleRequests.ANY_PORT);
    }

    @Test
    void aCurlArgumentItDoesNotKnowFailsNamingTheLine() {
        assertThatThrownBy(() -> read("#   curl -s --compressed localhost:8083/ -> echo-v1\n"))
                .hasMessageContaining("sample.yaml:1").hasMessageContaining("--compressed");
    }

    @Test
    void aCurlLineWithoutAnAnswerFails() {
        assertThatThrownBy(() -> read("#   curl -s localhost:8083/\n# and some prose\n"))
                .hasMessageContaining("without \"-> answer\"");
    }
}
