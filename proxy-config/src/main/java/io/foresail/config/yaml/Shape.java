package io.foresail.config.yaml;

import java.util.Map;

/**
 * The expected shape of a YAML subtree that is parsed but not modelled (an Istio field not
 * supported yet): enough to reject fields that are not Istio fields at all.
 */
sealed interface Shape {

    /** Any scalar. */
    record Scalar() implements Shape {
    }

    /** A sequence of {@code item}. */
    record ListOf(Shape item) implements Shape {
    }

    /** A mapping with arbitrary keys and {@code value} values. */
    record MapOf(Shape value) implements Shape {
    }

    /** A mapping with exactly these keys (each optional). */
    record Fields(Map<String, Shape> fields) implements Shape {
        public Fields {
            fields = Map.copyOf(fields);
        }
    }

    /** Anything at all (free-form or not checked). */
    record Anything() implements Shape {
    }
}
