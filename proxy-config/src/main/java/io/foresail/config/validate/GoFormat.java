package io.foresail.config.validate;

import java.math.BigDecimal;
import java.util.Locale;

/** Go's {@code fmt} verbs that Istio's messages use, so that ours read the same. */
final class GoFormat {

    private GoFormat() {
    }

    /** {@code %q} of a string: double-quoted, with backslashes and quotes escaped. */
    static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** {@code %f} of a float64: six decimals. */
    static String fixed(double value) {
        return String.format(Locale.ROOT, "%f", value);
    }

    /** {@code %v} of a float64: the shortest form, exponent when it is below -4 or at least 21 ({@code 1e-05}). */
    static String shortest(double value) {
        if (value == 0) {
            return "0";
        }
        BigDecimal decimal = BigDecimal.valueOf(value).stripTrailingZeros();
        int exponent = decimal.precision() - decimal.scale() - 1;
        if (exponent >= -4 && exponent < 21) {
            return decimal.toPlainString();
        }
        String mantissa = decimal.movePointLeft(exponent).toPlainString();
        int magnitude = Math.abs(exponent);
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + (magnitude < 10 ? "0" : "") + magnitude;
    }
}
