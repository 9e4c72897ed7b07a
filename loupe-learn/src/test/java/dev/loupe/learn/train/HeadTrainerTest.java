package dev.loupe.learn.train;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.loupe.core.compose.ComposerFile;
import dev.loupe.learn.data.ComposeData;
import dev.loupe.learn.data.Images;
import dev.loupe.learn.experiment.Datasets;
import dev.loupe.learn.experiment.Scale;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A composer head trained on frozen vectors: the path by which a composer enters an existing space. */
class HeadTrainerTest {
    /** A fixed "image encoder": the image scaled to 8x8, RGB values as a 192-d vector. */
    static List<float[]> pixels(List<BufferedImage> images) {
        List<float[]> out = new ArrayList<>();
        for (BufferedImage img : images) {
            BufferedImage s = Images.resize(img, 8);
            float[] v = new float[192];
            for (int p = 0; p < 64; p++) {
                int rgb = s.getRGB(p % 8, p / 8);
                v[p * 3] = ((rgb >> 16) & 0xff) / 255f - 0.9f;
                v[p * 3 + 1] = ((rgb >> 8) & 0xff) / 255f - 0.9f;
                v[p * 3 + 2] = (rgb & 0xff) / 255f - 0.9f;
            }
            out.add(v);
        }
        return out;
    }

    @Test
    void trainsAHeadWhoseFileFitsOnlyItsSpace() {
        ComposeData data = Datasets.load("css-like", Scale.TINY, null, 1);
        FrozenEncoders enc = new FrozenEncoders("pixels", "pixels-8x8", HeadTrainerTest::pixels,
                HashedWordEmbedding.create(64));
        ComposeConfig c = new ComposeConfig("tirg", 300, 32, 2e-3f, 1, 1, 256, 1, 1);
        try (NDManager m = Torch.newManager(1)) {
            HeadTrainer.Result r = HeadTrainer.train(m, data, enc, c, Progress.NONE);
            assertTrue(r.losses().tail(0.1) < 0.75 * r.losses().head(0.1));
            double chance = 100.0 / data.gallery().length;
            double r1 = r.file().metadata().metrics().get("R@1");
            assertTrue(r1 > 10 * chance, "R@1 " + r1 + " chance " + chance);
            ComposerFile f = r.file();
            f.composerFor("pixels", 192, 64);
            assertThrows(IllegalArgumentException.class, () -> f.composerFor("semantic", 192, 64));
            assertThrows(IllegalArgumentException.class, () -> HeadTrainer.train(m, data, enc,
                    c.withMethod("relation"), Progress.NONE));
        }
    }
}
