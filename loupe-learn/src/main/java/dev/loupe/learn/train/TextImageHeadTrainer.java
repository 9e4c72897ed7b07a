package dev.loupe.learn.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.loupe.core.compose.ComposerFile;
import dev.loupe.core.compose.ComposerMetadata;
import dev.loupe.core.compose.TextImageHead;
import dev.loupe.learn.nn.Adam;
import dev.loupe.learn.nn.Losses;
import dev.loupe.learn.nn.Nn;
import dev.loupe.learn.nn.Params;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Trains a text→image head ({@link TextImageHead}) over frozen vectors: the image side reads each example's image
 * vector (an index's stored vector, no image decoded), the text side its text's vector from the model's text
 * encoder. DeViSE (Frome et al.) learns a linear projection of the image vectors onto the text vectors with the
 * cosine loss of the seed slides; VSE (Kiros et al.) learns an image and a text projection into a joint space with
 * the pairwise hinge ranking loss (eq. 1: margin α, the batch's other pairs as contrastive negatives, both
 * directions). Pairs that share a text (DeViSE's labels) are drawn without two of one text in a batch, so that no
 * negative is a positive.
 */
public final class TextImageHeadTrainer {
    /**
     * What to train.
     *
     * @param method {@link TextImageHead#DEVISE} or {@link TextImageHead#VSE}
     * @param steps  optimizer steps
     * @param batch  pairs per step (VSE: the contrastive negatives)
     * @param lr     Adam learning rate
     * @param margin VSE's margin α
     * @param joint  VSE's joint dimension (DeViSE's is the text dimension)
     * @param seed   weights and batches
     */
    public record Config(String method, int steps, int batch, float lr, float margin, int joint, long seed) {
        public Config {
            if (!TextImageHead.METHODS.contains(method)) {
                throw new IllegalArgumentException("--method must be " + String.join(" or ", TextImageHead.METHODS)
                        + "; got '" + method + "'");
            }
            if (steps < 1 || batch < 2 || !(lr > 0) || !(margin >= 0) || joint < 1) {
                throw new IllegalArgumentException("steps >= 1, batch >= 2, lr > 0, margin >= 0 and joint >= 1 are "
                        + "needed; got " + steps + ", " + batch + ", " + lr + ", " + margin + ", " + joint);
            }
        }
    }

    /**
     * Training pairs over frozen vectors.
     *
     * @param images   image vectors (of the head's image space)
     * @param texts    text vectors
     * @param pairs    training pairs: {@code [image, text]} indices
     * @param textKeys which texts count as the same (one key per text)
     */
    public record Pairs(float[][] images, float[][] texts, List<int[]> pairs, int[] textKeys) {
        public Pairs {
            Objects.requireNonNull(images, "images");
            Objects.requireNonNull(texts, "texts");
            pairs = List.copyOf(pairs);
        }
    }

    /** The head's weights as a file (without metrics) and the loss curve. */
    public record Result(ComposerFile file, LossCurve losses, double seconds) {
    }

    private TextImageHeadTrainer() {
    }

    /**
     * Trains on {@code data}.
     *
     * @param dataset      what it was trained on (written into the file)
     * @param imageSpace   the index space the image vectors come from
     * @param imageEncoder the model that made them (its fingerprint; the engine refuses the file for another)
     * @param textSpace    the space of the text vectors (the model's text space)
     */
    public static Result train(NDManager m, Pairs data, Config c, String dataset, String imageSpace,
                               String imageEncoder, String textSpace, Progress progress) {
        long t0 = System.nanoTime();
        int d = data.images()[0].length;
        int t = data.texts()[0].length;
        boolean vse = c.method().equals(TextImageHead.VSE);
        int joint = vse ? c.joint() : t;
        Params p = new Params(m, c.seed());
        p.linear("image", d, joint);
        if (vse) {
            p.linear("text", t, joint);
        }
        Adam adam = new Adam(p);
        Random rnd = new Random(c.seed() * 7877 + 5);
        LossCurve curve = new LossCurve();
        Engine engine = m.getEngine();
        int b = vse ? Math.min(c.batch(), distinctTexts(data)) : c.batch();
        for (int step = 1; step <= c.steps(); step++) {
            try (NDScope scope = new NDScope()) {
                float[] x = new float[b * d];
                float[] y = new float[b * t];
                java.util.Set<Integer> keys = new java.util.HashSet<>();
                for (int i = 0; i < b; ) {
                    int[] pair = data.pairs().get(rnd.nextInt(data.pairs().size()));
                    if (vse && !keys.add(data.textKeys()[pair[1]])) {
                        continue;
                    }
                    System.arraycopy(data.images()[pair[0]], 0, x, i * d, d);
                    System.arraycopy(data.texts()[pair[1]], 0, y, i * t, t);
                    i++;
                }
                float loss;
                try (GradientCollector gc = engine.newGradientCollector()) {
                    NDArray img = Nn.linear(m.create(x, new Shape(b, d)), p, "image");
                    NDArray txt = m.create(y, new Shape(b, t));
                    NDArray l = vse ? Losses.hinge(img, Nn.linear(txt, p, "text"), c.margin())
                            : Losses.cosine(img, txt);
                    gc.backward(l);
                    loss = l.getFloat();
                }
                adam.step(Schedule.lr(c.lr(), step, c.steps()));
                curve.add(loss);
                progress.step(step, c.steps(), loss);
            }
        }
        ComposerMetadata md = new ComposerMetadata(c.method(), dataset, textSpace, d, t, joint, imageEncoder,
                textSpace, Map.of(), Map.of(TextImageHead.SOURCE_SPACE, imageSpace,
                "margin", Float.toString(c.margin())));
        return new Result(new ComposerFile(md, p.export("")), curve, (System.nanoTime() - t0) / 1e9);
    }

    private static int distinctTexts(Pairs data) {
        return (int) data.pairs().stream().mapToInt(p -> data.textKeys()[p[1]]).distinct().count();
    }
}
