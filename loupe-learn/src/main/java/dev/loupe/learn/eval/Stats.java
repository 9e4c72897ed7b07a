package dev.loupe.learn.eval;

import java.util.List;

/** Mean and sample standard deviation of a metric over seeds. */
public record Stats(double mean, double std, int n) {
    public static Stats of(List<Double> values) {
        int n = values.size();
        if (n == 0) {
            throw new IllegalArgumentException("no values");
        }
        double m = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double v = n < 2 ? 0 : values.stream().mapToDouble(x -> (x - m) * (x - m)).sum() / (n - 1);
        return new Stats(m, Math.sqrt(v), n);
    }

    /** {@code 73.2 ± 1.4}. */
    public String format() {
        return String.format(java.util.Locale.ROOT, "%.1f ± %.1f", mean, std);
    }
}
