package dev.loupe.learn.report;

import dev.loupe.learn.eval.Stats;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * All runs of one experiment (methods x seeds on one dataset), with per-label statistics over seeds.
 *
 * @param experiment {@code compose}, {@code analogy} or {@code devise}
 * @param dataset    dataset name
 * @param setup      one line describing sizes and hyper-parameters
 * @param runs       the runs, in the order they ran
 */
public record ExperimentResult(String experiment, String dataset, String setup, List<RunResult> runs) {
    public ExperimentResult {
        runs = List.copyOf(runs);
    }

    /** Labels in first-run order. */
    public List<String> labels() {
        return new ArrayList<>(new LinkedHashSet<>(runs.stream().map(RunResult::label).toList()));
    }

    /** Metric names in first-seen order. */
    public List<String> metrics() {
        LinkedHashSet<String> m = new LinkedHashSet<>();
        runs.forEach(r -> m.addAll(r.metrics().keySet()));
        return new ArrayList<>(m);
    }

    public Stats stats(String label, String metric) {
        return Stats.of(runs.stream().filter(r -> r.label().equals(label) && r.metrics().containsKey(metric))
                .map(r -> r.metrics().get(metric)).toList());
    }

    public Stats lossStart(String label) {
        return Stats.of(runs.stream().filter(r -> r.label().equals(label)).map(RunResult::lossStart).toList());
    }

    public Stats lossEnd(String label) {
        return Stats.of(runs.stream().filter(r -> r.label().equals(label)).map(RunResult::lossEnd).toList());
    }

    public double seconds(String label) {
        return runs.stream().filter(r -> r.label().equals(label)).mapToDouble(RunResult::seconds).sum();
    }

    public double totalSeconds() {
        return runs.stream().mapToDouble(RunResult::seconds).sum();
    }
}
