package io.foresail.config.table;

import java.util.List;
import java.util.Objects;

/**
 * Forward the request to one of several weighted destinations: destination {@code i} is chosen
 * with probability {@code weight(i) / totalWeight}. Zero weights are dropped at compile time
 * (one destination always gets 100%).
 *
 * @param policy rewrites, timeout, retries and mirrors
 */
public record Forward(List<WeightedDestination> destinations, int totalWeight, ForwardPolicy policy)
        implements RouteAction {

    public Forward {
        destinations = List.copyOf(destinations);
        if (destinations.isEmpty()) {
            throw new IllegalArgumentException("destinations: [] (expected: at least one)");
        }
        int sum = 0;
        for (WeightedDestination destination : destinations) {
            sum = Math.addExact(sum, destination.weight());
        }
        if (sum != totalWeight || sum <= 0) {
            throw new IllegalArgumentException("totalWeight: " + totalWeight + " (expected: sum of weights " + sum + ", > 0)");
        }
        Objects.requireNonNull(policy, "policy");
    }

    /** Forwarding with {@link ForwardPolicy#DEFAULT}. */
    public Forward(List<WeightedDestination> destinations, int totalWeight) {
        this(destinations, totalWeight, ForwardPolicy.DEFAULT);
    }

    public static Forward of(List<WeightedDestination> destinations) {
        return of(destinations, ForwardPolicy.DEFAULT);
    }

    public static Forward of(List<WeightedDestination> destinations, ForwardPolicy policy) {
        return new Forward(destinations, destinations.stream().mapToInt(WeightedDestination::weight).sum(), policy);
    }

    /**
     * The destination for a uniformly drawn {@code ticket} in {@code [0, totalWeight)}.
     */
    public WeightedDestination pick(int ticket) {
        if (destinations.size() == 1) {
            return destinations.get(0);
        }
        int remaining = ticket;
        for (WeightedDestination destination : destinations) {
            remaining -= destination.weight();
            if (remaining < 0) {
                return destination;
            }
        }
        return destinations.get(destinations.size() - 1);
    }
}
