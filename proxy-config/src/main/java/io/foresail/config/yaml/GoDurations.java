package io.foresail.config.yaml;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/**
 * Parses duration strings as Istio reads them (gogo jsonpb hands them to Go's
 * {@code time.ParseDuration}): a sequence of decimal numbers with units {@code ns}, {@code us}
 * ({@code µs}), {@code ms}, {@code s}, {@code m}, {@code h}, e.g. {@code 1.5s}, {@code 300ms},
 * {@code 2h45m}. No sign is accepted (Istio durations are never negative); {@code 0} alone is zero.
 */
final class GoDurations {

    private GoDurations() {
    }

    /** The duration written as {@code text}, or empty when it is not a valid duration. */
    static Optional<Duration> parse(String text) {
        String s = text.trim();
        if (s.equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        if (s.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal totalNanos = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int numberStart = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            if (i == numberStart || i == s.length()) {
                return Optional.empty();
            }
            BigDecimal number;
            try {
                number = new BigDecimal(s.substring(numberStart, i));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            long unitNanos = unitNanos(s.substring(unitStart, i));
            if (unitNanos == 0) {
                return Optional.empty();
            }
            totalNanos = totalNanos.add(number.multiply(BigDecimal.valueOf(unitNanos)));
        }
        try {
            return Optional.of(Duration.ofNanos(totalNanos.longValueExact()));
        } catch (ArithmeticException e) {
            // fractional nanoseconds are truncated, as Go does; overflow is not a duration
            try {
                return Optional.of(Duration.ofNanos(totalNanos.toBigInteger().longValueExact()));
            } catch (ArithmeticException overflow) {
                return Optional.empty();
            }
        }
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs", "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 0L;
        };
    }
}
