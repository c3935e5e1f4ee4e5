package io.foresail.bench.jmh;

import io.foresail.config.table.HttpRoutes;
import io.foresail.core.router.RequestHeadView;
import io.foresail.core.router.RouteDecision;
import io.foresail.core.router.Router;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
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
 * One request's routing decision, {@link Router#route(HttpRoutes, RequestHeadView)} as the proxy's
 * exchange calls it (virtual host by Host, first matching route, destination), on a table of
 * {@code routes} routes compiled from generated Istio YAML, for a decoded browser-like request head.
 * Each {@code lookup} case is one way of writing the config; the request always targets the last
 * route of the last virtual host (the worst case in declaration order):
 * <ul>
 *   <li>{@code exactHost}: {@code routes / 10} VirtualServices on exact hosts
 *       {@code svc-<h>.example.com}, ten prefix routes {@code /api/v<r>/} each (path index);</li>
 *   <li>{@code wildcardHost}: as many VirtualServices on {@code *.team-<h>.example.com}, the first on
 *       {@code *.example.com}; the request's host has the longest matching suffix (first probe hits);</li>
 *   <li>{@code wildcardFallback}: the same table; a host matching only {@code *.example.com}, after
 *       one probe per longer distinct suffix length;</li>
 *   <li>{@code prefixUri}: one VirtualService with {@code routes} prefix routes {@code /svc-<i>/} (prefix trie);</li>
 *   <li>{@code regexUri}: {@code routes / 10} exact-host VirtualServices, ten regex routes
 *       {@code /api/v<r>/users/[0-9]+} each (checked in place: ten RE2 matches);</li>
 *   <li>{@code regexUriOneHost}: one VirtualService with {@code routes} regex routes (a linear scan);</li>
 *   <li>{@code header}: {@code routes / 10} exact-host VirtualServices, ten routes
 *       {@code prefix /api/ + x-tenant: tenant-<r>} each (checked in place: ten header look-ups);</li>
 *   <li>{@code headerOneHost}: one VirtualService with {@code routes} header routes (a linear scan).</li>
 * </ul>
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

    private static final int ROUTES_PER_SERVICE = 10;

    @Param({"10", "1000", "10000"})
    int routes;

    @Param({"exactHost", "wildcardHost", "wildcardFallback", "prefixUri", "regexUri", "regexUriOneHost", "header",
            "headerOneHost"})
    String lookup;

    private final Router router = new Router(bound -> 0);
    private HttpRoutes httpRoutes;
    private String authority;
    private String target;
    private String path;
    private HttpHeaders headers;

    /** What one case compiles and asks: the config, the request, and the route it must choose. */
    private record Scenario(String yaml, String authority, String target, String tenant, String expectedRoute) {
    }

    @Setup
    public void compile() {
        Scenario scenario = scenario(lookup, routes);
        httpRoutes = GeneratedConfig.compile(scenario.yaml()).listener(GeneratedConfig.PORT).plaintextHttp();
        HttpRequest head = decode(scenario);
        headers = head.headers();
        target = head.uri();
        authority = headers.get(HttpHeaderNames.HOST);
        int query = target.indexOf('?');
        path = query < 0 ? target : target.substring(0, query);
        RouteDecision decision = route();
        if (!(decision instanceof RouteDecision.Forward forward) || !forward.route().name().equals(scenario.expectedRoute())) {
            throw new IllegalStateException(lookup + " at " + routes + " routes decided " + decision
                    + " (expected: forward by route " + scenario.expectedRoute() + ")");
        }
    }

    @Benchmark
    public RouteDecision route() {
        return router.route(httpRoutes, new RequestHeadView(HttpMethod.GET, authority, target, path, headers));
    }

    private static Scenario scenario(String lookup, int routes) {
        int services = Math.max(1, routes / ROUTES_PER_SERVICE);
        int last = services - 1;
        String lastOfLast = "vs-" + last + "-r" + (ROUTES_PER_SERVICE - 1);
        IntFunction<String> exactHosts = h -> "svc-" + h + ".example.com";
        IntFunction<String> wildcardHosts = h -> h == 0 ? "*.example.com" : "*.team-" + h + ".example.com";
        IntFunction<String> prefixes = r -> "{uri: {prefix: /api/v" + r + "/}}";
        return switch (lookup) {
            case "exactHost" -> new Scenario(
                    GeneratedConfig.ofVirtualServices(services, exactHosts, ROUTES_PER_SERVICE, prefixes),
                    "svc-" + last + ".example.com", "/api/v9/items?page=2", null, lastOfLast);
            case "wildcardHost" -> new Scenario(
                    GeneratedConfig.ofVirtualServices(services, wildcardHosts, ROUTES_PER_SERVICE, prefixes),
                    "api.team-" + last + ".example.com", "/api/v9/items?page=2", null, lastOfLast);
            case "wildcardFallback" -> new Scenario(
                    GeneratedConfig.ofVirtualServices(services, wildcardHosts, ROUTES_PER_SERVICE, prefixes),
                    "api.team-unknown.example.com", "/api/v9/items?page=2", null, "vs-0-r9");
            case "prefixUri" -> new Scenario(
                    GeneratedConfig.ofVirtualServices(1, h -> "api.example.com", routes, r -> "{uri: {prefix: /svc-" + r + "/}}"),
                    "api.example.com", "/svc-" + (routes - 1) + "/items?page=2", null, "vs-0-r" + (routes - 1));
            case "regexUri" -> new Scenario(
                    GeneratedConfig.ofVirtualServices(services, exactHosts, ROUTES_PER_SERVICE,
                            r -> "{uri: {regex: '/api/v" + r + "/users/[0-9]+'}}"),
                    "svc-" + last + ".example.com", "/api/v9/users/12345?page=2", null, lastOfLast);
            case "regexUriOneHost" -> new Scenario(
                    GeneratedConfig.ofVirtualServices(1, h -> "api.example.com", routes,
                            r -> "{uri: {regex: '/svc-" + r + "/users/[0-9]+'}}"),
                    "api.example.com", "/svc-" + (routes - 1) + "/users/12345?page=2", null, "vs-0-r" + (routes - 1));
            case "header" -> new Scenario(
                    GeneratedConfig.ofVirtualServices(services, exactHosts, ROUTES_PER_SERVICE,
                            r -> "{uri: {prefix: /api/}, headers: {x-tenant: {exact: tenant-" + r + "}}}"),
                    "svc-" + last + ".example.com", "/api/items?page=2", "tenant-9", lastOfLast);
            case "headerOneHost" -> new Scenario(
                    GeneratedConfig.ofVirtualServices(1, h -> "api.example.com", routes,
                            r -> "{headers: {x-tenant: {exact: tenant-" + r + "}}}"),
                    "api.example.com", "/api/items?page=2", "tenant-" + (routes - 1), "vs-0-r" + (routes - 1));
            default -> throw new IllegalArgumentException("lookup: " + lookup);
        };
    }

    /** The request head as the proxy's HTTP/1.1 decoder produces it from a browser-like request. */
    private static HttpRequest decode(Scenario scenario) {
        String text = "GET " + scenario.target() + " HTTP/1.1\r\n"
                + "Host: " + scenario.authority() + "\r\n"
                + "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0\r\n"
                + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
                + "Accept-Language: en-US,en;q=0.5\r\n"
                + "Accept-Encoding: gzip, deflate, br\r\n"
                + "Cookie: session=4f1b2c3d4e5f60718293a4b5c6d7e8f9\r\n"
                + (scenario.tenant() == null ? "" : "X-Tenant: " + scenario.tenant() + "\r\n")
                + "\r\n";
        EmbeddedChannel decoder = new EmbeddedChannel(new HttpRequestDecoder());
        decoder.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
        HttpRequest request = decoder.readInbound();
        decoder.finishAndReleaseAll();
        return request;
    }
}
