package dev.loupe.learn.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.loupe.learn.nn.Adam;
import dev.loupe.learn.nn.GarmentCnn;
import java.util.List;
import java.util.Random;

/**
 * Trains a {@link GarmentEncoder} on labelled 28x28 garments: cross-entropy over {@code scale * cos(image vector,
 * class vector)} for the ten fixed (text) class vectors, i.e. a DeViSE-style classifier whose class weights are
 * the label texts' vectors. Adam with a cosine-decayed learning rate, shuffled epochs, optional flips and shifts.
 */
public final class GarmentEncoderTrainer {
    /** The trained encoder, its loss curve, accuracy on its own (unaugmented) training images, and seconds. */
    public record Result(GarmentEncoder encoder, LossCurve losses, double trainAccuracy, double seconds) {
    }

    private GarmentEncoderTrainer() {
    }

    /**
     * @param images       28x28 grayscale images (row-major bytes)
     * @param labels       class of each image, 0..labelVectors.length-1
     * @param space        name of the text space of the label vectors
     * @param labelVectors one text vector per class
     */
    public static Result train(NDManager m, List<byte[]> images, int[] labels, String space, float[][] labelVectors,
                               GarmentEncoderConfig c, Progress progress) {
        if (images.size() != labels.length || images.isEmpty()) {
            throw new IllegalArgumentException("need one label per image and at least one image; got "
                    + images.size() + " images, " + labels.length + " labels");
        }
        int classes = labelVectors.length;
        for (int l : labels) {
            if (l < 0 || l >= classes) {
                throw new IllegalArgumentException("label " + l + " has no label vector (" + classes + " classes)");
            }
        }
        long t0 = System.nanoTime();
        Engine engine = m.getEngine();
        GarmentEncoder enc = new GarmentEncoder(m, c, space, labelVectors);
        float[] flatLabels = flatten(enc.labelVectors());
        NDArray classVectors = m.create(flatLabels, new Shape(classes, enc.dimension()));
        Adam adam = new Adam(enc.params());
        Random rnd = new Random(c.seed() * 17 + 3);
        int n = images.size();
        int batch = Math.min(c.batch(), n);
        int perEpoch = Math.max(1, n / batch);
        int total = perEpoch * c.epochs();
        int plane = GarmentCnn.SIDE * GarmentCnn.SIDE;
        LossCurve curve = new LossCurve();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int step = 0;
        for (int epoch = 0; epoch < c.epochs(); epoch++) {
            shuffle(order, rnd);
            for (int b = 0; b < perEpoch; b++) {
                step++;
                float[] x = new float[batch * plane];
                float[] onehot = new float[batch * classes];
                for (int i = 0; i < batch; i++) {
                    int j = order[b * batch + i];
                    boolean mirror = c.augment() && rnd.nextBoolean();
                    int dx = c.augment() ? rnd.nextInt(5) - 2 : 0;
                    int dy = c.augment() ? rnd.nextInt(5) - 2 : 0;
                    GarmentEncoder.pixels(images.get(j), mirror, dx, dy, x, i * plane);
                    onehot[i * classes + labels[j]] = 1f;
                }
                float lr = (float) (c.lr() * 0.5 * (1 + Math.cos(Math.PI * (step - 1) / total)));
                try (NDScope scope = new NDScope()) {
                    float loss;
                    try (GradientCollector gc = engine.newGradientCollector()) {
                        NDArray out = enc.forward(m.create(x, new Shape(batch, 1, GarmentCnn.SIDE, GarmentCnn.SIDE)),
                                true);
                        NDArray logits = out.matMul(classVectors.transpose()).mul(c.scale());
                        NDArray l = logits.logSoftmax(1).mul(m.create(onehot, new Shape(batch, classes)))
                                .sum(new int[] {1}).neg().mean();
                        gc.backward(l);
                        loss = l.getFloat();
                    }
                    adam.step(lr);
                    curve.add(loss);
                    progress.step(step, total, loss);
                }
            }
        }
        double acc = accuracy(enc, images, labels);
        return new Result(enc, curve, acc, (System.nanoTime() - t0) / 1e9);
    }

    /** Share of {@code images} whose vector is nearest to its own class vector. */
    public static double accuracy(GarmentEncoder enc, List<byte[]> images, int[] labels) {
        float[][] v = enc.encode(images);
        float[][] cls = enc.labelVectors();
        int right = 0;
        for (int i = 0; i < v.length; i++) {
            int best = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < cls.length; k++) {
                double s = 0;
                for (int d = 0; d < cls[k].length; d++) {
                    s += v[i][d] * cls[k][d];
                }
                if (s > bestScore) {
                    bestScore = s;
                    best = k;
                }
            }
            right += best == labels[i] ? 1 : 0;
        }
        return (double) right / v.length;
    }

    private static void shuffle(int[] a, Random r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static float[] flatten(float[][] rows) {
        float[] flat = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * rows[0].length, rows[0].length);
        }
        return flat;
    }
}
