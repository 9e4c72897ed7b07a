package dev.loupe.lab.compose;

import ai.djl.ndarray.NDManager;
import dev.loupe.core.Model;
import dev.loupe.core.compose.ComposerFile;
import dev.loupe.core.compose.Composers;
import dev.loupe.engine.ComposerRegistry;
import dev.loupe.engine.Loupe;
import dev.loupe.learn.data.AttributePairs;
import dev.loupe.learn.data.ComposeQuery;
import dev.loupe.learn.data.FrozenTriplets;
import dev.loupe.learn.eval.Retrieval;
import dev.loupe.learn.train.ComposeConfig;
import dev.loupe.learn.train.HeadTrainer;
import dev.loupe.learn.train.Progress;
import dev.loupe.learn.train.TextEmbedding;
import dev.loupe.learn.train.Torch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Trains a composer on a user's index and registers it there: the examples come from a triplets file, an
 * attribute CSV, sub-folder names or the images' own metadata as indexed; the image side is each image's vector
 * in the index (no decoding), the text
 * side the index model's text encoder; only the composer head learns (batch softmax, {@link HeadTrainer}). It is
 * measured on the held-out queries against the untrained sum the product uses without a composer.
 */
public final class ComposerTraining {
    /** Where the examples come from. */
    public enum Source {
        TRIPLETS, ATTRIBUTES, FOLDERS, METADATA
    }

    /**
     * What to train.
     *
     * @param source   the kind of examples
     * @param examples the triplets or attribute file, or the folder whose sub-folder names describe the images
     *                 (for {@link Source#METADATA}: the index folder; the descriptions are read from the index)
     * @param phrase   how a mined pair's text reads
     * @param heldOut  fraction of the example groups held out for the R@K
     * @param config   method and hyper-parameters
     * @param scale    the batch softmax's starting scale, or 0 for {@link #autoScale}
     */
    public record Request(Source source, Path examples, AttributePairs.Phrase phrase, double heldOut,
                          ComposeConfig config, float scale) {
        public Request {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(examples, "examples");
            Objects.requireNonNull(phrase, "phrase");
            Objects.requireNonNull(config, "config");
        }
    }

    /**
     * The outcome.
     *
     * @param file      the trained composer (its metadata holds the metrics)
     * @param metrics   R@K of the trained composer on the held-out queries
     * @param baseline  R@K of the untrained sum (image + text) on the same queries
     * @param train     training queries
     * @param heldOut   held-out queries
     * @param images    images in the index (the gallery)
     * @param lossStart mean loss over the first 10 % of steps
     * @param lossEnd   mean loss over the last 10 %
     * @param seconds   training time
     */
    public record Report(ComposerFile file, Map<String, Double> metrics, Map<String, Double> baseline, int train,
                         int heldOut, int images, double lossStart, double lossEnd, double seconds) {
    }

    private ComposerTraining() {
    }

    /** The composer method a {@code --method} names; image and text are short for image_only and text_only. */
    public static String method(String given) {
        String m = switch (given) {
            case "image" -> Composers.IMAGE_ONLY;
            case "text" -> Composers.TEXT_ONLY;
            default -> given;
        };
        if (!List.of(Composers.TIRG, Composers.CONCAT, Composers.FILM, Composers.IMAGE_ONLY, Composers.TEXT_ONLY)
                .contains(m)) {
            throw new IllegalArgumentException("--method must be tirg, concat, film, image or text; got '" + given
                    + "'");
        }
        return m;
    }

    /** The examples of {@code r} on the session's index, split into training and held-out queries. */
    public static FrozenTriplets examples(Loupe loupe, Request r) {
        return examples(loupe, r.source(), r.examples(), r.phrase(), r.heldOut(), r.config().seed());
    }

    /**
     * The examples from {@code source} at {@code examples} on the session's index, split with {@code seed} into
     * training and held-out queries.
     */
    public static FrozenTriplets examples(Loupe loupe, Source source, Path examples, AttributePairs.Phrase phrase,
                                          double heldOut, long seed) {
        IndexVectors index = IndexVectors.read(loupe.index(), loupe.index().model().textSpace());
        if (index.count() == 0) {
            throw new IllegalArgumentException("the index " + loupe.options().indexBackend().describe()
                    + " has no images; index some with 'loupe index PATH'");
        }
        return switch (source) {
            case TRIPLETS -> ComposerExamples.triplets(examples, index, heldOut, seed);
            case ATTRIBUTES -> ComposerExamples.attributes(examples, index, phrase, heldOut, seed);
            case FOLDERS -> ComposerExamples.folders(examples, index, phrase, heldOut, seed);
            case METADATA -> ComposerExamples.metadata(loupe.index(), index, phrase, heldOut, seed);
        };
    }

    /** Trains on the session's index; nothing is registered (see {@link #register}). */
    public static Report train(Loupe loupe, Request r, Progress progress) {
        FrozenTriplets data = examples(loupe, r);
        return train(loupe, data, r.config(), r.scale() > 0 ? r.scale() : autoScale(data, r.config().seed()),
                progress);
    }

    /**
     * The batch softmax's starting scale for these vectors: 4 over the mean cosine distance between two training
     * images. One model's vectors of one kind of picture lie close together (coloured garments: cosines above 0.99
     * in the builtin model's space), and a softmax over cosines times 4 cannot tell them apart; this puts the
     * typical gap between two images at the spread a scale of 4 gives unit vectors that are spread out.
     */
    public static float autoScale(FrozenTriplets data, long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        List<ComposeQuery> train = data.train();
        double sum = 0;
        int n = 2000;
        for (int i = 0; i < n; i++) {
            float[] a = Retrieval.normalize(data.images()[train.get(rnd.nextInt(train.size())).target()]);
            float[] b = Retrieval.normalize(data.images()[train.get(rnd.nextInt(train.size())).target()]);
            double dot = 0;
            for (int j = 0; j < a.length; j++) {
                dot += a[j] * b[j];
            }
            sum += 1 - dot;
        }
        double gap = Math.max(sum / n, 1e-4);
        return (float) Math.min(4 / gap, 10_000);
    }

    /** Trains on examples already read from the session's index ({@link #examples}). */
    public static Report train(Loupe loupe, FrozenTriplets data, ComposeConfig config, float scale,
                               Progress progress) {
        Model model = loupe.model();
        String space = loupe.index().model().textSpace();
        TextEmbedding text = new TextEmbedding(space, loupe.index().model().space(space).dimension(),
                model::encodeTexts);
        HeadTrainer.Result result;
        try (NDManager m = Torch.newManager(config.seed())) {
            result = HeadTrainer.train(m, data, space, loupe.index().model().fingerprint(), text, config, scale,
                    progress);
        }
        Map<String, float[]> tv = HeadTrainer.textVectors(data, text);
        Map<String, Double> baseline = HeadTrainer.recall(data, sum(data, tv));
        Map<String, Double> metrics = new LinkedHashMap<>();
        baseline.keySet().forEach(k -> metrics.put(k, result.file().metadata().metrics().get(k)));
        Map<String, Double> all = new LinkedHashMap<>(metrics);
        baseline.forEach((k, v) -> all.put("sum " + k, v));
        ComposerFile file = new ComposerFile(result.file().metadata().withMetrics(all),
                new ArrayList<>(result.file().tensors().values()));
        return new Report(file, metrics, baseline, data.train().size(), data.test().size(), data.images().length,
                result.losses().head(0.1), result.losses().tail(0.1), result.seconds());
    }

    /** The untrained composed query: image vector plus text vector, both unit length (the product's default). */
    public static Function<ComposeQuery, float[]> sum(FrozenTriplets data, Map<String, float[]> text) {
        return q -> {
            float[] a = Retrieval.normalize(data.images()[q.source()]);
            float[] b = Retrieval.normalize(text.get(q.text()));
            float[] s = new float[a.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = a[i] + b[i];
            }
            return s;
        };
    }

    /** Registers the trained composer with the session's index as {@code name}. */
    public static Path register(Loupe loupe, String name, ComposerFile file, boolean force) {
        ComposerRegistry registry = loupe.composers();
        return registry.register(name, file, force);
    }
}
