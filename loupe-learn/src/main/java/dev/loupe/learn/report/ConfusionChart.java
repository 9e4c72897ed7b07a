package dev.loupe.learn.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Draws a confusion matrix as a PNG heat map (XChart): rows are true classes, columns predicted ones, in %. */
public final class ConfusionChart {
    private ConfusionChart() {
    }

    /** Writes the chart to {@code file} (a .png name). */
    public static void write(Path file, String title, List<String> classes, int[][] confusion) {
        int n = classes.size();
        HeatMapChart chart = new HeatMapChartBuilder().width(120 + 72 * n).height(120 + 60 * n).title(title)
                .xAxisTitle("predicted").yAxisTitle("true").build();
        chart.getStyler().setShowValue(true).setMin(0).setMax(100).setHeatMapValueDecimalPattern("0")
                .setRangeColors(new Color[] {new Color(0xF7FBFF), new Color(0x6BAED6), new Color(0x08306B)})
                .setValueFontColor(new Color(0xD94801));
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        List<Number[]> cells = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            int total = 0;
            for (int p = 0; p < n; p++) {
                total += confusion[t][p];
            }
            for (int p = 0; p < n; p++) {
                double pct = total == 0 ? 0 : 100.0 * confusion[t][p] / total;
                // y runs bottom-up in XChart: put the first class at the top
                cells.add(new Number[] {p, n - 1 - t, Math.round(pct)});
            }
        }
        List<String> reversed = new ArrayList<>(classes);
        java.util.Collections.reverse(reversed);
        chart.addSeries("confusion", classes, reversed, cells);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
