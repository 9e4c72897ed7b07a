package dev.loupe.lab.compose;

import ai.djl.ndarray.NDManager;
import dev.loupe.core.ModelInfo;
import dev.loupe.core.compose.ComposerFile;
import dev.loupe.core.compose.TextImageHead;
import dev.loupe.engine.Loupe;
import dev.loupe.learn.train.Progress;
import dev.loupe.learn.train.TextImageHeadTrainer;
import dev.loupe.learn.train.Torch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Trains a text→image head (DeViSE or VSE) on a user's index and registers it there: the image side reads each
 * image's stored vector of the image space (the builtin model's 1280-d visual features; no image decoded), the
 * text side the model's text encoder. It is measured on the held-out images — text→image R@K of their texts among
 * them — with the file's own pure-Java forward pass, beside the index's untrained text space (the model's text
 * vector against the images' vectors of its text space: what {@code loupe search "text"} ranks by).
 */
public final class HeadTraining {
    /** Where the examples come from. */
    public enum Source {
        FOLDERS, CAPTIONS
    }

    /** The K of the reported text→image R@K. */
    static final int[] KS = {1, 5, 10};

    /**
     * What to train.
     *
     * @param source     labelled folders or an image–caption CSV
     * @param examples   the folder or the file
     * @param heldOut    fraction of the images held out for the R@K
     * @param config     method and hyper-parameters
     * @param imageSpace the index space the image side reads
     */
    public record Request(Source source, Path examples, double heldOut, TextImageHeadTrainer.Config config,
                          String imageSpace) {
        public Request {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(examples, "examples");
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(imageSpace, "imageSpace");
        }
    }

    /**
     * The outcome.
     *
     * @param file          the trained head (its metadata holds the metrics)
     * @param metrics       text→image R@K of the head on the held-out images
     * @param baseline      the same R@K in the index's untrained text space
     * @param trainPairs    training pairs
     * @param heldOutPairs  held-out pairs
     * @param heldOutImages held-out images (the gallery)
     * @param texts         distinct texts
     * @param lossStart     mean loss over the first 10 % of steps
     * @param lossEnd       mean loss over the last 10 %
     * @param seconds       training time
     */
    public record Report(ComposerFile file, Map<String, Double> metrics, Map<String, Double> baseline,
                         int trainPairs, int heldOutPairs, int heldOutImages, int texts, double lossStart,
                         double lossEnd, double seconds) {
    }

    private HeadTraining() {
    }

    /** Trains on the session's index; nothing is registered (see {@link #register}). */
    public static Report train(Loupe loupe, Request r, Progress progress) {
        ModelInfo model = loupe.index().model();
        String textSpace = model.textSpace();
        if (model.spaces().stream().noneMatch(s -> s.name().equals(r.imageSpace()))) {
            throw new IllegalArgumentException("the index's model " + model.fingerprint() + " has no space '"
                    + r.imageSpace() + "' (it has " + model.spaces().stream().map(s -> s.name()).toList()
                    + "); pass --image-space");
        }
        IndexVectors images = IndexVectors.read(loupe.index(), r.imageSpace());
        if (images.count() == 0) {
            throw new IllegalArgumentException("the index " + loupe.options().indexBackend().describe()
                    + " has no images; index some with 'loupe index PATH'");
        }
        IndexVectors own = IndexVectors.read(loupe.index(), textSpace);
        long seed = r.config().seed();
        HeadExamples data = switch (r.source()) {
            case FOLDERS -> HeadExamples.folders(r.examples(), images, r.heldOut(), seed);
            case CAPTIONS -> HeadExamples.captions(r.examples(), images, r.heldOut(), seed);
        };
        float[][] text = loupe.model().encodeTexts(data.texts()).toArray(float[][]::new);
        int[] keys = new int[text.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = i;
        }
        TextImageHeadTrainer.Result result;
        try (NDManager m = Torch.newManager(seed)) {
            result = TextImageHeadTrainer.train(m, new TextImageHeadTrainer.Pairs(images.vectors(), text,
                    data.train(), keys), r.config(), data.name(), r.imageSpace(), model.fingerprint(), textSpace,
                    progress);
        }
        TextImageHead head = TextImageHead.of(result.file());
        float[][] queries = new float[text.length][];
        for (int i = 0; i < text.length; i++) {
            queries[i] = head.query(text[i]);
        }
        Map<String, Double> metrics = recall(data.test(), (t, img) -> head.score(queries[t],
                images.vectors()[img]));
        Map<String, Double> baseline = recall(data.test(), (t, img) -> cosine(text[t],
                own.vectors()[own.byPath().get(images.paths().get(img))]));
        Map<String, Double> all = new LinkedHashMap<>(metrics);
        baseline.forEach((k, v) -> all.put("index " + k, v));
        ComposerFile file = new ComposerFile(result.file().metadata().withMetrics(all),
                new ArrayList<>(result.file().tensors().values()));
        Set<Integer> heldOutImages = new HashSet<>();
        data.test().forEach(p -> heldOutImages.add(p[0]));
        return new Report(file, metrics, baseline, data.train().size(), data.test().size(), heldOutImages.size(),
                text.length, result.losses().head(0.1), result.losses().tail(0.1), result.seconds());
    }

    /** Registers the trained head with the session's index as {@code name}. */
    public static Path register(Loupe loupe, String name, ComposerFile file, boolean force) {
        return loupe.heads().register(name, file, force);
    }

    /**
     * Text→image R@K over held-out pairs: each distinct text of {@code test} ranks the held-out images by
     * {@code score(text, image)}; a hit at K when one of its own images is among the first K.
     */
    static Map<String, Double> recall(List<int[]> test, BiFunction<Integer, Integer, Float> score) {
        Map<Integer, Set<Integer>> relevant = new LinkedHashMap<>();
        List<Integer> gallery = new ArrayList<>(new java.util.LinkedHashSet<>(test.stream().map(p -> p[0]).toList()));
        test.forEach(p -> relevant.computeIfAbsent(p[1], k -> new HashSet<>()).add(p[0]));
        long[] hits = new long[KS.length];
        for (Map.Entry<Integer, Set<Integer>> e : relevant.entrySet()) {
            float best = Float.NEGATIVE_INFINITY;
            float[] s = new float[gallery.size()];
            for (int g = 0; g < s.length; g++) {
                s[g] = score.apply(e.getKey(), gallery.get(g));
                if (e.getValue().contains(gallery.get(g))) {
                    best = Math.max(best, s[g]);
                }
            }
            int better = 0;
            for (int g = 0; g < s.length; g++) {
                if (!e.getValue().contains(gallery.get(g)) && s[g] > best) {
                    better++;
                }
            }
            for (int k = 0; k < KS.length; k++) {
                hits[k] += better < KS[k] ? 1 : 0;
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int k = 0; k < KS.length; k++) {
            out.put("R@" + KS[k], 100.0 * hits[k] / relevant.size());
        }
        return out;
    }

    private static float cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return (float) (dot / Math.sqrt(Math.max(na * nb, 1e-30)));
    }
}
