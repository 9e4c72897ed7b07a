package dev.loupe.lab.compose;

import dev.loupe.engine.Loupe;
import dev.loupe.learn.data.ComposeQuery;
import dev.loupe.learn.data.FrozenTriplets;
import dev.loupe.learn.eval.Retrieval;
import dev.loupe.learn.train.ComposeConfig;
import dev.loupe.learn.train.HeadTrainer;
import dev.loupe.learn.train.Progress;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Composers trained on an index's frozen vectors against the zero-shot references, over seeds: each seed splits the
 * mined pairs anew and trains every method; the zero-shot rows need no training. Rows are method names, columns
 * R@K; every run is kept.
 */
public final class ComposerEval {
    /** One run: a method (or zero-shot reference) on one seed. */
    public record Run(String method, long seed, Map<String, Double> metrics, int train, int heldOut,
                      double seconds) {
    }

    private ComposerEval() {
    }

    /**
     * Runs {@code methods} and the zero-shot sum and diff on a set indexed in the session.
     *
     * @param progress a progress per (method, seed)
     */
    public static List<Run> run(Loupe loupe, ComposerSet set, List<String> methods, List<Long> seeds,
                                ComposeConfig base, float scale, BiFunction<String, Long, Progress> progress) {
        List<Run> runs = new ArrayList<>();
        for (long seed : seeds) {
            ComposeConfig c = base.withSeed(seed);
            FrozenTriplets data = set.examples().apply(loupe, seed);
            long t0 = System.nanoTime();
            Map<String, float[]> words = words(loupe, data);
            runs.add(new Run("zero-shot sum", seed, HeadTrainer.recall(data, ComposerTraining.sum(data, words)),
                    data.train().size(), data.test().size(), (System.nanoTime() - t0) / 1e9));
            runs.add(new Run("zero-shot diff", seed, HeadTrainer.recall(data, diff(data, words)),
                    data.train().size(), data.test().size(), (System.nanoTime() - t0) / 1e9));
            for (String m : methods) {
                ComposerTraining.Report r = ComposerTraining.train(loupe, data, c.withMethod(m),
                        scale > 0 ? scale : ComposerTraining.autoScale(data, seed),
                        progress.apply(m, seed));
                runs.add(new Run(m, seed, r.metrics(), r.train(), r.heldOut(), r.seconds()));
            }
        }
        return runs;
    }

    /**
     * The reference image minus the removed words plus the added words (the analogy of Mikolov et al.); an edit
     * that only adds or only removes has no vector for the other side.
     */
    static java.util.function.Function<ComposeQuery, float[]> diff(FrozenTriplets data, Map<String, float[]> words) {
        return q -> {
            float[] a = Retrieval.normalize(data.images()[q.source()]);
            float[] sub = words.getOrDefault(q.removed(), new float[a.length]);
            float[] add = words.getOrDefault(q.added(), new float[a.length]);
            float[] s = new float[a.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = a[i] - sub[i] + add[i];
            }
            return s;
        };
    }

    /** Text vectors of the queries' texts and of the removed and added words. */
    private static Map<String, float[]> words(Loupe loupe, FrozenTriplets data) {
        LinkedHashSet<String> all = new LinkedHashSet<>(data.texts());
        data.test().forEach(q -> {
            all.add(q.removed());
            all.add(q.added());
        });
        all.remove("");
        List<String> list = new ArrayList<>(all);
        List<float[]> v = loupe.model().encodeTexts(list);
        Map<String, float[]> out = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            out.put(list.get(i), Retrieval.normalize(v.get(i)));
        }
        return out;
    }

    /** Mean and standard deviation per method and metric, methods in first-run order. */
    public static Map<String, Map<String, double[]>> summary(List<Run> runs) {
        Map<String, Map<String, List<Double>>> by = new LinkedHashMap<>();
        for (Run r : runs) {
            r.metrics().forEach((k, v) -> by.computeIfAbsent(r.method(), x -> new LinkedHashMap<>())
                    .computeIfAbsent(k, x -> new ArrayList<>()).add(v));
        }
        Map<String, Map<String, double[]>> out = new LinkedHashMap<>();
        by.forEach((m, metrics) -> {
            Map<String, double[]> s = new LinkedHashMap<>();
            metrics.forEach((k, vs) -> {
                double mean = vs.stream().mapToDouble(Double::doubleValue).average().orElse(0);
                double var = vs.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / Math.max(1, vs.size() - 1);
                s.put(k, new double[] {mean, Math.sqrt(var)});
            });
            out.put(m, s);
        });
        return out;
    }
}
