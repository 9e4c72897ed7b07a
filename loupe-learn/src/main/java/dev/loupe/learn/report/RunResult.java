package dev.loupe.learn.report;

import java.util.Map;

/**
 * One training run's outcome.
 *
 * @param label     what was trained (method name, or {@code vse}, {@code devise})
 * @param seed      the run's seed
 * @param metrics   metric name to value (percentages)
 * @param lossStart mean loss over the first tenth of the steps
 * @param lossEnd   mean loss over the last tenth of the steps
 * @param seconds   wall time of training and evaluation
 */
public record RunResult(String label, long seed, Map<String, Double> metrics, double lossStart, double lossEnd,
                        double seconds) {
    public RunResult {
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
    }
}
