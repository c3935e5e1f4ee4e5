package io.foresail.core.cli;

import io.foresail.core.testing.Closer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For the plaintext {@code curl} lines in the comments of a sample, {@code explain} on the sample
 * as shipped and the running proxy (started as {@link RunningSample} does) give the same answer:
 * the upstream the proxy reached is an endpoint of the route explain names, a 404 is "not routed",
 * a 301 is explain's redirect.
 */
class SampleExplainIT {

    /** {@code curl -s [-o /dev/null -w '...'] [-H 'k: v']... localhost[:port]/path -> answer}. */
    private static final Pattern CURL = Pattern.compile(
            "^#\\s+curl -s(?: -o /dev/null -w '[^']*')?((?: -H '[^']*')*) localhost(?::(\\d+))?(/\\S*)\\s+->\\s+(\\S+)");
    private static final Pattern HEADER = Pattern.compile("-H '([^:]+):\\s*([^']*)'");
    private static final Pattern LISTEN = Pattern.compile("--listen (\\d+)=([A-Za-z0-9.-]+)");

    @RegisterExtension
    final Closer closer = new Closer();

    @TempDir
    Path dir;

    @Test
    void pathPrefixExplainAgreesWithTheRunningProxy() throws Exception {
        assertExplainAgrees("path-prefix");
    }

    @Test
    void bookinfoExplainAgreesWithTheRunningProxy() throws Exception {
        assertExplainAgrees("bookinfo");
    }

    @Test
    void bookinfoTlsPlaintextLinesExplainAgreesWithTheRunningProxy() throws Exception {
        assertExplainAgrees("bookinfo-tls");
    }

    private void assertExplainAgrees(String sample) throws Exception {
        Path folder = Path.of("..", "config-samples", sample);
        List<String> comments = comments(folder);
        Map<String, Integer> upstreamPorts = new HashMap<>();
        comments.forEach(line -> {
            Matcher listen = LISTEN.matcher(line);
            while (listen.find()) {
                upstreamPorts.put(listen.group(2), Integer.parseInt(listen.group(1)));
            }
        });
        RunningSample running = closer.register(RunningSample.start(sample, dir));
        int checked = 0;
        for (String line : comments) {
            Matcher curl = CURL.matcher(line);
            if (!curl.find()) {
                continue;
            }
            int port = curl.group(2) == null ? 80 : Integer.parseInt(curl.group(2));
            String path = curl.group(3);
            String expected = curl.group(4);
            List<String> headers = new ArrayList<>();
            String host = "localhost";
            Matcher header = HEADER.matcher(curl.group(1));
            while (header.find()) {
                if (header.group(1).equalsIgnoreCase("host")) {
                    host = header.group(2);
                } else {
                    headers.add(header.group(1));
                    headers.add(header.group(2));
                }
            }
            String proxyAnswer = running.answer(port, host, path, headers.toArray(String[]::new));
            assertThat(proxyAnswer).as("running proxy on %s", line).isEqualTo(expected);

            List<String> args = new ArrayList<>(List.of("--config", folder.toString()));
            if (Files.isDirectory(folder.resolve("secrets"))) {
                args.addAll(List.of("--secrets-dir", folder.resolve("secrets").toString()));
            }
            args.addAll(List.of("-H", "host: " + host));
            for (int i = 0; i < headers.size(); i += 2) {
                args.addAll(List.of("-H", headers.get(i) + ": " + headers.get(i + 1)));
            }
            args.add("http://localhost:" + port + path);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = ExplainCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
            String explained = out.toString(StandardCharsets.UTF_8);
            if (expected.equals("404")) {
                assertThat(exit).as("explain exit for %s; %s", line, explained).isEqualTo(1);
            } else if (expected.equals("301")) {
                assertThat(explained).as("explain for %s", line).contains("redirect: 301 https://");
            } else {
                assertThat(exit).as("explain exit for %s; %s", line, explained).isZero();
                assertThat(upstreamPorts).as("upstreams of %s", sample).containsKey(expected);
                assertThat(explained).as("explain for %s names %s's endpoint", line, expected)
                        .contains(":" + upstreamPorts.get(expected) + " weight ");
            }
            checked++;
        }
        assertThat(checked).as("curl lines checked in %s", sample).isGreaterThan(2);
    }

    private static List<String> comments(Path folder) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                Files.readAllLines(file).stream().filter(l -> l.startsWith("#")).forEach(lines::add);
            }
        }
        return lines;
    }
}
