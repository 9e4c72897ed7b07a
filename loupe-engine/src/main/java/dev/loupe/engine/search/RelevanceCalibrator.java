package dev.loupe.engine.search;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageIndex;
import dev.loupe.core.Model;
import dev.loupe.core.Relevance;
import dev.loupe.core.Vectors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Where a text query's {@link Relevance} comes from: the model's own (SigLIP's sigmoid with its trained scale and
 * bias), else one measured for the query against unrelated images. Most images of a collection do not match a
 * given text, so the query's cosines with a sample of up to {@value #SAMPLE} indexed images say where this query's
 * scores for non-matching images lie: their median and spread (1.4826 times the median absolute deviation, which a
 * minority of matching images does not move). A hit's cosine is read as a number of spreads above that median,
 * {@code z}, and becomes a probability through {@code sigmoid(Z_SCALE * z + Z_BIAS)}, a logistic fit on labelled
 * pairs of the builtin model (docs/quality.md). Reading each query against its own non-matches is what makes the
 * number comparable across queries: raw cosines of one model run higher for some texts than for others (with the
 * builtin model, pooled ROC AUC 0.71 for the raw cosine against 0.93 for this reading on the shared photos'
 * captions). Its limit: in a collection where most images match the text (all cats, "a cat"), the matches are the
 * "unrelated" ones and read as unremarkable.
 *
 * <p>The sample is drawn once per session (again when the index's size changes) with a fixed seed. Fewer than
 * {@value #MIN_SAMPLE} indexed images say too little about non-matches; hits then carry no relevance.
 * Thread-safe.
 */
public final class RelevanceCalibrator {
    /** Images sampled as non-matches (all of them in a smaller index). */
    public static final int SAMPLE = 512;
    /** Below this many indexed images no relevance is measured. */
    public static final int MIN_SAMPLE = 8;
    /**
     * Logistic fit of match / no match on {@code z}, on the builtin model's labelled pairs (the shared photos'
     * captions and tags, Fashion-MNIST's class names), each set weighted equally: {@code RelevanceFit} in the lab,
     * docs/quality.md.
     */
    public static final double Z_SCALE = 0.87;
    public static final double Z_BIAS = -2.96;
    private static final double MAD_TO_SIGMA = 1.4826;

    private final Model model;
    private final ImageIndex index;
    private volatile Sample sample;

    private record Sample(int indexed, List<float[]> vectors) {
    }

    public RelevanceCalibrator(Model model, ImageIndex index) {
        this.model = model;
        this.index = index;
    }

    /**
     * The relevance of hits of a text query whose embedding is {@code query}: the model's own, or measured for this
     * query; empty while the index holds fewer than {@value #MIN_SAMPLE} images.
     */
    public Optional<Relevance> forQuery(float[] query) {
        Optional<Relevance> own = model.relevance();
        if (own.isPresent()) {
            return own;
        }
        List<float[]> images = sample();
        if (images.size() < MIN_SAMPLE) {
            return Optional.empty();
        }
        double[] scores = new double[images.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = Vectors.dot(query, images.get(i));
        }
        return Optional.of(fromNull(scores, Z_SCALE, Z_BIAS, "measured: the query's cosines with " + images.size()
                + " indexed images"));
    }

    /**
     * The calibration for a query whose non-matching pairs scored {@code nullScores}: median {@code m}, spread
     * {@code s = 1.4826 * MAD} (at least 1e-4), relevance {@code sigmoid(zScale * (cos - m) / s + zBias)}.
     */
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
        return new Relevance(zScale / spread, zBias - zScale * median / spread, method + String.format(Locale.ROOT,
                " (median %.4f, spread %.4f)", median, spread));
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Up to {@link #SAMPLE} image vectors, picked with a fixed seed so that a session's numbers repeat. */
    private List<float[]> sample() {
        int indexed = index.count();
        Sample s = sample;
        if (s != null && s.indexed == indexed) {
            return s.vectors;
        }
        synchronized (this) {
            if (sample != null && sample.indexed == indexed) {
                return sample.vectors;
            }
            String space = model.info().textSpace();
            List<String> ids = new ArrayList<>();
            index.forEach(ImageFilter.NONE, Set.of(), (record, vectors) -> ids.add(record.id()));
            Collections.sort(ids);
            Collections.shuffle(ids, new Random(42));
            List<float[]> out = new ArrayList<>();
            for (String id : ids.subList(0, Math.min(SAMPLE, ids.size()))) {
                index.vector(id, space).ifPresent(out::add);
            }
            sample = new Sample(indexed, List.copyOf(out));
            return sample.vectors;
        }
    }
}
