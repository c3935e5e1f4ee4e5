package io.foresail.core.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A scrape in Prometheus text format, read back sample by sample for assertions. */
public final class PrometheusText {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One sample line: metric name, labels, value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final String text;
    private final List<Sample> samples;

    private PrometheusText(String text, List<Sample> samples) {
        this.text = text;
        this.samples = samples;
    }

    public static PrometheusText of(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                throw new AssertionError("not a Prometheus sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
        }
        return new PrometheusText(text, List.copyOf(samples));
    }

    /** The samples of {@code name} whose labels include every {@code labelPairs} (name, value, ...). */
    public List<Sample> samples(String name, String... labelPairs) {
        if (labelPairs.length % 2 != 0) {
            throw new IllegalArgumentException("labelPairs: " + labelPairs.length + " strings (expected: name, value pairs)");
        }
        List<Sample> matching = new ArrayList<>();
        for (Sample sample : samples) {
            if (!sample.name().equals(name)) {
                continue;
            }
            boolean all = true;
            for (int i = 0; i < labelPairs.length && all; i += 2) {
                all = labelPairs[i + 1].equals(sample.labels().get(labelPairs[i]));
            }
            if (all) {
                matching.add(sample);
            }
        }
        return matching;
    }

    /** The value of the one sample of {@code name} with {@code labelPairs}; fails unless exactly one matches. */
    public double value(String name, String... labelPairs) {
        List<Sample> matching = samples(name, labelPairs);
        if (matching.size() != 1) {
            throw new AssertionError(matching.size() + " samples of " + name + " with " + List.of(labelPairs)
                    + " (expected: exactly one); matching: " + matching + "\n" + grep(name));
        }
        return matching.get(0).value();
    }

    /** The lines of the scrape that mention {@code name}, for failure messages. */
    public String grep(String name) {
        StringBuilder lines = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.contains(name)) {
                lines.append(line).append('\n');
            }
        }
        return lines.toString();
    }

    public String text() {
        return text;
    }
}
