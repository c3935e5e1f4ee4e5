package io.foresail.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.config.reload.ConfigLoader;
import io.foresail.config.reload.LoadResult;
import io.foresail.config.table.Cluster;
import io.foresail.config.table.Endpoint;
import io.foresail.core.echo.EchoServer;
import io.foresail.core.testing.RawHttpClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A folder of {@code config-samples/} started the way its header comments say: the echo upstreams
 * of their {@code echo --listen PORT=NAME} lines, then the proxy on the folder through the real
 * command line. Every port is ephemeral instead: the upstreams listen on port 0, the sample's files
 * are copied to a temporary folder with each endpoint port replaced by its upstream's real port,
 * and the proxy binds its Gateway ports on port 0 ({@link RunningProxy#proxyPort(int)} maps them).
 * Subfolders (certificates, secrets) are copied as they are; a sample with a {@code secrets} folder
 * is started with {@code --secrets-dir} on the copy of it, as its comments say. A sample that is one
 * file ({@code gateway.yaml}) is copied alone into a folder of its own.
 */
final class RunningSample implements AutoCloseable {

    /** {@code --listen PORT=NAME} in a header comment. */
    private static final Pattern LISTEN = Pattern.compile("--listen (\\d+)=([A-Za-z0-9.-]+)");
    /** A YAML line {@code key: NUMBER}, such as an endpoint's {@code http: 9101}. */
    private static final Pattern NUMBER_VALUE = Pattern.compile("^(\\s*[A-Za-z0-9_-]+:\\s*)(\\d+)(\\s*)$");
    /** The subfolder of a sample passed as {@code --secrets-dir}. */
    private static final String SECRETS = "secrets";

    private final EchoServer echo;
    private final RunningProxy proxy;
    private final ByteArrayOutputStream err;

    private RunningSample(EchoServer echo, RunningProxy proxy, ByteArrayOutputStream err) {
        this.echo = echo;
        this.proxy = proxy;
        this.err = err;
    }

    /**
     * Starts {@code config-samples/<sample>} with {@code proxyArgs} after {@code --config <copy>};
     * {@code workFolder} receives the copy.
     */
    static RunningSample start(String sample, Path workFolder, String... proxyArgs) throws Exception {
        Path folder = Path.of("..", "config-samples", sample);
        List<Path> files = SampleRequests.files(folder);
        Map<Integer, String> upstreams = upstreamsNamedIn(files);
        List<EchoServer.Listen> listens = new ArrayList<>();
        upstreams.values().forEach(name -> listens.add(new EchoServer.Listen("127.0.0.1", 0, name)));
        EchoServer echo = EchoServer.start(listens, 1);
        try {
            Map<Integer, Integer> ports = new HashMap<>();
            int index = 0;
            for (int samplePort : upstreams.keySet()) {
                ports.put(samplePort, echo.port(index++));
            }
            Path copy = Files.createDirectories(workFolder.resolve(sample));
            for (Path file : files) {
                Files.writeString(copy.resolve(file.getFileName().toString()), withPorts(Files.readString(file), ports));
            }
            if (Files.isDirectory(folder)) {
                copySubfolders(folder, copy);
            }
            Optional<Path> secrets = Optional.of(copy.resolve(SECRETS)).filter(Files::isDirectory);
            assertEveryEndpointIsAnUpstream(copy, secrets, Set.copyOf(ports.values()));

            List<String> args = new ArrayList<>(List.of("--config", copy.toString()));
            secrets.ifPresent(secretsDirectory -> args.addAll(List.of("--secrets-dir", secretsDirectory.toString())));
            args.addAll(List.of(proxyArgs));
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Main.Started started = Main.start(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), true);
            assertThat(started.proxy()).as("proxy starts on %s %s; stderr: %s", sample, args, err).isNotNull();
            return new RunningSample(echo, started.proxy(), err);
        } catch (Exception | AssertionError e) {
            echo.close();
            throw e;
        }
    }

    /** Copies the subfolders of {@code folder} (and everything below them) into {@code copy}. */
    private static void copySubfolders(Path folder, Path copy) throws IOException {
        List<Path> below;
        try (Stream<Path> walk = Files.walk(folder)) {
            below = walk.filter(path -> !path.getParent().equals(folder) || Files.isDirectory(path))
                    .filter(path -> !path.equals(folder)).sorted().toList();
        }
        for (Path source : below) {
            Path target = copy.resolve(folder.relativize(source).toString());
            if (Files.isDirectory(source)) {
                Files.createDirectories(target);
            } else {
                Files.copy(source, target);
            }
        }
    }

    /** The upstreams named by the files' comments, by sample port, in order of appearance. */
    private static Map<Integer, String> upstreamsNamedIn(List<Path> files) throws IOException {
        Map<Integer, String> upstreams = new LinkedHashMap<>();
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                if (!line.startsWith("#")) {
                    continue;
                }
                Matcher listen = LISTEN.matcher(line);
                while (listen.find()) {
                    int port = Integer.parseInt(listen.group(1));
                    String previous = upstreams.putIfAbsent(port, listen.group(2));
                    assertThat(previous).as("name of upstream port %d in the comments of %s", port, file)
                            .isIn(null, listen.group(2));
                }
            }
        }
        assertThat(upstreams).as("echo --listen PORT=NAME in the comments of %s", files).isNotEmpty();
        return upstreams;
    }

    /** {@code yaml} with every {@code key: N} line (outside comments) whose N is a sample upstream port rewritten. */
    private static String withPorts(String yaml, Map<Integer, Integer> ports) {
        StringBuilder rewritten = new StringBuilder();
        for (String line : yaml.split("\n", -1)) {
            Matcher value = NUMBER_VALUE.matcher(line);
            if (!line.stripLeading().startsWith("#") && value.matches()
                    && ports.containsKey(Integer.parseInt(value.group(2)))) {
                line = value.group(1) + ports.get(Integer.parseInt(value.group(2))) + value.group(3);
            }
            rewritten.append(line).append('\n');
        }
        return rewritten.substring(0, rewritten.length() - 1);
    }

    /**
     * The copy must not reach any fixed port: each endpoint is one of the upstreams. (An upstream may
     * be unused: a folder's first files may start upstreams that only later files route to.)
     */
    private static void assertEveryEndpointIsAnUpstream(Path copy, Optional<Path> secrets, Set<Integer> upstreamPorts) {
        LoadResult result = new ConfigLoader(Optional.empty(), secrets).load(List.of(copy));
        assertThat(result).as("the rewritten copy loads; findings: %s", result.findings())
                .isInstanceOf(LoadResult.Loaded.class);
        Set<Integer> endpointPorts = new TreeSet<>();
        for (Cluster cluster : ((LoadResult.Loaded) result).table().clusters().values()) {
            cluster.endpoints().stream().map(Endpoint::port).forEach(endpointPorts::add);
        }
        assertThat(endpointPorts).as("endpoint ports after rewriting (the comments' echo command must list every one)")
                .isSubsetOf(upstreamPorts);
    }

    /**
     * Sends {@code GET path} with {@code Host: host} and {@code headers} (name, value, ...) to the
     * port serving Gateway port {@code gatewayPort}, and returns the answer as the samples'
     * comments write it: the first line of the body for a 200 (the echo upstream's name), else the
     * status code.
     */
    String answer(int gatewayPort, String host, String path, String... headers) throws IOException {
        RawHttpClient.Response response = get(gatewayPort, host, path, headers);
        return response.status() == 200 ? response.bodyText().lines().findFirst().orElse("") : String.valueOf(response.status());
    }

    RawHttpClient.Response get(int gatewayPort, String host, String path, String... headers) throws IOException {
        if (headers.length % 2 != 0) {
            throw new IllegalArgumentException("headers: " + headers.length + " strings (expected: name, value pairs)");
        }
        StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        try (RawHttpClient client = new RawHttpClient(proxy.proxyPort(gatewayPort))) {
            return client.exchange(request.toString());
        }
    }

    /** The local port serving Gateway port {@code gatewayPort}. */
    int proxyPort(int gatewayPort) {
        return proxy.proxyPort(gatewayPort);
    }

    /** The running proxy's counters (retries, timeouts, mirrors, ...). */
    io.foresail.core.proxy.ProxyCounters counters() {
        return proxy.counters();
    }

    /** What the proxy printed on its error stream while starting (findings, one per line). */
    List<String> stderrLines() {
        return err.toString(StandardCharsets.UTF_8).lines().collect(Collectors.toList());
    }

    @Override
    public void close() {
        try {
            proxy.close();
        } finally {
            echo.close();
        }
    }
}
