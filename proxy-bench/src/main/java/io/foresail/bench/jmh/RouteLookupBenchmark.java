package io.foresail.bench.jmh;

import io.foresail.config.reload.ConfigLoader;
import io.foresail.config.reload.LoadResult;
import io.foresail.config.table.HttpRoutes;
import io.foresail.config.table.RequestView;
import io.foresail.config.table.Route;
import io.foresail.config.table.VirtualHost;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Virtual host plus route lookup on a table compiled from generated Istio YAML: {@code hosts}
 * VirtualServices, each with an exact host and ten prefix routes; the lookup targets the last
 * host's last route (worst case for a linear route scan).
 *
 * <pre>java -jar proxy-bench/target/benchmarks.jar RouteLookup -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RouteLookupBenchmark {

    private static final int ROUTES_PER_HOST = 10;

    @Param({"1", "100", "1000"})
    int hosts;

    private HttpRoutes routes;
    private String authority;
    private RequestView request;

    @Setup
    public void compile() throws IOException {
        Path config = Files.createTempFile("routes", ".yaml");
        try {
            Files.writeString(config, GeneratedConfig.of(hosts, ROUTES_PER_HOST));
            LoadResult result = new ConfigLoader(Optional.empty()).load(List.of(config));
            if (!(result instanceof LoadResult.Loaded loaded)) {
                throw new IllegalStateException("generated config rejected: " + result.findings());
            }
            routes = loaded.table().listener(8080).plaintextHttp();
        } finally {
            Files.deleteIfExists(config);
        }
        authority = "host-" + (hosts - 1) + ".example.com:8080";
        String path = "/api/v" + (ROUTES_PER_HOST - 1) + "/items";
        request = new RequestView() {
            @Override
            public String path() {
                return path;
            }

            @Override
            public String header(String lowerCaseName) {
                return null;
            }

            @Override
            public String query() {
                return null;
            }
        };
    }

    @Benchmark
    public Route lookup() {
        VirtualHost virtualHost = routes.virtualHosts().match(authority);
        return virtualHost.route(request);
    }
}
