package io.foresail.config.model;

/**
 * Istio's {@code Percent} as written: {@code {value: double}}, 0–100 once validated;
 * {@code percentage: {}} reads as 0.
 *
 * @param value the percentage as written
 */
public record Percent(double value) {
}
