package io.foresail.bench.jmh;

import io.foresail.config.reload.ConfigLoader;
import io.foresail.config.reload.LoadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a config reload costs before the new snapshot is published: {@link ConfigLoader#load} (the
 * call the proxy's {@code ConfigReloader} makes) on one file of {@code routes} routes: read the file,
 * parse the YAML into the typed model, validate every resource, compile the immutable routing table
 * with its route indexes, and hash the content. The file is {@link GeneratedConfig#ofPlatform}:
 * {@code routes / 10} VirtualServices, each with its own ServiceEntry and ten routes (six prefix,
 * two exact, one regex, one header). The file stays in the page cache, so reading it is a copy.
 *
 * <pre>java -jar proxy-bench/target/benchmarks.jar ConfigLoad -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ConfigLoadBenchmark {

    @Param({"10", "1000", "10000"})
    int routes;

    private final ConfigLoader loader = new ConfigLoader(Optional.empty());
    private Path config;
    private List<Path> sources;

    @Setup
    public void write() throws IOException {
        config = Files.createTempFile("platform", ".yaml");
        Files.writeString(config, GeneratedConfig.ofPlatform(routes));
        sources = List.of(config);
        LoadResult result = load();
        if (!(result instanceof LoadResult.Loaded)) {
            throw new IllegalStateException("generated config rejected: " + result.findings());
        }
    }

    @TearDown
    public void delete() throws IOException {
        Files.deleteIfExists(config);
    }

    @Benchmark
    public LoadResult load() {
        return loader.load(sources);
    }
}
