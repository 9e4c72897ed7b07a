package dev.loupe.engine.search;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageIndex;
import dev.loupe.core.Model;
import dev.loupe.core.Relevance;
import dev.loupe.core.Vectors;
import dev.loupe.models.text.EmbeddingCache;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Where a session's {@link Relevance} comes from: the model's own (SigLIP's sigmoid with its trained scale and bias,
 * or a calibration its descriptor records), else one measured here against unrelated pairs. The measurement scores
 * {@link #referenceTexts() 64 reference texts} that describe no photo in particular against a sample of up to
 * {@value #SAMPLE} indexed images; almost all of those pairs do not match, so their median and spread (median
 * absolute deviation) say where this model's cosines for non-matching pairs lie in this collection. A hit's cosine
 * is then read as a number of spreads above that median, {@code z}, and turned into a probability by
 * {@code sigmoid(Z_SCALE * z + Z_BIAS)}, a logistic fit on labelled pairs of the builtin model (docs/quality.md).
 * So the mapping is the same for every model that carries no calibration of its own, and the model and the
 * collection only set where "unrelated" is. Measured once per session, lazily (the first text search); the
 * reference texts' embeddings are cached on disk per model. Thread-safe.
 */
public final class RelevanceCalibrator {
    /** Images sampled for the unrelated pairs (all of them in a smaller index). */
    public static final int SAMPLE = 512;
    /**
     * Logistic fit of match / no match on {@code z}, on the builtin model's labelled pairs (the shared photos'
     * captions and Fashion-MNIST label queries); {@code RelevanceFit} in the lab, docs/quality.md.
     */
    public static final double Z_SCALE = 1.0;
    public static final double Z_BIAS = -6.0;
    private static final double MAD_TO_SIGMA = 1.4826;

    private final Model model;
    private final ImageIndex index;
    private final Path cacheDir;
    private volatile Optional<Relevance> measured;

    /** @param cacheDir where reference-text embeddings are cached, or null to embed them in every session */
    public RelevanceCalibrator(Model model, ImageIndex index, Path cacheDir) {
        this.model = model;
        this.index = index;
        this.cacheDir = cacheDir;
    }

    /** The session's relevance calibration; empty while the index is empty. */
    public Optional<Relevance> relevance() {
        Optional<Relevance> own = model.relevance();
        if (own.isPresent()) {
            return own;
        }
        Optional<Relevance> m = measured;
        if (m == null || m.isEmpty()) {
            synchronized (this) {
                if (measured == null || measured.isEmpty()) {
                    measured = measure();
                }
                m = measured;
            }
        }
        return m;
    }

    private Optional<Relevance> measure() {
        String space = model.info().textSpace();
        List<float[]> images = sample(space);
        if (images.isEmpty()) {
            return Optional.empty();
        }
        float[][] texts = referenceEmbeddings();
        return Optional.of(fromNull(nullScores(images, texts), "measured: cosines of " + texts.length
                + " unrelated texts against " + images.size() + " indexed images"));
    }

    /** The cosine of every (image, reference text) pair: the scores of pairs that (almost all) do not match. */
    public static double[] nullScores(List<float[]> images, float[][] texts) {
        double[] scores = new double[images.size() * texts.length];
        int n = 0;
        for (float[] image : images) {
            for (float[] text : texts) {
                scores[n++] = Vectors.dot(image, text);
            }
        }
        return scores;
    }

    /**
     * The calibration for a model whose unrelated pairs scored {@code nullScores}: median {@code m}, spread
     * {@code s = 1.4826 * MAD}, relevance {@code sigmoid(Z_SCALE * (cos - m) / s + Z_BIAS)}.
     */
    public static Relevance fromNull(double[] nullScores, String method) {
        return fromNull(nullScores, Z_SCALE, Z_BIAS, method);
    }

    /** {@link #fromNull(double[], String)} with another mapping of z to probability (the lab's fit). */
    public static Relevance fromNull(double[] nullScores, double zScale, double zBias, String method) {
        double[] sorted = nullScores.clone();
        Arrays.sort(sorted);
        double median = median(sorted);
        double[] dev = new double[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            dev[i] = Math.abs(sorted[i] - median);
        }
        Arrays.sort(dev);
        double spread = Math.max(1e-4, MAD_TO_SIGMA * median(dev));
        return new Relevance(zScale / spread, zBias - zScale * median / spread, method + String.format(
                java.util.Locale.ROOT, " (median %.4f, spread %.4f)", median, spread));
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Up to {@link #SAMPLE} image vectors, picked with a fixed seed so that a session's numbers repeat. */
    private List<float[]> sample(String space) {
        List<String> ids = new ArrayList<>();
        index.forEach(ImageFilter.NONE, Set.of(), (record, vectors) -> ids.add(record.id()));
        Collections.sort(ids);
        Collections.shuffle(ids, new Random(42));
        List<float[]> out = new ArrayList<>();
        for (String id : ids.subList(0, Math.min(SAMPLE, ids.size()))) {
            index.vector(id, space).ifPresent(out::add);
        }
        return out;
    }

    private float[][] referenceEmbeddings() {
        List<String> texts = referenceTexts();
        java.util.function.Supplier<float[][]> embed = () -> model.encodeTexts(texts).toArray(float[][]::new);
        if (cacheDir == null) {
            return embed.get();
        }
        String key = "relevance-" + model.info().fingerprint().replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                + Integer.toHexString(texts.hashCode());
        return new EmbeddingCache(cacheDir).get(key, texts.size(), embed);
    }

    /** The reference texts (a resource of this package). */
    public static List<String> referenceTexts() {
        try (InputStream in = RelevanceCalibrator.class.getResourceAsStream("reference-texts.txt")) {
            if (in == null) {
                throw new IllegalStateException("reference-texts.txt is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
