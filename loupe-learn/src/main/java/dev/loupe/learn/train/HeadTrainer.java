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
import dev.loupe.learn.data.ComposeData;
import dev.loupe.learn.data.ComposeQuery;
import dev.loupe.learn.data.FrozenTriplets;
import dev.loupe.learn.eval.Retrieval;
import dev.loupe.learn.nn.Adam;
import dev.loupe.learn.nn.ComposerNet;
import dev.loupe.learn.nn.Losses;
import dev.loupe.learn.nn.Params;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Trains only a composer head on frozen image and text vectors (batch softmax loss), then evaluates R@K with the
 * exported pure-Java composer itself, so the reported metrics are those of the file the engine loads.
 */
public final class HeadTrainer {
    /** The composer file (metrics included) and the loss curve. */
    public record Result(ComposerFile file, LossCurve losses, double seconds) {
    }

    /** The batch softmax's starting scale on the lab's own encoders' vectors. */
    public static final float DEFAULT_SCALE = 4f;

    private HeadTrainer() {
    }

    public static Result train(NDManager m, ComposeData data, FrozenEncoders enc, ComposeConfig c, Progress progress) {
        FrozenTriplets set = new FrozenTriplets(data.name(), encodeImages(data, enc), data.keys(), data.train(),
                data.test(), data.gallery());
        return train(m, set, enc.space(), enc.imageEncoder(), enc.text(), c, DEFAULT_SCALE, progress);
    }

    /**
     * Trains on vectors that already exist (a user's index): {@code space} and {@code imageEncoder} name where the
     * image vectors come from (written into the file, checked by whoever loads it), {@code text} embeds the
     * modification texts. {@code scale} starts the batch softmax's (trained) inverse temperature: a space whose
     * vectors all lie close together (a model's vectors of one kind of picture) needs a larger one than
     * {@link #DEFAULT_SCALE} for the softmax to tell them apart.
     */
    public static Result train(NDManager m, FrozenTriplets data, String space, String imageEncoder, TextEmbedding text,
                               ComposeConfig c, float scale, Progress progress) {
        if (c.method().equals(Composers.RELATION)) {
            throw new IllegalArgumentException("method relation needs the trainable CNN's feature map; with frozen "
                    + "encoders use tirg, concat, film, image_only or text_only");
        }
        long t0 = System.nanoTime();
        float[][] img = data.images();
        int d = data.dim();
        Map<String, float[]> textVec = textVectors(data, text);
        Params p = new Params(m, c.seed());
        ComposerNet head = ComposerNet.create(p, c.method(), d, text.dim(), c.hidden(), 1, 1);
        p.constant("loss.scale", scale, 1);
        Adam adam = new Adam(p);
        Random rnd = new Random(c.seed() * 104729 + 3);
        LossCurve curve = new LossCurve();
        Engine engine = m.getEngine();
        List<ComposeQuery> train = data.train();
        int b = Math.min(c.batch(), train.size());
        int t = text.dim();
        for (int step = 1; step <= c.steps(); step++) {
            try (NDScope scope = new NDScope()) {
                float[] x = new float[b * d];
                float[] y = new float[b * d];
                float[] tx = new float[b * t];
                for (int i = 0; i < b; i++) {
                    ComposeQuery q = train.get(rnd.nextInt(train.size()));
                    System.arraycopy(img[q.source()], 0, x, i * d, d);
                    System.arraycopy(img[q.target()], 0, y, i * d, d);
                    System.arraycopy(textVec.get(q.text()), 0, tx, i * t, t);
                }
                float loss;
                try (GradientCollector gc = engine.newGradientCollector()) {
                    NDArray out = head.forward(m.create(x, new Shape(b, d)), m.create(tx, new Shape(b, t)));
                    NDArray l = Losses.batchSoftmax(out, m.create(y, new Shape(b, d)), p.get("loss.scale"));
                    gc.backward(l);
                    loss = l.getFloat();
                }
                adam.step(Schedule.lr(c.lr(), step, c.steps()));
                curve.add(loss);
                progress.step(step, c.steps(), loss);
            }
        }
        ComposerMetadata md = new ComposerMetadata(c.method(), data.name(), space, d, t, d, imageEncoder,
                text.space(), Map.of(), Map.of());
        ComposerFile file = new ComposerFile(md, p.export("").stream().filter(x -> !x.name().startsWith("loss."))
                .toList());
        var composer = file.composer();
        Map<String, Double> metrics = recall(data, q -> composer.compose(img[q.source()], textVec.get(q.text())));
        file = new ComposerFile(md.withMetrics(metrics), new ArrayList<>(file.tensors().values()));
        return new Result(file, curve, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * R@K of the held-out queries of {@code data}, each turned into a query vector by {@code query} (a trained
     * composer, or a zero-shot baseline such as the sum of image and text), searched among the gallery.
     */
    public static Map<String, Double> recall(FrozenTriplets data, Function<ComposeQuery, float[]> query) {
        List<ComposeQuery> test = data.test();
        float[][] q = new float[test.size()][];
        for (int i = 0; i < q.length; i++) {
            q[i] = query.apply(test.get(i));
        }
        int[] gallery = data.gallery();
        float[][] g = new float[gallery.length][];
        int[] keys = new int[gallery.length];
        for (int i = 0; i < gallery.length; i++) {
            g[i] = data.images()[gallery[i]];
            keys[i] = data.key(gallery[i]);
        }
        return Retrieval.recall(q, g, keys, gallery, test.stream().mapToInt(x -> data.key(x.target())).toArray(),
                test.stream().mapToInt(ComposeQuery::source).toArray(), Retrieval.KS);
    }

    /** The vector of every query text of {@code data}, embedded in batches. */
    public static Map<String, float[]> textVectors(FrozenTriplets data, TextEmbedding text) {
        List<String> texts = data.texts();
        Map<String, float[]> out = new HashMap<>();
        for (int from = 0; from < texts.size(); from += 256) {
            List<String> part = texts.subList(from, Math.min(texts.size(), from + 256));
            float[][] v = text.embed(part);
            for (int i = 0; i < part.size(); i++) {
                out.put(part.get(i), v[i]);
            }
        }
        return out;
    }

    private static float[][] encodeImages(ComposeData data, FrozenEncoders enc) {
        int n = data.images().count();
        float[][] out = new float[n][];
        for (int from = 0; from < n; from += 64) {
            List<BufferedImage> batch = new ArrayList<>();
            for (int i = from; i < Math.min(n, from + 64); i++) {
                batch.add(data.images().image(i));
            }
            List<float[]> v = enc.images().apply(batch);
            for (int i = 0; i < v.size(); i++) {
                out[from + i] = v.get(i);
            }
        }
        return out;
    }
}
