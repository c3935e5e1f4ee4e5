package io.foresail.config.explain;

import java.util.List;

/**
 * The path a request takes through a routing table, one step per decision, and whether it ends
 * at a route (or a TCP forward).
 *
 * @param routed true when a route (or TCP forward) took the request
 * @param steps  the decisions in the order the data plane makes them; the last one says why
 *               nothing matched when {@code routed} is false
 */
public record Explanation(boolean routed, List<Step> steps) {

    public Explanation {
        steps = List.copyOf(steps);
    }

    /**
     * One decision.
     *
     * @param name    what was decided ({@code listener}, {@code tls-chain}, {@code virtual-host}, ...)
     * @param value   the answer
     * @param details supporting lines: endpoints, domains, routes tried
     */
    public record Step(String name, String value, List<String> details) {

        public Step {
            details = List.copyOf(details);
        }

        public Step(String name, String value) {
            this(name, value, List.of());
        }
    }
}
