package io.foresail.bench.jmh;

import io.foresail.config.reload.ConfigLoader;
import io.foresail.config.reload.LoadResult;
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
 * Route lookup inside one virtual host of {@code routes} routes alternating exact and prefix paths,
 * compiled from generated Istio YAML: {@code VirtualHost.route} (the route index) against a plain
 * linear scan of the same routes, for a path hitting the last exact route, the last prefix route,
 * and a path matching nothing.
 *
 * <pre>java -jar proxy-bench/target/benchmarks.jar RouteIndex -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RouteIndexBenchmark {

    @Param({"10", "1000", "10000"})
    int routes;

    private VirtualHost virtualHost;
    private Route[] linearRoutes;
    private RequestView lastExact;
    private RequestView lastPrefix;
    private RequestView miss;

    @Setup
    public void compile() throws IOException {
        Path config = Files.createTempFile("routes", ".yaml");
        try {
            Files.writeString(config, GeneratedConfig.ofMixedRoutes(routes));
            LoadResult result = new ConfigLoader(Optional.empty()).load(List.of(config));
            if (!(result instanceof LoadResult.Loaded loaded)) {
                throw new IllegalStateException("generated config rejected: " + result.findings());
            }
            virtualHost = loaded.table().listener(8080).plaintextHttp().virtualHosts().match(GeneratedConfig.MIXED_ROUTES_HOST);
        } finally {
            Files.deleteIfExists(config);
        }
        linearRoutes = virtualHost.routes().toArray(Route[]::new);
        int lastExactIndex = (routes - 1) / 2 * 2;
        int lastPrefixIndex = lastExactIndex == routes - 1 ? routes - 2 : routes - 1;
        lastExact = new PathOnlyRequest("/exact/" + lastExactIndex);
        lastPrefix = new PathOnlyRequest("/prefix/" + lastPrefixIndex + "/items");
        miss = new PathOnlyRequest("/missing/items");
        expect(lastExact, linearRoutes[lastExactIndex]);
        expect(lastPrefix, linearRoutes[lastPrefixIndex]);
        expect(miss, null);
    }

    private void expect(RequestView request, Route route) {
        if (virtualHost.route(request) != route || linearScan(request) != route) {
            throw new IllegalStateException(request.path() + " (expected: " + (route == null ? "no route" : route.name()) + ")");
        }
    }

    @Benchmark
    public Route indexedLastExact() {
        return virtualHost.route(lastExact);
    }

    @Benchmark
    public Route indexedLastPrefix() {
        return virtualHost.route(lastPrefix);
    }

    @Benchmark
    public Route indexedMiss() {
        return virtualHost.route(miss);
    }

    @Benchmark
    public Route linearLastExact() {
        return linearScan(lastExact);
    }

    @Benchmark
    public Route linearLastPrefix() {
        return linearScan(lastPrefix);
    }

    @Benchmark
    public Route linearMiss() {
        return linearScan(miss);
    }

    /** The lookup {@code VirtualHost.route} did before the index: first matching route in order. */
    private Route linearScan(RequestView request) {
        for (Route route : linearRoutes) {
            if (route.matches(request)) {
                return route;
            }
        }
        return null;
    }

    private record PathOnlyRequest(String path) implements RequestView {
        @Override
        public String header(String lowerCaseName) {
            return null;
        }

        @Override
        public String query() {
            return null;
        }
    }
}
