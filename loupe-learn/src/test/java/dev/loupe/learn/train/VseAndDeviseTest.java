package dev.loupe.learn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.loupe.core.compose.Composer;
import dev.loupe.core.compose.ComposerFile;
import dev.loupe.datasets.FashionMnist;
import dev.loupe.learn.data.ComposeData;
import dev.loupe.learn.experiment.Datasets;
import dev.loupe.learn.experiment.Scale;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VseAndDeviseTest {
    static final Path FMNIST = FashionMnist.defaultFolder();

    @Test
    void vseLearnsAndBothAnalogyMeasuresBeatChance() {
        ComposeData data = Datasets.load("fashion-color", Scale.TINY, FMNIST, 1);
        ComposeConfig c = new ComposeConfig("tirg", Scale.TINY.steps, 32, 1e-3f, 64, 64, 64, 8, 1);
        try (NDManager m = Torch.newManager(1)) {
            VseTrainer.Result r = VseTrainer.train(m, data, c, 0.2f, Progress.NONE);
            assertTrue(r.losses().tail(0.1) < 0.6 * r.losses().head(0.1), r.losses().head(0.1) + " -> "
                    + r.losses().tail(0.1));
            double chance10 = 100.0 * 10 / data.gallery().length;
            assertTrue(r.metrics().get("sum R@10") > 3 * chance10, r.metrics() + " chance " + chance10);
            assertTrue(r.metrics().get("diff R@10") > 3 * chance10, r.metrics() + " chance " + chance10);
        }
    }

    @Test
    void analogyIsAlsoReportedPerModificationKind() {
        ComposeData data = Datasets.load("css-like", Scale.TINY, null, 1);
        ComposeConfig c = new ComposeConfig("tirg", 20, 16, 1e-3f, 32, 32, 32, 4, 1);
        try (NDManager m = Torch.newManager(1)) {
            var metrics = VseTrainer.train(m, data, c, 0.2f, Progress.NONE).metrics();
            for (String kind : new String[] {"add", "remove", "change"}) {
                assertTrue(metrics.containsKey("sum R@1 " + kind) && metrics.containsKey("diff R@1 " + kind),
                        metrics.toString());
            }
        }
    }

    @Test
    void deviseRecognisesHeldOutClassesAndSavesAProjection(@TempDir Path dir) {
        DeviseConfig c = new DeviseConfig(3000, 1000, Scale.TINY.deviseClassifierSteps,
                Scale.TINY.deviseProjectionSteps, 64, 1e-3f, 64, 8, DeviseConfig.DEFAULT_HELD_OUT, 1);
        TextEmbedding text = HashedWordEmbedding.create(64);
        try (NDManager m = Torch.newManager(1)) {
            DeviseTrainer.Result r = DeviseTrainer.train(m, FashionMnist.read(FMNIST, true),
                    FashionMnist.read(FMNIST, false), c, text, Progress.NONE);
            assertTrue(r.classifierLosses().tail(0.1) < 0.6 * r.classifierLosses().head(0.1));
            assertTrue(r.projectionLosses().tail(0.1) < 0.8 * r.projectionLosses().head(0.1));
            assertTrue(r.metrics().get("seen accuracy") > 60, r.metrics().toString());
            // four held-out classes: chance hit@1 is 25 %
            assertTrue(r.metrics().get("zero-shot hit@1") > 35, r.metrics().toString());
            Path f = dir.resolve("devise.lcmp");
            r.projection().save(f);
            Composer proj = ComposerFile.load(f).projectionFor("learn_fashion_mnist", 64, "hashed_words", 64);
            assertEquals(64, proj.compose(new float[64], null).length);
        }
    }
}
