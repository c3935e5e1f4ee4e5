package io.foresail.core.cli;

import io.foresail.core.cli.SampleRequests.SampleRequest;
import io.foresail.core.testing.RawHttpClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For every sample of {@code config-samples/} and every request its comments show
 * ({@link SampleRequests}), {@code explain} on the sample as shipped and the running proxy (started
 * as {@link RunningSample} does, with the labels the comments name) agree, and both give the answer
 * the comment expects:
 * <ul>
 *   <li>an answer from an echo upstream must come from an endpoint explain lists for the request,
 *       and explain must list every upstream the comment names (both sides of a weighted split);</li>
 *   <li>a local answer must be explain's: 404 when nothing routes, the redirect's code, the direct
 *       response's status, a fault abort's status, 504 for a route with a timeout, or 200 for a
 *       CORS preflight of a route with a CORS policy;</li>
 *   <li>the comment's answer (a status and Location, upstream names, or text of a local answer's
 *       body) is checked unless explain shows a fault for part of the requests only;</li>
 *   <li>https requests are sent with SNI and Host over TLS that trusts only the sample's
 *       certificates and checks the name.</li>
 * </ul>
 */
class SampleExplainIT {

    private static final Path SAMPLES = Path.of("..", "config-samples");
    /** Requests sent for one line when explain lists several endpoints, so a split shows its sides. */
    private static final int SPLIT_TRIES = 20;
    private static final String ECHO_HEADER = "x-echo-server";
    private static final Pattern ENDPOINT = Pattern.compile("^\\s+endpoint [^ ]+:(\\d+) weight ", Pattern.MULTILINE);
    private static final Pattern LOCAL_ANSWER = Pattern.compile("^(?:redirect|direct-response): (\\d{3})\\b", Pattern.MULTILINE);
    /** A fault abort: the proxy may answer its status itself. */
    private static final Pattern ABORT = Pattern.compile("^fault: .*abort (\\d{3}) for ", Pattern.MULTILINE);
    /** A delay or abort for part of the requests only: a comment's single answer cannot hold for every try. */
    private static final Pattern PARTIAL_FAULT = Pattern.compile("^fault: .*for (?!100%)[0-9.]+%", Pattern.MULTILINE);
    /** Explain lists a route timeout: the proxy answers 504 when the upstream is slower. */
    private static final Pattern TIMEOUT = Pattern.compile("^timeout: (?!none)", Pattern.MULTILINE);
    /** Explain lists a CORS policy: an allowed preflight is answered 200 by the proxy. */
    private static final Pattern CORS = Pattern.compile("^cors: origins ", Pattern.MULTILINE);

    @TempDir
    Path dir;

    /** Every entry of {@code config-samples/}: a new sample is checked without editing this test. */
    static List<String> samples() throws IOException {
        try (Stream<Path> entries = Files.list(SAMPLES)) {
            return entries.filter(path -> Files.isDirectory(path) || path.toString().endsWith(".yaml"))
                    .map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theSamplesCheckedAreAllOfThem() throws IOException {
        assertThat(samples()).as("config-samples entries")
                .contains("gateway.yaml", "bookinfo", "bookinfo-tls", "path-prefix", "gateway-sets", "route-actions");
    }

    @ParameterizedTest
    @MethodSource("samples")
    void explainAgreesWithTheRunningProxyOnEveryRequestOfTheComments(String sample) throws Exception {
        Path shipped = SAMPLES.resolve(sample);
        List<Path> files = SampleRequests.files(shipped);
        Map<Integer, String> upstreams = SampleRequests.upstreams(files);
        List<SampleRequest> requests = new ArrayList<>();
        for (Path file : files) {
            List<SampleRequest> ofFile = SampleRequests.of(file);
            if (Files.readString(file).contains("kind: VirtualService")) {
                assertThat(ofFile).as("request lines in the comments of %s, which holds a VirtualService", file)
                        .isNotEmpty();
            }
            requests.addAll(ofFile);
        }
        assertThat(requests).as("request lines in the comments of %s", sample).isNotEmpty();
        int onlyPort = onlyCurlPort(requests);
        Map<Optional<String>, List<SampleRequest>> byLabels = new LinkedHashMap<>();
        requests.forEach(request -> byLabels.computeIfAbsent(request.labels(), l -> new ArrayList<>()).add(request));
        int run = 0;
        for (Map.Entry<Optional<String>, List<SampleRequest>> group : byLabels.entrySet()) {
            String[] proxyArgs = group.getKey().map(labels -> new String[] {"--labels", labels}).orElse(new String[0]);
            try (RunningSample running = RunningSample.start(sample, Files.createDirectories(dir.resolve("run" + run++)),
                    proxyArgs)) {
                for (SampleRequest request : group.getValue()) {
                    SampleRequest sent = request.port() == SampleRequests.ANY_PORT ? withPort(request, onlyPort) : request;
                    assertAgree(shipped, sent, upstreams, running);
                }
            }
        }
    }

    private void assertAgree(Path shipped, SampleRequest request, Map<Integer, String> upstreams, RunningSample running)
            throws Exception {
        Explained explained = explain(shipped, request);
        Set<String> explainedUpstreams = new TreeSet<>();
        explained.endpointPorts().forEach(port -> {
            assertThat(upstreams).as("%s: endpoint port %d that explain lists is an echo upstream of the comments; %s",
                    request, port, explained.text()).containsKey(port);
            explainedUpstreams.add(upstreams.get(port));
        });
        int tries = explainedUpstreams.size() > 1 ? SPLIT_TRIES : 1;
        for (int i = 0; i < tries; i++) {
            RawHttpClient.Response response = send(shipped, request, running);
            String upstream = response.header(ECHO_HEADER);
            if (upstream != null) {
                assertThat(explained.routed()).as("%s: the proxy reached %s; explain:%n%s", request, upstream,
                        explained.text()).isTrue();
                assertThat(explainedUpstreams).as("%s: the upstream the proxy reached is one explain lists;%n%s",
                        request, explained.text()).contains(upstream);
            } else {
                assertThat(explained.localStatuses()).as("%s: the proxy answered %d itself; explain:%n%s", request,
                        response.status(), explained.text()).contains(response.status());
            }
            if (!PARTIAL_FAULT.matcher(explained.text()).find()) {
                assertExpected(request, response, upstreams, explainedUpstreams, explained);
            }
        }
    }

    /**
     * The comment's answer: a status (and Location), or the upstream names the answer may come from
     * (a remark in parentheses after them is not read).
     */
    private static void assertExpected(SampleRequest request, RawHttpClient.Response response,
                                       Map<Integer, String> upstreams, Set<String> explainedUpstreams, Explained explained) {
        String[] words = request.expected().split("\\s+");
        if (words[0].matches("\\d{3}")) {
            assertThat(response.status()).as("%s: status the comment expects", request).isEqualTo(Integer.parseInt(words[0]));
            if (words.length > 1 && words[1].startsWith("http")) {
                assertThat(response.header("location")).as("%s: Location the comment expects", request).isEqualTo(words[1]);
            }
            return;
        }
        String answer = request.expected().replaceAll("\\(.*", "");
        Set<String> named = new TreeSet<>();
        for (String name : upstreams.values()) {
            if (Pattern.compile("(?<![\\w-])" + Pattern.quote(name) + "(?![\\w-])").matcher(answer).find()) {
                named.add(name);
            }
        }
        if (named.isEmpty() && response.header(ECHO_HEADER) == null) {
            assertThat(response.bodyText()).as("%s: body of the proxy's own answer (status %d) holds the comment's answer",
                    request, response.status()).contains(answer.trim());
            return;
        }
        assertThat(named).as("%s: the comment's answer names a status or echo upstreams %s", request, upstreams.values())
                .isNotEmpty();
        assertThat(response.header(ECHO_HEADER)).as("%s: upstream of the proxy's answer (status %d)", request,
                response.status()).isIn(named);
        assertThat(explainedUpstreams).as("%s: explain lists every upstream the comment names;%n%s", request,
                explained.text()).containsAll(named);
    }

    /** What explain printed for {@code request}, read back. */
    private record Explained(String text, boolean routed, Set<Integer> endpointPorts, Set<Integer> localStatuses) {
    }

    private static Explained explain(Path shipped, SampleRequest request) {
        List<String> args = new ArrayList<>(List.of("--config", shipped.toString()));
        if (Files.isDirectory(shipped.resolve("secrets"))) {
            args.addAll(List.of("--secrets-dir", shipped.resolve("secrets").toString()));
        }
        request.labels().ifPresent(labels -> args.addAll(List.of("--labels", labels)));
        args.addAll(List.of("-X", request.method(), "-H", "host: " + request.authority()));
        request.headers().forEach(header -> args.addAll(List.of("-H", header.getKey() + ": " + header.getValue())));
        String host = request.tls() ? request.serverName() : "localhost";
        args.add((request.tls() ? "https://" : "http://") + host + ":" + request.port() + request.path());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ExplainCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as("explain %s exit code; stderr %s; stdout%n%s", args, err, text).isIn(0, 1);
        Set<Integer> ports = new TreeSet<>();
        Matcher endpoint = ENDPOINT.matcher(text);
        while (endpoint.find()) {
            ports.add(Integer.parseInt(endpoint.group(1)));
        }
        Set<Integer> local = new TreeSet<>();
        if (exit == 1) {
            local.add(404);
        }
        for (Pattern status : List.of(LOCAL_ANSWER, ABORT)) {
            Matcher found = status.matcher(text);
            while (found.find()) {
                local.add(Integer.parseInt(found.group(1)));
            }
        }
        if (TIMEOUT.matcher(text).find()) {
            local.add(504);
        }
        if (CORS.matcher(text).find() && request.method().equals("OPTIONS")
                && request.headers().stream().anyMatch(header -> header.getKey().equalsIgnoreCase("origin"))) {
            local.add(200);
        }
        return new Explained(text, exit == 0, ports, local);
    }

    private RawHttpClient.Response send(Path shipped, SampleRequest request, RunningSample running) throws Exception {
        StringBuilder head = new StringBuilder(request.method()).append(' ').append(request.path())
                .append(" HTTP/1.1\r\nHost: ").append(request.authority()).append("\r\n");
        request.headers().forEach(header -> head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n"));
        request.body().ifPresent(body -> head.append("Content-Length: ")
                .append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n"));
        head.append("Connection: close\r\n\r\n");
        request.body().ifPresent(head::append);
        int port = running.proxyPort(request.port());
        Socket socket = request.tls()
                ? TlsSockets.connectVerified(port, request.serverName(), certificates(shipped))
                : null;
        try (RawHttpClient client = socket == null ? new RawHttpClient(port) : new RawHttpClient(socket)) {
            return client.exchange(head.toString());
        }
    }

    /** Every certificate in the sample's subfolders (after each file's "SAMPLE ONLY" preamble): the CAs curl would trust. */
    private static List<X509Certificate> certificates(Path shipped) throws Exception {
        List<X509Certificate> certificates = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(shipped)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.ISO_8859_1);
            int begin = text.indexOf("-----BEGIN CERTIFICATE-----");
            if (begin >= 0) {
                certificates.add((X509Certificate) factory.generateCertificate(
                        new ByteArrayInputStream(text.substring(begin).getBytes(StandardCharsets.US_ASCII))));
            }
        }
        assertThat(certificates).as("certificates of %s for its https lines", shipped).isNotEmpty();
        return certificates;
    }

    /** The one port the sample's curl lines use, for its {@code --labels} lines; 0 when they use several. */
    private static int onlyCurlPort(List<SampleRequest> requests) {
        Set<Integer> ports = new TreeSet<>();
        requests.stream().map(SampleRequest::port).filter(port -> port != SampleRequests.ANY_PORT).forEach(ports::add);
        boolean needed = requests.stream().anyMatch(request -> request.port() == SampleRequests.ANY_PORT);
        if (needed) {
            assertThat(ports).as("ports of the curl lines, one of which --labels lines without a port use").hasSize(1);
        }
        return ports.isEmpty() ? 0 : ports.iterator().next();
    }

    private static SampleRequest withPort(SampleRequest request, int port) {
        return new SampleRequest(request.source(), request.labels(), request.method(), request.tls(), port,
                request.authority(), request.serverName(), request.path(), request.headers(), request.body(),
                request.expected());
    }
}
