package dev.loupe.learn.train;

import ai.djl.ndarray.NDManager;
import dev.loupe.learn.data.FashionGlosses;
import dev.loupe.learn.data.FashionMnist;
import dev.loupe.learn.experiment.Datasets;
import org.junit.jupiter.api.Test;

/**
 * Tuning probe (not run by the build: the name matches no surefire pattern) for the garment encoder, on the
 * training split only: trains on the first 50,000 training images and reports the nearest-class-vector accuracy on
 * the last 10,000. Settings by system property: n, e (epochs), w (width), scale, dropout, noaug, randomlabels
 * (random 384-d class vectors instead of hashed words). Run e.g.
 * {@code bin/mvn -B -o -pl loupe-learn surefire:test -Dtest=GarmentBench -Dn=50000 -De=5}.
 */
class GarmentBench {
    @Test
    void bench() {
        FashionMnist train = FashionMnist.load(Datasets.defaultFashionMnist(), true).head(Integer.getInteger("n", 6000));
        FashionMnist all = FashionMnist.load(Datasets.defaultFashionMnist(), true);
        int plane = 784;
        FashionMnist test = new FashionMnist(10000, 28, 28, java.util.Arrays.copyOfRange(all.pixels(), 50000 * plane,
                60000 * plane), java.util.Arrays.copyOfRange(all.labels(), 50000, 60000)); // validation: last 10k of train
        TextEmbedding text = HashedWordEmbedding.create(64);
        GarmentEncoderConfig d = GarmentEncoderConfig.defaults();
        GarmentEncoderConfig c = new GarmentEncoderConfig(Integer.getInteger("e", 1), d.batch(), d.lr(),
                Integer.getInteger("w", 32), 256, Float.parseFloat(System.getProperty("scale", "16")),
                Float.parseFloat(System.getProperty("dropout", "0.3")), !Boolean.getBoolean("noaug"), d.seed());
        float[][] labelVecs = text.embed(FashionGlosses.GLOSSES);
        if (Boolean.getBoolean("randomlabels")) {
            java.util.Random r = new java.util.Random(7);
            labelVecs = new float[10][384];
            for (float[] v : labelVecs) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) r.nextGaussian();
                }
            }
        }
        try (NDManager m = Torch.newManager(1)) {
            var r = GarmentEncoderTrainer.train(m, GarmentEncoderTest.images(train), train.labels(), text.space(),
                    labelVecs, c, Progress.NONE);
            System.out.println("BENCH " + c.describe() + " random=" + Boolean.getBoolean("randomlabels"));
            System.out.printf("BENCH n=%d w=%d threads=%s: %.1f s, train %.3f val %.3f%n", train.count(), c.width(),
                    System.getProperty("ai.djl.pytorch.num_threads"), r.seconds(), r.trainAccuracy(),
                    GarmentEncoderTrainer.accuracy(r.encoder(), GarmentEncoderTest.images(test), test.labels()));
        }
    }
}
