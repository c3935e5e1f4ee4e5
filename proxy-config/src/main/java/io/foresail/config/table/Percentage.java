package io.foresail.config.table;

/**
 * Istio's {@code Percent} (0–100, precision 1e-4), kept as parts per million so that a request's
 * draw is one integer comparison: {@code applies(ticket)} with a ticket uniform in {@code [0, 1_000_000)}.
 */
public record Percentage(int partsPerMillion) {

    public static final int SCALE = 1_000_000;
    public static final Percentage NEVER = new Percentage(0);
    public static final Percentage ALWAYS = new Percentage(SCALE);

    public Percentage {
        if (partsPerMillion < 0 || partsPerMillion > SCALE) {
            throw new IllegalArgumentException("partsPerMillion: " + partsPerMillion + " (expected: 0.." + SCALE + ")");
        }
    }

    /** {@code value} in percent (0–100), rounded to Istio's precision of 1e-4 percent. */
    public static Percentage ofPercent(double value) {
        if (!(value >= 0 && value <= 100)) {
            throw new IllegalArgumentException("percentage: " + value + " (expected: 0..100)");
        }
        return new Percentage((int) Math.round(value * (SCALE / 100)));
    }

    /** Whether a draw of {@code ticket} (uniform in {@code [0, SCALE)}) falls inside this percentage. */
    public boolean applies(int ticket) {
        return ticket < partsPerMillion;
    }

    public boolean isNever() {
        return partsPerMillion == 0;
    }

    public boolean isAlways() {
        return partsPerMillion == SCALE;
    }

    public double percent() {
        return partsPerMillion / (SCALE / 100.0);
    }
}
