package dev.loupe.learn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.loupe.core.compose.ComposerFile;
import dev.loupe.learn.data.FashionGlosses;
import dev.loupe.learn.data.FashionMnist;
import dev.loupe.learn.experiment.Datasets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GarmentEncoderTest {
    static List<byte[]> images(FashionMnist f) {
        List<byte[]> out = new ArrayList<>();
        int plane = f.rows() * f.cols();
        for (int i = 0; i < f.count(); i++) {
            out.add(java.util.Arrays.copyOfRange(f.pixels(), i * plane, (i + 1) * plane));
        }
        return out;
    }

    @Test
    void learnsGarmentsFromAFewHundredImages(@TempDir Path dir) {
        Path data = Datasets.defaultFashionMnist();
        FashionMnist train = FashionMnist.load(data, true).head(Integer.getInteger("garment.train", 600));
        FashionMnist test = FashionMnist.load(data, false).head(500);
        TextEmbedding text = HashedWordEmbedding.create(64);
        GarmentEncoderConfig c = GarmentEncoderConfig.defaults().withEpochs(Integer.getInteger("garment.epochs", 8))
                .withSize(8, 32);
        try (NDManager m = Torch.newManager(1)) {
            GarmentEncoderTrainer.Result r = GarmentEncoderTrainer.train(m, images(train), train.labels(),
                    text.space(), text.embed(FashionGlosses.GLOSSES), c, Progress.NONE);
            double acc = GarmentEncoderTrainer.accuracy(r.encoder(), images(test), test.labels());
            System.out.printf("garment encoder: %d images, %.1f s, train %.3f, test %.3f, loss %.3f -> %.3f%n",
                    train.count(), r.seconds(), r.trainAccuracy(), acc, r.losses().head(0.1), r.losses().tail(0.1));
            assertTrue(r.losses().tail(0.1) < 0.7 * r.losses().head(0.1));
            assertTrue(acc > 0.5, "test accuracy " + acc + " (chance 0.1)");
            float[][] v = r.encoder().encode(images(test).subList(0, 3));
            assertEquals(64, v[0].length);
            double norm = 0;
            for (float x : v[0]) {
                norm += x * x;
            }
            assertEquals(1, norm, 1e-4);
            Path f = dir.resolve("garment.lcmp");
            r.encoder().toFile("fashion-mnist", java.util.Map.of(), java.util.Map.of()).save(f);
            assertTrue(ComposerFile.load(f).tensors().containsKey("encoder.image.bn1.running_mean"));
        }
    }
}
