package dev.loupe.learn.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Writes an experiment's report folder: {@code report.md} (a Markdown table of mean ± std over seeds, the
 * command that reproduces it), {@code chart.png} (bars with std error bars) and {@code results.json} (every run).
 */
public final class ReportWriter {
    private ReportWriter() {
    }

    /** Writes the three files into {@code dir} (created if needed); returns the Markdown text. */
    public static String write(Path dir, ExperimentResult r, String command) {
        try {
            Files.createDirectories(dir);
            String md = markdown(r, command);
            Files.writeString(dir.resolve("report.md"), md);
            chart(r, dir.resolve("chart.png"));
            Files.writeString(dir.resolve("results.json"), json(r, command));
            return md;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report into " + dir + ": " + e.getMessage(), e);
        }
    }

    public static String markdown(ExperimentResult r, String command) {
        StringBuilder b = new StringBuilder();
        int seeds = (int) r.runs().stream().map(RunResult::seed).distinct().count();
        b.append("# ").append(r.experiment()).append(" on ").append(r.dataset()).append("\n\n");
        b.append(r.setup()).append("\n\n");
        b.append("Mean ± sample std over ").append(seeds).append(seeds == 1 ? " seed" : " seeds")
                .append("; percentages.\n\n");
        List<String> metrics = r.metrics();
        b.append("| method | ").append(String.join(" | ", metrics)).append(" | loss first→last 10% | time |\n");
        b.append("|---|").append("---|".repeat(metrics.size())).append("---|---|\n");
        for (String label : r.labels()) {
            b.append("| ").append(label);
            for (String m : metrics) {
                b.append(" | ").append(r.stats(label, m).format());
            }
            b.append(String.format(Locale.ROOT, " | %.3f → %.3f | %.0f s |%n", r.lossStart(label).mean(),
                    r.lossEnd(label).mean(), r.seconds(label)));
        }
        b.append(String.format(Locale.ROOT, "%nTotal training and evaluation time: %.1f min.%n", r.totalSeconds() / 60));
        b.append("\nReproduce with:\n\n```\n").append(command).append("\n```\n");
        return b.toString();
    }

    /** Grouped bars: one series per metric (at most four), one category per method, std as error bars. */
    public static void chart(ExperimentResult r, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        CategoryChart chart = new CategoryChartBuilder().width(900).height(500)
                .title(r.experiment() + " on " + r.dataset()).xAxisTitle("method").yAxisTitle("%").build();
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        List<String> labels = r.labels();
        List<String> metrics = r.metrics();
        for (String m : metrics.subList(0, Math.min(4, metrics.size()))) {
            List<Double> means = new ArrayList<>();
            List<Double> stds = new ArrayList<>();
            for (String l : labels) {
                means.add(r.stats(l, m).mean());
                stds.add(r.stats(l, m).std());
            }
            chart.addSeries(m, labels, means, stds);
        }
        String name = png.toString();
        BitmapEncoder.saveBitmap(chart, name.endsWith(".png") ? name.substring(0, name.length() - 4) : name,
                BitmapEncoder.BitmapFormat.PNG);
    }

    public static String json(ExperimentResult r, String command) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("experiment", r.experiment());
        root.put("dataset", r.dataset());
        root.put("setup", r.setup());
        root.put("command", command);
        Map<String, Object> summary = new LinkedHashMap<>();
        for (String l : r.labels()) {
            Map<String, Object> ms = new LinkedHashMap<>();
            for (String m : r.metrics()) {
                ms.put(m, Map.of("mean", r.stats(l, m).mean(), "std", r.stats(l, m).std()));
            }
            summary.put(l, ms);
        }
        root.put("summary", summary);
        root.put("runs", r.runs());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
