package dev.loupe.learn.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import dev.loupe.learn.data.ComposeData;
import dev.loupe.learn.data.ComposeQuery;
import dev.loupe.learn.data.Vocabulary;
import dev.loupe.learn.eval.Analogy;
import dev.loupe.learn.nn.Adam;
import dev.loupe.learn.nn.ImageCnn;
import dev.loupe.learn.nn.Losses;
import dev.loupe.learn.nn.Params;
import dev.loupe.learn.nn.TextLstm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * Learns a visual-semantic embedding (CNN images and LSTM captions in one space) with the pairwise hinge ranking
 * loss, then scores the {@code sum} and {@code diff} analogy measures on the dataset's test queries, whose
 * removed/added phrases become the subtracted/added text vectors.
 */
public final class VseTrainer {
    private static final int EVAL_BATCH = 256;

    /** A trained embedding, its loss curve and the analogy metrics. */
    public record Result(LossCurve losses, Map<String, Double> metrics, double seconds) {
    }

    /**
     * @param c uses steps, batch, lr, embedDim (the joint space), cnnWidth and seed; the method is ignored
     */
    public static Result train(NDManager manager, ComposeData data, ComposeConfig c, float margin, Progress progress) {
        long t0 = System.nanoTime();
        Vocabulary vocab = Vocabulary.of(data.captions());
        int maxLen = Vocabulary.maxLength(data.captions());
        Params p = new Params(manager, c.seed());
        ImageCnn cnn = new ImageCnn(p, data.images().size(), c.cnnWidth(), c.embedDim());
        TextLstm lstm = new TextLstm(p, vocab.size(), 64, c.embedDim());
        Adam adam = new Adam(p);
        TreeSet<Integer> trainSet = new TreeSet<>();
        for (ComposeQuery q : data.train()) {
            trainSet.add(q.source());
            trainSet.add(q.target());
        }
        int[] trainImages = trainSet.stream().mapToInt(Integer::intValue).toArray();
        Random rnd = new Random(c.seed() * 31 + 5);
        LossCurve curve = new LossCurve();
        Engine engine = manager.getEngine();
        int b = Math.min(c.batch(), trainImages.length);
        for (int step = 1; step <= c.steps(); step++) {
            try (NDScope scope = new NDScope()) {
                int[] idx = distinctKeys(data, trainImages, b, rnd);
                List<String> caps = Arrays.stream(idx).mapToObj(i -> data.captions().get(i)).toList();
                float loss;
                try (GradientCollector gc = engine.newGradientCollector()) {
                    NDArray img = cnn.embed(cnn.featureMap(images(manager, data, idx)));
                    NDArray txt = encode(manager, lstm, vocab, maxLen, caps);
                    NDArray l = Losses.hinge(img, txt, margin);
                    gc.backward(l);
                    loss = l.getFloat();
                }
                adam.step(Schedule.lr(c.lr(), step, c.steps()));
                curve.add(loss);
                progress.step(step, c.steps(), loss);
            }
        }
        Map<String, Double> metrics = analogies(manager, data, cnn, lstm, vocab, maxLen);
        return new Result(curve, metrics, (System.nanoTime() - t0) / 1e9);
    }

    /** A batch of training images with pairwise different captions (so no caption is a false negative). */
    static int[] distinctKeys(ComposeData data, int[] pool, int b, Random rnd) {
        int[] out = new int[b];
        java.util.Set<String> keys = new java.util.HashSet<>();
        int n = 0;
        int tries = 0;
        while (n < b && tries++ < b * 50) {
            int i = pool[rnd.nextInt(pool.length)];
            if (keys.add(data.captions().get(i))) {
                out[n++] = i;
            }
        }
        return n == b ? out : Arrays.copyOf(out, n);
    }

    static NDArray images(NDManager m, ComposeData data, int[] idx) {
        int s = data.images().size();
        return m.create(data.images().toNchw(idx), new ai.djl.ndarray.types.Shape(idx.length, 3, s, s));
    }

    static NDArray encode(NDManager m, TextLstm lstm, Vocabulary vocab, int maxLen, List<String> texts) {
        int[] tok = new int[texts.size() * maxLen];
        for (int i = 0; i < texts.size(); i++) {
            System.arraycopy(vocab.encode(texts.get(i), maxLen), 0, tok, i * maxLen, maxLen);
        }
        return lstm.encode(m, tok, texts.size(), maxLen);
    }

    static Map<String, Double> analogies(NDManager m, ComposeData data, ImageCnn cnn, TextLstm lstm, Vocabulary vocab,
                                         int maxLen) {
        int[] gallery = data.gallery();
        float[][] g = embed(m, gallery.length, (from, to) -> cnn.embed(cnn.featureMap(
                images(m, data, Arrays.copyOfRange(gallery, from, to)))));
        List<ComposeQuery> test = data.test();
        int[] src = test.stream().mapToInt(ComposeQuery::source).toArray();
        float[][] img = embed(m, src.length, (from, to) -> cnn.embed(cnn.featureMap(
                images(m, data, Arrays.copyOfRange(src, from, to)))));
        float[][] sub = texts(m, lstm, vocab, maxLen, test.stream().map(ComposeQuery::removed).toList());
        float[][] add = texts(m, lstm, vocab, maxLen, test.stream().map(ComposeQuery::added).toList());
        int[] gKeys = Arrays.stream(gallery).map(data::key).toArray();
        int[] targets = test.stream().mapToInt(q -> data.key(q.target())).toArray();
        Map<String, Double> out = new java.util.LinkedHashMap<>(
                Analogy.evaluate(g, gKeys, gallery, img, sub, add, targets, src, 1, 10));
        List<String> kinds = test.stream().map(ComposeQuery::kind).distinct().sorted().toList();
        if (kinds.size() > 1) { // R@1 per kind of modification, e.g. add / remove / change
            for (String kind : kinds) {
                int[] sel = java.util.stream.IntStream.range(0, test.size())
                        .filter(i -> test.get(i).kind().equals(kind)).toArray();
                Map<String, Double> k = Analogy.evaluate(g, gKeys, gallery, pick(img, sel), pick(sub, sel),
                        pick(add, sel), Arrays.stream(sel).map(i -> targets[i]).toArray(),
                        Arrays.stream(sel).map(i -> src[i]).toArray(), 1);
                out.put("sum R@1 " + kind, k.get("sum R@1"));
                out.put("diff R@1 " + kind, k.get("diff R@1"));
            }
        }
        return out;
    }

    private static float[][] pick(float[][] rows, int[] sel) {
        return Arrays.stream(sel).mapToObj(i -> rows[i]).toArray(float[][]::new);
    }

    private static float[][] texts(NDManager m, TextLstm lstm, Vocabulary vocab, int maxLen, List<String> texts) {
        float[][] out = embed(m, texts.size(), (from, to) -> encode(m, lstm, vocab, maxLen, texts.subList(from, to)));
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i).isBlank()) {
                out[i] = new float[out[i].length];
            }
        }
        return out;
    }

    private interface Encoder {
        NDArray run(int from, int to);
    }

    private static float[][] embed(NDManager m, int n, Encoder e) {
        float[][] out = new float[n][];
        for (int from = 0; from < n; from += EVAL_BATCH) {
            try (NDScope scope = new NDScope()) {
                ComposeTrainer.rows(e.run(from, Math.min(n, from + EVAL_BATCH)), out, from);
            }
        }
        return out;
    }

    private VseTrainer() {
    }
}
