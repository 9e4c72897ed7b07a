package dev.loupe.learn.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.loupe.core.compose.ComposerFile;
import dev.loupe.core.compose.ComposerMetadata;
import dev.loupe.core.compose.Composers;
import dev.loupe.core.compose.Tensor;
import dev.loupe.datasets.FashionMnist;
import dev.loupe.learn.data.FashionGlosses;
import dev.loupe.learn.data.ImageBank;
import dev.loupe.learn.eval.Retrieval;
import dev.loupe.learn.nn.Adam;
import dev.loupe.learn.nn.ImageCnn;
import dev.loupe.learn.nn.Losses;
import dev.loupe.learn.nn.Nn;
import dev.loupe.learn.nn.Params;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * DeViSE (Frome et al.) on Fashion-MNIST with held-out classes: a CNN is trained as a classifier on the seen
 * classes only, then frozen; a linear projection maps its features onto the text vectors of the class
 * descriptions with a cosine loss. Zero-shot test: images of the held-out classes are projected and labelled by
 * the nearest held-out class vector (flat hit@k), and also among all ten classes (generalized hit@k).
 */
public final class DeviseTrainer {
    /** Curves, metrics and the projection (with the CNN as {@code encoder.*} tensors) as a composer file. */
    public record Result(LossCurve classifierLosses, LossCurve projectionLosses, Map<String, Double> metrics,
                         ComposerFile projection, double seconds) {
    }

    private DeviseTrainer() {
    }

    public static Result train(NDManager m, FashionMnist trainSplit, FashionMnist testSplit, DeviseConfig c,
                               TextEmbedding text, Progress progress) {
        long t0 = System.nanoTime();
        Engine engine = m.getEngine();
        FashionMnist tr = trainSplit.head(c.trainItems());
        FashionMnist te = testSplit.head(c.testItems());
        ImageBank bank = new ImageBank(tr.rows());
        List<Integer> trainIdx = new ArrayList<>();
        List<Integer> trainLabels = new ArrayList<>();
        List<Integer> seen = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            if (!c.heldOut().contains(k)) {
                seen.add(k);
            }
        }
        for (int i = 0; i < tr.size(); i++) {
            if (seen.contains(tr.labels()[i])) {
                trainIdx.add(bank.add(gray(tr, i)));
                trainLabels.add(tr.labels()[i]);
            }
        }
        int[] testIdx = new int[te.size()];
        for (int i = 0; i < te.size(); i++) {
            testIdx[i] = bank.add(gray(te, i));
        }
        Params p = new Params(m, c.seed());
        ImageCnn cnn = new ImageCnn(p, bank.size(), c.cnnWidth(), c.embedDim());
        p.linear("classifier", c.embedDim(), seen.size());
        Adam adam = new Adam(p);
        Random rnd = new Random(c.seed() * 13 + 1);
        LossCurve clsCurve = new LossCurve();
        int total = c.classifierSteps() + c.projectionSteps();
        for (int step = 1; step <= c.classifierSteps(); step++) {
            try (NDScope scope = new NDScope()) {
                int[] idx = new int[c.batch()];
                float[] onehot = new float[c.batch() * seen.size()];
                for (int i = 0; i < idx.length; i++) {
                    int j = rnd.nextInt(trainIdx.size());
                    idx[i] = trainIdx.get(j);
                    onehot[i * seen.size() + seen.indexOf(trainLabels.get(j))] = 1f;
                }
                float loss;
                try (GradientCollector gc = engine.newGradientCollector()) {
                    NDArray logits = Nn.linear(cnn.embed(cnn.featureMap(images(m, bank, idx))), p, "classifier");
                    NDArray l = logits.logSoftmax(1).mul(m.create(onehot, new Shape(idx.length, seen.size())))
                            .sum(new int[] {1}).neg().mean();
                    gc.backward(l);
                    loss = l.getFloat();
                }
                adam.step(c.lr());
                clsCurve.add(loss);
                progress.step(step, total, loss);
            }
        }
        float[][] labelVecs = text.embed(FashionGlosses.GLOSSES);
        float[][] trainFeat = features(m, cnn, bank, trainIdx.stream().mapToInt(Integer::intValue).toArray());
        float[][] testFeat = features(m, cnn, bank, testIdx);
        double seenAcc = seenAccuracy(m, p, testFeat, te.labels(), seen);

        Params q = new Params(m, c.seed() + 1);
        q.linear("proj", c.embedDim(), text.dim());
        Adam qAdam = new Adam(q);
        LossCurve projCurve = new LossCurve();
        for (int step = 1; step <= c.projectionSteps(); step++) {
            try (NDScope scope = new NDScope()) {
                float[] x = new float[c.batch() * c.embedDim()];
                float[] y = new float[c.batch() * text.dim()];
                for (int i = 0; i < c.batch(); i++) {
                    int j = rnd.nextInt(trainFeat.length);
                    System.arraycopy(trainFeat[j], 0, x, i * c.embedDim(), c.embedDim());
                    System.arraycopy(labelVecs[trainLabels.get(j)], 0, y, i * text.dim(), text.dim());
                }
                float loss;
                try (GradientCollector gc = engine.newGradientCollector()) {
                    NDArray l = Losses.cosine(Nn.linear(m.create(x, new Shape(c.batch(), c.embedDim())), q, "proj"),
                            m.create(y, new Shape(c.batch(), text.dim())));
                    gc.backward(l);
                    loss = l.getFloat();
                }
                qAdam.step(c.lr());
                projCurve.add(loss);
                progress.step(c.classifierSteps() + step, total, loss);
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        float[][] projected = project(m, q, testFeat);
        metrics.putAll(hits(projected, te.labels(), labelVecs, c.heldOut(), "zero-shot hit@", c.heldOut()));
        metrics.putAll(hits(projected, te.labels(), labelVecs, List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
                "generalized hit@", c.heldOut()));
        metrics.put("seen accuracy", seenAcc);
        List<Tensor> tensors = new ArrayList<>(q.export("proj"));
        tensors.addAll(p.export("encoder."));
        ComposerMetadata md = new ComposerMetadata(Composers.PROJECTION, "fashion-mnist", text.space(), c.embedDim(), 0,
                text.dim(), "loupe-learn-cnn", text.space(), metrics, Map.of("source.space", "learn_fashion_mnist",
                "held_out", c.heldOut().toString(), "image.size", Integer.toString(bank.size()),
                "cnn.width", Integer.toString(c.cnnWidth())));
        return new Result(clsCurve, projCurve, metrics, new ComposerFile(md, tensors), (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Flat hit@k over the items whose class is in {@code heldOut} (the classes scored: the held-out ones for
     * zero-shot): the true class is among the k candidate classes whose vectors are most similar to the projected
     * image. Also used for heads trained on an index's vectors ({@code loupe-lab eval heads}).
     */
    public static Map<String, Double> hits(float[][] projected, int[] labels, float[][] labelVecs,
                                           List<Integer> candidates, String prefix, List<Integer> heldOut) {
        int[] ks = {1, 2, 5};
        long[] hit = new long[ks.length];
        int n = 0;
        for (int i = 0; i < projected.length; i++) {
            if (!heldOut.contains(labels[i])) {
                continue;
            }
            n++;
            float[] v = Retrieval.normalize(projected[i]);
            double own = cos(v, labelVecs[labels[i]]);
            int better = 0;
            for (int cand : candidates) {
                if (cand != labels[i] && cos(v, labelVecs[cand]) > own) {
                    better++;
                }
            }
            for (int k = 0; k < ks.length; k++) {
                if (better < ks[k]) {
                    hit[k]++;
                }
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int k = 0; k < ks.length; k++) {
            if (ks[k] < candidates.size()) {
                out.put(prefix + ks[k], n == 0 ? 0 : 100.0 * hit[k] / n);
            }
        }
        return out;
    }

    private static double cos(float[] unit, float[] b) {
        float[] nb = Retrieval.normalize(b);
        double s = 0;
        for (int i = 0; i < unit.length; i++) {
            s += unit[i] * nb[i];
        }
        return s;
    }

    private static double seenAccuracy(NDManager m, Params p, float[][] feats, int[] labels, List<Integer> seen) {
        int n = 0;
        int ok = 0;
        try (NDScope scope = new NDScope()) {
            float[] flat = flatten(feats);
            float[] logits = Nn.linear(m.create(flat, new Shape(feats.length, feats[0].length)), p, "classifier")
                    .toFloatArray();
            for (int i = 0; i < feats.length; i++) {
                if (!seen.contains(labels[i])) {
                    continue;
                }
                n++;
                int best = 0;
                for (int k = 1; k < seen.size(); k++) {
                    if (logits[i * seen.size() + k] > logits[i * seen.size() + best]) {
                        best = k;
                    }
                }
                ok += seen.get(best) == labels[i] ? 1 : 0;
            }
        }
        return n == 0 ? 0 : 100.0 * ok / n;
    }

    private static float[][] project(NDManager m, Params q, float[][] feats) {
        float[][] out = new float[feats.length][];
        try (NDScope scope = new NDScope()) {
            NDArray y = Nn.linear(m.create(flatten(feats), new Shape(feats.length, feats[0].length)), q, "proj");
            ComposeTrainer.rows(y, out, 0);
        }
        return out;
    }

    private static float[][] features(NDManager m, ImageCnn cnn, ImageBank bank, int[] idx) {
        float[][] out = new float[idx.length][];
        for (int from = 0; from < idx.length; from += 512) {
            int[] part = Arrays.copyOfRange(idx, from, Math.min(idx.length, from + 512));
            try (NDScope scope = new NDScope()) {
                ComposeTrainer.rows(cnn.embed(cnn.featureMap(images(m, bank, part))), out, from);
            }
        }
        return out;
    }

    private static NDArray images(NDManager m, ImageBank bank, int[] idx) {
        return m.create(bank.toNchw(idx), new Shape(idx.length, 3, bank.size(), bank.size()));
    }

    private static float[] flatten(float[][] rows) {
        float[] flat = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * rows[0].length, rows[0].length);
        }
        return flat;
    }

    static byte[] gray(FashionMnist f, int i) {
        byte[] out = new byte[f.rows() * f.cols() * 3];
        for (int r = 0; r < f.rows(); r++) {
            for (int col = 0; col < f.cols(); col++) {
                byte v = (byte) f.pixel(i, r, col);
                int k = (r * f.cols() + col) * 3;
                out[k] = v;
                out[k + 1] = v;
                out[k + 2] = v;
            }
        }
        return out;
    }
}
