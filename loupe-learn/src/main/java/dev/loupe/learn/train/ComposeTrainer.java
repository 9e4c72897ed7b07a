package dev.loupe.learn.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import dev.loupe.learn.data.ComposeData;
import dev.loupe.learn.data.ComposeQuery;
import dev.loupe.learn.data.Vocabulary;
import dev.loupe.learn.eval.Retrieval;
import dev.loupe.learn.nn.Adam;
import dev.loupe.learn.nn.Losses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trains a composer end to end (CNN + LSTM + head) with TIRG's batch softmax loss, then measures R@K on the test
 * queries against the test gallery.
 */
public final class ComposeTrainer {
    private static final int EVAL_BATCH = 256;

    /** A trained model with its loss curve and test metrics. */
    public record Result(ComposeModel model, LossCurve losses, Map<String, Double> metrics, double seconds) {
    }

    private ComposeTrainer() {
    }

    public static Result train(NDManager manager, ComposeData data, ComposeConfig c, Progress progress) {
        long t0 = System.nanoTime();
        Vocabulary vocab = Vocabulary.of(data.trainingTexts());
        List<String> allTexts = new ArrayList<>();
        data.train().forEach(q -> allTexts.add(q.text()));
        data.test().forEach(q -> allTexts.add(q.text()));
        int maxLen = Vocabulary.maxLength(allTexts);
        ComposeModel model = new ComposeModel(manager, c, data.images().size(), vocab, maxLen);
        Adam adam = new Adam(model.params());
        Random rnd = new Random(c.seed() * 7919 + 17);
        LossCurve curve = new LossCurve();
        Engine engine = manager.getEngine();
        List<ComposeQuery> train = data.train();
        int b = Math.min(c.batch(), train.size());
        for (int step = 1; step <= c.steps(); step++) {
            try (NDScope scope = new NDScope()) {
                int[] src = new int[b];
                int[] dst = new int[b];
                List<String> texts = new ArrayList<>(b);
                for (int i = 0; i < b; i++) {
                    ComposeQuery q = train.get(rnd.nextInt(train.size()));
                    src[i] = q.source();
                    dst[i] = q.target();
                    texts.add(q.text());
                }
                float loss;
                try (GradientCollector gc = engine.newGradientCollector()) {
                    NDArray composed = model.compose(manager, data.images(), src, texts);
                    NDArray target = model.embedImages(manager, data.images(), dst);
                    NDArray l = Losses.batchSoftmax(composed, target, model.params().get("loss.scale"));
                    gc.backward(l);
                    loss = l.getFloat();
                }
                adam.step(Schedule.lr(c.lr(), step, c.steps()));
                curve.add(loss);
                progress.step(step, c.steps(), loss);
            }
        }
        Map<String, Double> metrics = evaluate(manager, model, data);
        return new Result(model, curve, metrics, (System.nanoTime() - t0) / 1e9);
    }

    /** R@1/5/10/50 of the model's composed test queries over the test gallery. */
    public static Map<String, Double> evaluate(NDManager manager, ComposeModel model, ComposeData data) {
        int[] gallery = data.gallery();
        float[][] g = embedImages(manager, model, data, gallery);
        List<ComposeQuery> test = data.test();
        float[][] q = new float[test.size()][];
        for (int from = 0; from < test.size(); from += EVAL_BATCH) {
            List<ComposeQuery> part = test.subList(from, Math.min(test.size(), from + EVAL_BATCH));
            try (NDScope scope = new NDScope()) {
                NDArray out = model.compose(manager, data.images(), part.stream().mapToInt(ComposeQuery::source)
                        .toArray(), part.stream().map(ComposeQuery::text).toList());
                rows(out, q, from);
            }
        }
        int[] gKeys = new int[gallery.length];
        for (int i = 0; i < gallery.length; i++) {
            gKeys[i] = data.key(gallery[i]);
        }
        return Retrieval.recall(q, g, gKeys, gallery, test.stream().mapToInt(x -> data.key(x.target())).toArray(),
                test.stream().mapToInt(ComposeQuery::source).toArray(), Retrieval.KS);
    }

    /** Image embeddings of the given bank indices, batched. */
    public static float[][] embedImages(NDManager manager, ComposeModel model, ComposeData data, int[] idx) {
        float[][] out = new float[idx.length][];
        for (int from = 0; from < idx.length; from += EVAL_BATCH) {
            int[] part = java.util.Arrays.copyOfRange(idx, from, Math.min(idx.length, from + EVAL_BATCH));
            try (NDScope scope = new NDScope()) {
                rows(model.embedImages(manager, data.images(), part), out, from);
            }
        }
        return out;
    }

    static void rows(NDArray a, float[][] into, int from) {
        int n = (int) a.getShape().get(0);
        int d = (int) a.getShape().get(1);
        float[] flat = a.toFloatArray();
        for (int i = 0; i < n; i++) {
            into[from + i] = java.util.Arrays.copyOfRange(flat, i * d, (i + 1) * d);
        }
    }

}
