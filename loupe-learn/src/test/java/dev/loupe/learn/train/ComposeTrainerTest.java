package dev.loupe.learn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.loupe.core.compose.ComposerFile;
import dev.loupe.learn.data.ComposeData;
import dev.loupe.learn.experiment.Datasets;
import dev.loupe.learn.experiment.Scale;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every composer method learns on the tiny CSS-like preset: loss falls and retrieval beats chance widely. */
class ComposeTrainerTest {
    static ComposeData data;

    @TempDir
    Path dir;

    @BeforeAll
    static void generate() {
        data = Datasets.load("css-like", Scale.TINY, null, 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tirg", "concat", "image_only", "text_only", "film", "relation"})
    void learns(String method) {
        ComposeConfig c = new ComposeConfig(method, Scale.TINY.steps, 32, 1e-3f, 64, 64, 128, 8, 1);
        try (NDManager m = Torch.newManager(1)) {
            ComposeTrainer.Result r = ComposeTrainer.train(m, data, c, Progress.NONE);
            double first = r.losses().head(0.1);
            double last = r.losses().tail(0.1);
            assertTrue(last < 0.75 * first, method + ": loss " + first + " -> " + last);
            int gallery = data.gallery().length;
            Map<String, Double> metrics = r.metrics();
            if (method.equals("text_only")) {
                // the text alone cannot tell which scene it edits; it still narrows the candidates
                double chance10 = 100.0 * 10 / gallery;
                assertTrue(metrics.get("R@10") > 2 * chance10, method + ": " + metrics + " chance@10 " + chance10);
            } else {
                double chance1 = 100.0 / gallery;
                assertTrue(metrics.get("R@1") > 10 * chance1, method + ": " + metrics + " chance@1 " + chance1);
            }
            // the saved file's pure-Java composer reproduces the trained model's metrics
            Path f = dir.resolve(method + ".lcmp");
            r.model().toFile(data.name(), metrics).save(f);
            ComposerFile loaded = ComposerFile.load(f);
            assertEquals(method, loaded.metadata().method());
            assertEquals(metrics.get("R@1"), loaded.metadata().metrics().get("R@1"), 1e-9);
            assertEquals("learn_css_like", loaded.metadata().space());
        }
    }
}
