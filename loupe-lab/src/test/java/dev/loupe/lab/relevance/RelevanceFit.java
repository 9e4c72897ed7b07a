package dev.loupe.lab.relevance;

import dev.loupe.core.Model;
import dev.loupe.core.Relevance;
import dev.loupe.core.Vectors;
import dev.loupe.datasets.FashionMnist;
import dev.loupe.engine.LoupeHome;
import dev.loupe.engine.ModelLoader;
import dev.loupe.engine.search.RelevanceCalibrator;
import dev.loupe.lab.classify.DatasetEmbedder;
import dev.loupe.models.image.ImageDecoder;
import dev.loupe.models.store.ProgressListener;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Measures how well the builtin model's relevance separates matching from non-matching image-text pairs, and fits
 * the mapping {@link RelevanceCalibrator} uses ({@code sigmoid(a * z + b)}, {@code z} = the cosine in spreads above
 * the median of unrelated pairs). Labelled pairs, all built from the shared data:
 * <ul>
 *   <li><b>captions</b>: each of the 21 shared photos' captions against all 21 photos (21 matches, 420 not);</li>
 *   <li><b>tags</b>: each tag word of {@code captions.tsv} against all photos; a photo matches the tags it lists;</li>
 *   <li><b>fashion</b>: Fashion-MNIST's ten class nouns ("dress", "sandal", …) against 2,000 test images
 *       (rendered dark on white as the classification benchmark does); an image matches its class.</li>
 * </ul>
 * For each set the unrelated-pair statistics are measured exactly as a session does (the 64 reference texts
 * against up to 512 of the set's images). It prints, per set and pooled: ROC AUC of the cosine (the same ranking
 * as the relevance within one collection), precision and recall at cut-offs, mean relevance of matches and
 * non-matches, the Brier score; for the fitted mapping, for the shipped constants, and leaving each set out of the
 * fit (how well the mapping carries to a collection it was not fitted on). Run from the project root:
 * <pre>
 *   LOUPE_HOME=/tmp/relevance-home LOUPE_MODEL_MIRROR=../shared/models \
 *     bin/mvn -q -B -o -Dloupe.shared=../shared -pl loupe-lab -am test-compile exec:exec@relevance-fit
 * </pre>
 */
public final class RelevanceFit {
    private static final int FASHION = 2000;
    private static final double[] CUTOFFS = {Relevance.DEFAULT_CUTOFF, 0.1, 0.25, 0.5};

    /** Labelled pairs of one set: cosine, z and whether the pair matches. */
    record Pairs(String name, double[] cosine, double[] z, boolean[] match) {
        int size() {
            return cosine.length;
        }
    }

    private RelevanceFit() {
    }

    public static void main(String[] args) throws IOException {
        Path shared = Path.of(System.getProperty("loupe.shared", "../shared"));
        LoupeHome home = LoupeHome.fromEnvironment(System.getenv());
        try (Model model = new ModelLoader(home, System::getenv).open(ModelLoader.BUILTIN, 2, ProgressListener.NONE)) {
            String space = model.info().textSpace();
            float[][] reference = model.encodeTexts(RelevanceCalibrator.referenceTexts()).toArray(float[][]::new);
            List<Pairs> sets = new ArrayList<>();
            Photos photos = Photos.read(shared.resolve("photos"), model, space);
            sets.add(pairs("captions", photos.vectors, reference, model.encodeTexts(photos.captions),
                    (q, i) -> q == i));
            List<String> tags = new ArrayList<>(photos.allTags());
            sets.add(pairs("tags", photos.vectors, reference, model.encodeTexts(tags),
                    (q, i) -> photos.tags.get(i).contains(tags.get(q))));
            FashionMnist test = FashionMnist.read(shared.resolve("datasets/fashion-mnist"), false);
            float[][] garments = new DatasetEmbedder(model, home.root().resolve("cache").resolve("eval"), true, 32)
                    .embed(test, FASHION, done -> { }).get(space);
            int[] labels = test.labels();
            sets.add(pairs("fashion", Arrays.asList(garments), reference, model.encodeTexts(FashionMnist.NOUNS),
                    (q, i) -> labels[i] == q));

            double[] fit = fit(sets);
            System.out.printf(Locale.ROOT, "fitted on all sets: a = %.3f, b = %.3f (shipped: a = %.3f, b = %.3f)%n%n",
                    fit[0], fit[1], RelevanceCalibrator.Z_SCALE, RelevanceCalibrator.Z_BIAS);
            report("shipped constants", sets, RelevanceCalibrator.Z_SCALE, RelevanceCalibrator.Z_BIAS);
            report("fitted constants", sets, fit[0], fit[1]);
            System.out.println("leave one set out (fit on the others, measured on it):");
            for (Pairs held : sets) {
                List<Pairs> rest = sets.stream().filter(p -> p != held).toList();
                double[] f = fit(rest);
                System.out.printf(Locale.ROOT, "  %-8s a = %.3f, b = %.3f  %s%n", held.name, f[0], f[1],
                        line(held, f[0], f[1]));
            }
        }
    }

    interface Truth {
        boolean matches(int query, int image);
    }

    private static Pairs pairs(String name, List<float[]> images, float[][] reference, List<float[]> queries,
                               Truth truth) {
        List<float[]> sample = new ArrayList<>(images);
        Collections.shuffle(sample, new Random(42));
        sample = sample.subList(0, Math.min(RelevanceCalibrator.SAMPLE, sample.size()));
        Relevance unit = RelevanceCalibrator.fromNull(RelevanceCalibrator.nullScores(sample, reference), 1, 0, name);
        int n = queries.size() * images.size();
        double[] cos = new double[n];
        double[] z = new double[n];
        boolean[] match = new boolean[n];
        int k = 0;
        for (int q = 0; q < queries.size(); q++) {
            for (int i = 0; i < images.size(); i++) {
                cos[k] = Vectors.dot(queries.get(q), images.get(i));
                z[k] = unit.scale() * cos[k] + unit.bias(); // (cos - median) / spread
                match[k] = truth.matches(q, i);
                k++;
            }
        }
        System.out.printf(Locale.ROOT, "%-8s %d queries x %d images, %d matches; unrelated pairs: %s%n", name,
                queries.size(), images.size(), count(match), unit.method());
        return new Pairs(name, cos, z, match);
    }

    /**
     * Logistic regression of match on z, each set weighted equally (Fashion-MNIST's 20,000 pairs would otherwise
     * outvote the photos' 441). Two parameters, so Newton's method is written out here rather than pulling a
     * library's multivariate solver in.
     */
    static double[] fit(List<Pairs> sets) {
        double a = 1;
        double b = -4;
        for (int iter = 0; iter < 100; iter++) {
            double ga = 0;
            double gb = 0;
            double haa = 0;
            double hab = 0;
            double hbb = 0;
            for (Pairs p : sets) {
                double w = 1.0 / p.size();
                for (int i = 0; i < p.size(); i++) {
                    double prob = 1 / (1 + Math.exp(-(a * p.z[i] + b)));
                    double err = (p.match[i] ? 1 : 0) - prob;
                    double v = prob * (1 - prob) * w;
                    ga += w * err * p.z[i];
                    gb += w * err;
                    haa += v * p.z[i] * p.z[i];
                    hab += v * p.z[i];
                    hbb += v;
                }
            }
            double det = haa * hbb - hab * hab;
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            a += da;
            b += db;
            if (Math.abs(da) + Math.abs(db) < 1e-9) {
                break;
            }
        }
        return new double[] {a, b};
    }

    private static void report(String title, List<Pairs> sets, double a, double b) {
        System.out.printf(Locale.ROOT, "%s (a = %.3f, b = %.3f):%n", title, a, b);
        for (Pairs p : sets) {
            System.out.printf(Locale.ROOT, "  %-8s %s%n", p.name, line(p, a, b));
        }
        System.out.println();
    }

    private static String line(Pairs p, double a, double b) {
        double[] r = new double[p.size()];
        double brier = 0;
        double pos = 0;
        double neg = 0;
        int positives = count(p.match);
        for (int i = 0; i < r.length; i++) {
            r[i] = 1 / (1 + Math.exp(-(a * p.z[i] + b)));
            double y = p.match[i] ? 1 : 0;
            brier += (r[i] - y) * (r[i] - y);
            if (p.match[i]) {
                pos += r[i];
            } else {
                neg += r[i];
            }
        }
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "AUC %.3f  mean relevance match %.3f / non-match %.3f  Brier %.4f", auc(p.cosine, p.match),
                pos / positives, neg / (r.length - positives), brier / r.length));
        for (double c : CUTOFFS) {
            int kept = 0;
            int right = 0;
            for (int i = 0; i < r.length; i++) {
                if (r[i] >= c) {
                    kept++;
                    right += p.match[i] ? 1 : 0;
                }
            }
            s.append(String.format(Locale.ROOT, "  @%.2f: precision %.3f recall %.3f (kept %d)", c,
                    kept == 0 ? Double.NaN : (double) right / kept, (double) right / positives, kept));
        }
        return s.toString();
    }

    /** ROC AUC: the chance a random match scores above a random non-match (ties count half). */
    static double auc(double[] score, boolean[] match) {
        Integer[] order = new Integer[score.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(score[x], score[y]));
        double rankSum = 0;
        int positives = 0;
        for (int i = 0; i < order.length; ) {
            int j = i;
            while (j < order.length && score[order[j]] == score[order[i]]) {
                j++;
            }
            double rank = (i + 1 + j) / 2.0; // average 1-based rank of the tie group
            for (int k = i; k < j; k++) {
                if (match[order[k]]) {
                    rankSum += rank;
                    positives++;
                }
            }
            i = j;
        }
        long negatives = score.length - positives;
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    private static int count(boolean[] b) {
        int n = 0;
        for (boolean x : b) {
            n += x ? 1 : 0;
        }
        return n;
    }

    /** The shared captioned photos: vectors, captions and tags (captions.tsv: file, caption, comma-separated tags). */
    record Photos(List<float[]> vectors, List<String> captions, List<Set<String>> tags) {
        static Photos read(Path dir, Model model, String space) throws IOException {
            ImageDecoder decoder = new ImageDecoder();
            List<float[]> vectors = new ArrayList<>();
            List<String> captions = new ArrayList<>();
            List<Set<String>> tags = new ArrayList<>();
            List<String> lines = Files.readAllLines(dir.resolve("captions.tsv"), StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("\t");
                if (f.length < 3) {
                    continue;
                }
                BufferedImage img = decoder.decode(dir.resolve(f[0])).image();
                vectors.add(model.encodeImage(img).get(space));
                captions.add(f[1]);
                tags.add(new LinkedHashSet<>(Arrays.asList(f[2].split(","))));
            }
            return new Photos(vectors, captions, tags);
        }

        Set<String> allTags() {
            Set<String> all = new LinkedHashSet<>();
            tags.forEach(all::addAll);
            return all;
        }
    }
}
