package dev.loupe.lab.classify;

import dev.loupe.core.Model;
import dev.loupe.datasets.FashionMnist;
import dev.loupe.engine.LoupeHome;
import dev.loupe.engine.ModelLoader;
import dev.loupe.models.store.ProgressListener;

import java.nio.file.Path;

/**
 * Fills the embedding cache of both Fashion-MNIST splits (inverted rendering) ahead of an evaluation, printing
 * progress; resumable. Run: {@code java -cp <test classpath> dev.loupe.lab.classify.EmbedAll DATA_DIR CACHE_DIR}.
 */
public final class EmbedAll {
    private EmbedAll() {
    }

    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        Path cache = Path.of(args[1]);
        try (Model model = new ModelLoader(LoupeHome.fromEnvironment(System.getenv()), System::getenv)
                .open(ModelLoader.BUILTIN, 2, ProgressListener.NONE)) {
            DatasetEmbedder e = new DatasetEmbedder(model, cache, true, 32);
            for (boolean train : new boolean[] {false, true}) {
                FashionMnist split = FashionMnist.read(data, train);
                long t0 = System.nanoTime();
                e.embed(split, split.size(), done -> {
                    if (done % 1000 == 0) {
                        System.out.printf("%s %d/%d %.0f s%n", split.split(), done, split.size(), (System.nanoTime() - t0) / 1e9);
                    }
                });
            }
        }
    }
}
