package dev.loupe.learn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.loupe.core.compose.ComposerFile;
import dev.loupe.datasets.FashionMnist;
import dev.loupe.learn.data.FashionGlosses;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GarmentEncoderTest {
    @Test
    void learnsGarmentsFromAFewHundredImages(@TempDir Path dir) {
        Path data = FashionMnist.defaultFolder();
        FashionMnist train = FashionMnist.read(data, true).head(Integer.getInteger("garment.train", 600));
        FashionMnist test = FashionMnist.read(data, false).head(500);
        TextEmbedding text = HashedWordEmbedding.create(64);
        GarmentEncoderConfig c = GarmentEncoderConfig.defaults().withEpochs(Integer.getInteger("garment.epochs", 8))
                .withSize(8, 32);
        try (NDManager m = Torch.newManager(1)) {
            GarmentEncoderTrainer.Result r = GarmentEncoderTrainer.train(m, train.images(train.size()), train.labels(),
                    text.space(), text.embed(FashionGlosses.GLOSSES), c, Progress.NONE);
            double acc = GarmentEncoderTrainer.accuracy(r.encoder(), test.images(test.size()), test.labels());
            System.out.printf("garment encoder: %d images, %.1f s, train %.3f, test %.3f, loss %.3f -> %.3f%n",
                    train.size(), r.seconds(), r.trainAccuracy(), acc, r.losses().head(0.1), r.losses().tail(0.1));
            assertTrue(r.losses().tail(0.1) < 0.7 * r.losses().head(0.1));
            assertTrue(acc > 0.5, "test accuracy " + acc + " (chance 0.1)");
            float[][] v = r.encoder().encode(test.images(3));
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
