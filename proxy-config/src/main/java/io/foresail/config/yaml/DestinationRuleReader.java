package io.foresail.config.yaml;

import io.foresail.config.model.DestinationRule;
import io.foresail.config.model.ResourceMeta;
import io.foresail.config.model.Subset;
import java.util.List;
import java.util.Optional;

/** Binds a DestinationRule {@code spec}; traffic policies are checked for shape and reported as not supported yet. */
final class DestinationRuleReader {

    private DestinationRuleReader() {
    }

    static DestinationRule read(ResourceMeta meta, Optional<MappingReader> spec, ParseSession session) {
        if (spec.isEmpty()) {
            return new DestinationRule(meta, "", List.of(), session.positions());
        }
        MappingReader dr = spec.get();
        String host = dr.string("host");
        dr.unsupported("trafficPolicy", IstioShapes.TRAFFIC_POLICY);
        List<Subset> subsets = dr.objects("subsets", subset -> {
            Subset bound = new Subset(subset.string("name"), subset.stringMap("labels"));
            subset.unsupported("trafficPolicy", IstioShapes.TRAFFIC_POLICY);
            return bound;
        });
        dr.unsupported("exportTo", IstioShapes.STRINGS);
        dr.unsupported("workloadSelector", IstioShapes.WORKLOAD_SELECTOR);
        return new DestinationRule(meta, host, subsets, session.positions());
    }
}
