package dev.loupe.learn.train;

import ai.djl.ndarray.NDManager;
import dev.loupe.datasets.FashionMnist;
import dev.loupe.learn.data.FashionGlosses;
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
        FashionMnist train = FashionMnist.read(FashionMnist.defaultFolder(), true).head(Integer.getInteger("n", 6000));
        FashionMnist all = FashionMnist.read(FashionMnist.defaultFolder(), true);
        int plane = 784;
        FashionMnist test = new FashionMnist("validation", 28, 28, java.util.Arrays.copyOfRange(all.pixels(),
                50000 * plane, 60000 * plane), java.util.Arrays.copyOfRange(all.labels(), 50000, 60000)); // last 10k
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
            var r = GarmentEncoderTrainer.train(m, train.images(train.size()), train.labels(), text.space(),
                    labelVecs, c, Progress.NONE);
            System.out.println("BENCH " + c.describe() + " random=" + Boolean.getBoolean("randomlabels"));
            System.out.printf("BENCH n=%d w=%d threads=%s: %.1f s, train %.3f val %.3f%n", train.size(), c.width(),
                    System.getProperty("ai.djl.pytorch.num_threads"), r.seconds(), r.trainAccuracy(),
                    GarmentEncoderTrainer.accuracy(r.encoder(), test.images(test.size()), test.labels()));
        }
    }
}
