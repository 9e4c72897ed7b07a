package dev.loupe.bench.data;

import dev.loupe.datasets.FashionMnist;
import dev.loupe.lab.classify.DatasetEmbedder;
import dev.loupe.core.Model;
import dev.loupe.core.Space;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Real builtin embeddings: the text-space (semantic) vectors of Fashion-MNIST's 70,000 images in two renderings —
 * dark garment on white (as {@code loupe-lab eval classify} embeds them) and the dataset's own white on black —
 * 140,000 vectors, read from the evaluation's embedding cache and embedded where it lacks them (about 10 minutes
 * per rendering on 2 idle cores, once).
 *
 * @param vectors unit vectors in the model's text space
 * @param visual  the same images' unit vectors in the visual space
 * @param labels  Fashion-MNIST class 0..9 per vector
 */
public record FashionVectors(List<float[]> vectors, List<float[]> visual, int[] labels) {
    /** Class names as a shopper types them, in label order. */
    public static final List<String> WORDS = List.of("t-shirt", "trousers", "pullover", "dress", "coat", "sandal",
            "shirt", "sneaker", "bag", "ankle boot");

    /**
     * The first {@code limit} vectors in the order inverted-train, inverted-test, as-stored-train, as-stored-test
     * (all 140,000 when {@code limit} is larger).
     */
    public static FashionVectors embed(Model model, Path data, Path cache, int limit, PrintWriter log) {
        String space = model.info().textSpace();
        List<float[]> rows = new ArrayList<>();
        List<float[]> visual = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (boolean invert : new boolean[]{true, false}) {
            DatasetEmbedder embedder = new DatasetEmbedder(model, cache, invert, 32);
            for (boolean train : new boolean[]{true, false}) {
                int want = limit - rows.size();
                if (want <= 0) {
                    break;
                }
                FashionMnist split = FashionMnist.read(data, train);
                int count = Math.min(want, split.size());
                String what = split.split() + (invert ? " (inverted)" : " (as stored)");
                int[] reported = {0};
                Map<String, float[][]> bySpace = embedder.embed(split, count, done -> {
                    if (done - reported[0] >= 5000 || done == count) {
                        reported[0] = done;
                        log.printf(Locale.ROOT, "embedding Fashion-MNIST %s: %d/%d%n", what, done, count);
                        log.flush();
                    }
                });
                float[][] vectors = bySpace.get(space);
                float[][] pooled = bySpace.get(Space.VISUAL);
                for (int i = 0; i < count; i++) {
                    rows.add(vectors[i]);
                    if (pooled != null) {
                        visual.add(pooled[i]);
                    }
                    labels.add(split.labels()[i]);
                }
            }
        }
        return new FashionVectors(rows, visual.isEmpty() ? null : visual,
                labels.stream().mapToInt(Integer::intValue).toArray());
    }
}
