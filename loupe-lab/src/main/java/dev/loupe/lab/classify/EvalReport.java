package dev.loupe.lab.classify;

import dev.loupe.learn.report.ConfusionChart;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes an evaluation's report folder: {@code results.md} (the accuracy table), {@code results.json} (every run
 * with its confusion matrix) and {@code confusion.png} (the confusion matrix of the most accurate run on all labels).
 */
public final class EvalReport {
    private EvalReport() {
    }

    /** The Markdown accuracy table. */
    public static String table(List<EvalRun> runs, float threshold) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "| features | method | labels/class | trained on | accuracy | covered at %.2f "
                + "| accuracy when covered | seconds |%n", threshold));
        s.append("|---|---|---|---:|---:|---:|---:|---:|\n");
        for (EvalRun r : runs) {
            s.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %.4f | %.3f | %.4f | %.1f |%n", r.features(),
                    r.method(), r.labelsName(), r.trainedOn(), r.accuracy(), r.coverage(), r.accuracyCovered(), r.seconds()));
        }
        return s.toString();
    }

    /** The most accurate run trained on all labels (or on the most labels), or null when there is none. */
    public static EvalRun best(List<EvalRun> runs) {
        return runs.stream().max(Comparator.comparingInt((EvalRun r) -> r.labelsPerClass() == 0 ? Integer.MAX_VALUE : r.labelsPerClass())
                .thenComparingDouble(EvalRun::accuracy)).orElse(null);
    }

    public static void write(Path dir, String title, String command, List<String> classes, List<EvalRun> runs,
                             float threshold) {
        try {
            Files.createDirectories(dir);
            EvalRun best = best(runs);
            StringBuilder md = new StringBuilder("# ").append(title).append("\n\n");
            md.append("Reproduce:\n\n```\n").append(command).append("\n```\n\n");
            md.append(table(runs, threshold));
            if (best != null) {
                md.append(String.format(Locale.ROOT, "%nBest with all labels: %s on %s features, accuracy %.4f "
                        + "(confusion matrix: confusion.png).%n", best.method(), best.features(), best.accuracy()));
                ConfusionChart.write(dir.resolve("confusion.png"), String.format(Locale.ROOT, "%s, %s features: %.1f %%",
                        best.method(), best.features(), 100 * best.accuracy()), classes, best.confusion());
            }
            Files.writeString(dir.resolve("results.md"), md.toString());
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("title", title);
            json.put("command", command);
            json.put("classes", classes);
            json.put("threshold", threshold);
            json.put("runs", runs);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("results.json").toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report " + dir + ": " + e.getMessage(), e);
        }
    }
}
