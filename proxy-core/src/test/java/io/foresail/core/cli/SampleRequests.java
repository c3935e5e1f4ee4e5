package io.foresail.core.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The requests a sample's comments show, read from every file of the sample: {@code curl} lines
 * ({@code # curl [flags] URL -> answer}, the answer possibly on the next comment line), and the
 * {@code # --labels k=v  host[/path]  -> answer} lines of samples served per workload label. A
 * request is sent with the labels last named ({@code --labels k=v}) in its file's comments before
 * it. A comment naming {@code curl} that cannot be read fails, so new sample files are checked
 * as they are added, never skipped.
 */
final class SampleRequests {

    /** One request of a sample's comments, and the answer the comment expects. */
    record SampleRequest(String source, Optional<String> labels, String method, boolean tls, int port, String authority,
                         String serverName, String path, List<Map.Entry<String, String>> headers, Optional<String> body,
                         String expected) {

        @Override
        public String toString() {
            return source + " [" + method + " " + (tls ? "https://" : "http://") + authority + path + " on port " + port
                    + labels.map(l -> " --labels " + l).orElse("") + (headers.isEmpty() ? "" : " " + headers)
                    + " -> " + expected + "]";
        }
    }

    /** The port of a {@code --labels} line, which names none: the one port the sample's curl lines use. */
    static final int ANY_PORT = 0;

    private static final Pattern LABELS = Pattern.compile("--labels (\\w+=[\\w.-]+)");
    private static final Pattern LABEL_LINE = Pattern.compile(
            "^#\\s+--labels (\\w+=[\\w.-]+)\\s+([A-Za-z0-9.-]+)(/\\S*)?\\s+->\\s+(.+)$");
    private static final Pattern LISTEN = Pattern.compile("--listen (\\d+)=([A-Za-z0-9.-]+)");
    private static final Pattern CURL = Pattern.compile("^#\\s+curl\\s+(.*)$");
    private static final Pattern ARROW_ONLY = Pattern.compile("^#\\s+->\\s+(.+)$");

    private SampleRequests() {
    }

    /** The files of {@code sample} (a file, or a folder's regular files by name) whose comments are read. */
    static List<Path> files(Path sample) throws IOException {
        if (Files.isRegularFile(sample)) {
            return List.of(sample);
        }
        try (Stream<Path> entries = Files.list(sample)) {
            return entries.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** The echo upstreams the comments start ({@code --listen PORT=NAME}): name by sample port. */
    static Map<Integer, String> upstreams(List<Path> files) throws IOException {
        Map<Integer, String> upstreams = new LinkedHashMap<>();
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                Matcher listen = LISTEN.matcher(line);
                while (line.startsWith("#") && listen.find()) {
                    upstreams.put(Integer.parseInt(listen.group(1)), listen.group(2));
                }
            }
        }
        return upstreams;
    }

    static List<SampleRequest> of(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<SampleRequest> requests = new ArrayList<>();
        Optional<String> labels = Optional.empty();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("#")) {
                continue;
            }
            String source = file + ":" + (i + 1);
            Matcher labelLine = LABEL_LINE.matcher(line);
            Matcher curl = CURL.matcher(line);
            if (labelLine.matches()) {
                labels = Optional.of(labelLine.group(1));
                String path = labelLine.group(3) == null ? "/" : labelLine.group(3);
                requests.add(new SampleRequest(source, labels, "GET", false, ANY_PORT, labelLine.group(2), null, path, List.of(),
                        Optional.empty(), labelLine.group(4).trim()));
                continue;
            }
            Matcher named = LABELS.matcher(line);
            while (named.find()) {
                labels = Optional.of(named.group(1));
            }
            if (curl.matches()) {
                String command = curl.group(1);
                int arrow = command.indexOf("->");
                String expected;
                if (arrow >= 0) {
                    expected = command.substring(arrow + 2).trim();
                    command = command.substring(0, arrow);
                } else {
                    Matcher next = i + 1 < lines.size() ? ARROW_ONLY.matcher(lines.get(i + 1)) : null;
                    if (next == null || !next.matches()) {
                        throw new AssertionError(source + ": a curl line without \"-> answer\" on it or on the next line: "
                                + line);
                    }
                    expected = next.group(1).trim();
                }
                requests.add(curl(source, labels, command, expected));
            }
        }
        return requests;
    }

    /** A request from the arguments of a {@code curl} command line. */
    private static SampleRequest curl(String source, Optional<String> labels, String command, String expected) {
        List<String> words = words(command, source);
        String method = null;
        Optional<String> body = Optional.empty();
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        String url = null;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "-o", "-w", "--resolve", "--connect-to", "-m", "--max-time" -> i++;
                case "-H", "--header" -> {
                    String header = words.get(++i);
                    int colon = header.indexOf(':');
                    if (colon <= 0) {
                        throw new AssertionError(source + ": header " + header + " (expected: 'name: value')");
                    }
                    headers.add(Map.entry(header.substring(0, colon).trim(), header.substring(colon + 1).trim()));
                }
                case "-X", "--request" -> method = words.get(++i).toUpperCase(Locale.ROOT);
                case "-I", "--head" -> method = "HEAD";
                case "-d", "--data", "--data-raw", "--data-binary" -> body = Optional.of(words.get(++i));
                default -> {
                    if (word.matches("-[skivS]+") || word.equals("--insecure") || word.equals("--silent")) {
                        continue;
                    }
                    if (word.startsWith("-") || url != null) {
                        throw new AssertionError(source + ": curl argument " + word + " is not understood by "
                                + SampleRequests.class.getSimpleName() + " (teach it, or write the comment differently)");
                    }
                    url = word;
                }
            }
        }
        if (url == null) {
            throw new AssertionError(source + ": curl without URL: " + command);
        }
        URI uri = URI.create(url.contains("://") ? url : "http://" + url);
        boolean tls = uri.getScheme().equals("https");
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        String authority = uri.getRawAuthority();
        for (Map.Entry<String, String> header : List.copyOf(headers)) {
            if (header.getKey().equalsIgnoreCase("host")) {
                authority = header.getValue();
                headers.remove(header);
            }
        }
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        if (body.isPresent() && headers.stream().noneMatch(header -> header.getKey().equalsIgnoreCase("content-type"))) {
            headers.add(Map.entry("Content-Type", "application/x-www-form-urlencoded"));
        }
        String defaultMethod = body.isPresent() ? "POST" : "GET";
        return new SampleRequest(source, labels, method == null ? defaultMethod : method, tls, port, authority,
                tls ? uri.getHost() : null, path, headers, body, expected);
    }

    /** {@code command} split as a shell splits it: whitespace outside quotes, single and double quotes removed. */
    private static List<String> words(String command, String source) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : command.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (quote != 0) {
            throw new AssertionError(source + ": unbalanced quote in curl command: " + command);
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
