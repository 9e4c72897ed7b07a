package dev.loupe.lab.classify;

import ai.djl.ndarray.NDManager;
import dev.loupe.classify.Progress;
import dev.loupe.datasets.FashionMnist;
import dev.loupe.learn.data.FashionGlosses;
import dev.loupe.learn.train.GarmentEncoderConfig;
import dev.loupe.learn.train.GarmentEncoderTrainer;
import dev.loupe.learn.train.Torch;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The learner behind {@code loupe-lab eval classify --features learned...}: loupe-learn's garment CNN trained on the
 * labelled training images with a DeViSE-style objective into the builtin model's text (semantic) space, whose
 * class vectors are the sentence encoder's vectors of the class descriptions ({@link FashionGlosses}). Its output
 * is an image+text embedding: an image vector trained to point at its class's text vector. Training uses one
 * PyTorch thread (see {@link Torch}); the evaluation's {@code --threads} only drive the classifiers.
 */
public final class GarmentFeatureLearner implements FeatureLearner {
    static final String SPACE = "learned";

    private final GarmentEncoderConfig config;
    private final float[][] labelVectors;

    public GarmentFeatureLearner(Setup setup) {
        this(setup, GarmentEncoderConfig.defaults());
    }

    GarmentFeatureLearner(Setup setup, GarmentEncoderConfig base) {
        GarmentEncoderConfig c = base.withSeed(setup.seed());
        this.config = setup.epochs() > 0 ? c.withEpochs(setup.epochs()) : c;
        this.labelVectors = FashionGlosses.GLOSSES.stream().map(setup.text()).toArray(float[][]::new);
    }

    @Override
    public String space() {
        return SPACE;
    }

    @Override
    public int dimension() {
        return labelVectors[0].length;
    }

    @Override
    public String fingerprint() {
        // the label vectors stand for the text encoder: another model gives other vectors, hence another cache
        return "garment-cnn " + config.describe() + " labels=" + Arrays.deepHashCode(labelVectors);
    }

    @Override
    public Encoder fit(FashionMnist train, int count, Progress progress) {
        NDManager m = Torch.newManager(config.seed());
        try {
            List<byte[]> images = train.images(count);
            int[] labels = Arrays.copyOf(train.labels(), count);
            boolean[] started = {false};
            GarmentEncoderTrainer.Result r = GarmentEncoderTrainer.train(m, images, labels, "semantic", labelVectors,
                    config, (step, total, loss) -> {
                        if (!started[0]) {
                            progress.started("Training learned encoder", total);
                            started[0] = true;
                        }
                        progress.advanced(1);
                    });
            progress.finished();
            return new Trained(m, r, config);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    private record Trained(NDManager manager, GarmentEncoderTrainer.Result result, GarmentEncoderConfig config)
            implements Encoder {
        @Override
        public float[][] encode(FashionMnist split, int count) {
            return result.encoder().encode(split.images(count));
        }

        @Override
        public void save(Path file) {
            result.encoder().toFile("fashion-mnist", Map.of("train accuracy", result.trainAccuracy(),
                    "train seconds", result.seconds()), Map.of("config", config.describe())).save(file);
        }

        @Override
        public double seconds() {
            return result.seconds();
        }

        @Override
        public void close() {
            manager.close();
        }
    }
}
