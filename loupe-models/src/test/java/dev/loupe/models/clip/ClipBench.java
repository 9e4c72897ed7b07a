package dev.loupe.models.clip;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Timing of the CLIP tokenizer and image preprocessing; run by hand, prints a table (not part of the tests):
 * {@code java -cp <test classpath> -Dloupe.shared=../shared dev.loupe.models.clip.ClipBench}.
 */
public final class ClipBench {
    private ClipBench() {
    }

    public static void main(String[] args) throws Exception {
        Path merges = ClipTestData.mergesFile();
        List<String> texts = ClipTestData.reference().cases().stream().map(ClipTestData.ReferenceCase::text)
                .toList();
        System.out.printf("%-44s %12s%n", "measurement", "median");
        double[] loads = new double[7];
        for (int i = 0; i < loads.length; i++) {
            long t0 = System.nanoTime();
            ClipTokenizer.fromMergesFile(merges);
            loads[i] = (System.nanoTime() - t0) / 1e6;
        }
        row("tokenizer load (ms)", loads);

        ClipTokenizer tokenizer = ClipTokenizer.fromMergesFile(merges);
        double[] cold = new double[5];
        double[] warm = new double[5];
        for (int i = 0; i < cold.length; i++) {
            ClipTokenizer fresh = new ClipTokenizer(tokenizer.vocabulary());
            long t0 = System.nanoTime();
            fresh.tokenize(texts, 77);
            cold[i] = (System.nanoTime() - t0) / 1e3 / texts.size();
            long t1 = System.nanoTime();
            for (int r = 0; r < 100; r++) {
                fresh.tokenize(texts, 77);
            }
            warm[i] = (System.nanoTime() - t1) / 1e3 / (100.0 * texts.size());
        }
        row("tokenize, empty cache (us/text)", cold);
        row("tokenize, warm cache (us/text)", warm);

        ClipPreprocessor pre = new ClipPreprocessor(ImagePreprocessing.CLIP);
        for (String name : List.of("chelsea.png", "kite.jpg", "retina.jpg")) {
            BufferedImage image = ImageIO.read(ClipTestData.shared().resolve("photos").resolve(name).toFile());
            double[] ms = new double[9];
            for (int i = 0; i < ms.length; i++) {
                long t0 = System.nanoTime();
                pre.preprocess(image);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            row("preprocess " + name + " " + image.getWidth() + "x" + image.getHeight() + " (ms)", ms);
        }
    }

    private static void row(String label, double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        List<String> all = new ArrayList<>();
        for (double v : values) {
            all.add(String.format("%.1f", v));
        }
        System.out.printf("%-44s %12.2f   runs %s%n", label, sorted[sorted.length / 2], all);
    }
}
