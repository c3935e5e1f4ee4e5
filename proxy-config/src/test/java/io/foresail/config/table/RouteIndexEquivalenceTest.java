package io.foresail.config.table;

import io.foresail.config.testing.TestRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property: for random route lists and random request paths, the indexed lookup of
 * {@link VirtualHost#route} answers the same route as a linear scan in declaration order.
 */
class RouteIndexEquivalenceTest {

    private static final long SEED = 0x5eed_2026_1122L;
    private static final int ROUTE_LISTS = 2_000;
    private static final int REQUESTS_PER_LIST = 60;
    private static final String HEADER = "x-canary";
    private static final String[] PIECES = {"/", "a", "b", "ab", "A", "api", "1", "/a", "/api", "/v1", ".", "%2F"};
    private static final Forward FORWARD = Forward.of(List.of(
            new WeightedDestination("h", "outbound|80||h", 1, Optional.empty())));

    @Test
    void indexedLookupAnswersTheSameRouteAsALinearScan() {
        for (int list = 0; list < ROUTE_LISTS; list++) {
            long seed = SEED + list;
            Random random = new Random(seed);
            List<Route> routes = randomRoutes(random);
            VirtualHost virtualHost = new VirtualHost(List.of("*"), routes);
            List<String> paths = candidatePaths(random, routes);
            for (String path : paths) {
                TestRequest request = random.nextBoolean() ? TestRequest.of(path) : TestRequest.of(path, HEADER, "1");
                Route expected = linearScan(routes, request);

                assertThat(virtualHost.route(request))
                        .as("seed %d (base %d, list %d), path \"%s\", header %s, routes %s", seed, SEED, list, path,
                                request.headers(), describe(routes))
                        .isSameAs(expected);
            }
        }
    }

    private static Route linearScan(List<Route> routes, TestRequest request) {
        for (Route route : routes) {
            if (route.matches(request)) {
                return route;
            }
        }
        return null;
    }

    private static List<Route> randomRoutes(Random random) {
        int count = random.nextInt(30);
        List<Route> routes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            List<RequestMatch> blocks = new ArrayList<>();
            if (random.nextInt(10) > 0) {
                int blockCount = 1 + random.nextInt(random.nextInt(4) == 0 ? 3 : 1);
                for (int b = 0; b < blockCount; b++) {
                    blocks.add(randomBlock(random));
                }
            }
            routes.add(new Route("r" + i, blocks, FORWARD));
        }
        return routes;
    }

    private static RequestMatch randomBlock(Random random) {
        String path = randomPath(random);
        int kind = random.nextInt(100);
        PathMatch uri;
        if (kind < 35) {
            uri = new PathMatch.Exact(path, false);
        } else if (kind < 70) {
            uri = new PathMatch.Prefix(path, false);
        } else if (kind < 77) {
            uri = new PathMatch.Exact(path, true);
        } else if (kind < 84) {
            uri = new PathMatch.Prefix(path, true);
        } else {
            String expression = path.replace(".", "\\.") + List.of("", ".*", "[a-z]+", "/.*").get(random.nextInt(4));
            uri = new PathMatch.Regex(expression, Re2FullMatch.of(expression));
        }
        List<HeaderMatch> headers = random.nextInt(8) == 0
                ? List.of(new HeaderMatch(HEADER, new StringMatch.Exact("1")))
                : List.of();
        return new RequestMatch(uri, headers);
    }

    private static String randomPath(Random random) {
        StringBuilder path = new StringBuilder();
        if (random.nextInt(10) > 0) {
            path.append('/');
        }
        int pieces = random.nextInt(4);
        for (int i = 0; i < pieces; i++) {
            path.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return path.toString();
    }

    /** Random paths, plus paths built from the routes' own values so that hits are common. */
    private static List<String> candidatePaths(Random random, List<Route> routes) {
        List<String> values = new ArrayList<>();
        for (Route route : routes) {
            for (RequestMatch match : route.matches()) {
                if (match.uri() instanceof PathMatch.Exact exact) {
                    values.add(exact.value());
                } else if (match.uri() instanceof PathMatch.Prefix prefix) {
                    values.add(prefix.value());
                }
            }
        }
        List<String> paths = new ArrayList<>(List.of("", "/", "*", "example.com:443"));
        while (paths.size() < REQUESTS_PER_LIST) {
            String path = values.isEmpty() || random.nextInt(3) == 0
                    ? randomPath(random)
                    : values.get(random.nextInt(values.size()));
            int variant = random.nextInt(4);
            if (variant == 1) {
                path = path + PIECES[random.nextInt(PIECES.length)];
            } else if (variant == 2 && !path.isEmpty()) {
                path = path.substring(0, random.nextInt(path.length()));
            } else if (variant == 3) {
                path = random.nextBoolean() ? path.toUpperCase(Locale.ROOT) : path.toLowerCase(Locale.ROOT);
            }
            paths.add(path);
        }
        return paths;
    }

    private static String describe(List<Route> routes) {
        return routes.stream()
                .map(route -> route.name() + route.matches().stream()
                        .map(match -> match.uri() + (match.pathOnly() ? "" : "+" + match.headers()))
                        .collect(Collectors.joining(" | ", "{", "}")))
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
