package dev.loupe.lab.classify;

import dev.loupe.core.ImageVectors;
import dev.loupe.core.Model;
import dev.loupe.datasets.FashionMnist;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Embeds every image of a Fashion-MNIST split with a model, through an {@link EmbeddingFile} cache: only images
 * not cached yet are embedded, so a second evaluation (or one resumed after a kill) costs no model time.
 *
 * @param model    the model (the builtin one for the published numbers)
 * @param cacheDir folder of the cache files
 * @param invert   feed dark garments on white (catalogue-like) instead of the dataset's white on black
 * @param batch    images per model call
 */
public record DatasetEmbedder(Model model, Path cacheDir, boolean invert, int batch) {
    /** Canvas and garment size: the ImageNet preprocessing resizes to 256 and centre-crops 224. */
    static final int CANVAS = 256;
    static final int GARMENT = 224;

    /** The cache file for a split: named by split, model and rendering, so nothing stale is ever reused. */
    public Path cacheFile(FashionMnist split) {
        String model = model().info().fingerprint().replaceAll("[^A-Za-z0-9._-]", "_");
        return cacheDir.resolve("fashion-mnist-" + split.split() + "-" + model + (invert ? "-inverted" : "") + ".f32");
    }

    /**
     * The vectors of images {@code 0..count-1} of {@code split}, by space; embeds what the cache lacks and
     * reports each embedded image to {@code progress} (with the number cached so far).
     */
    public Map<String, float[][]> embed(FashionMnist split, int count, IntConsumer progress) {
        if (count < 1 || count > split.size()) {
            throw new IllegalArgumentException("count must be 1.." + split.size() + " for the " + split.split()
                    + " split, got " + count);
        }
        String key = "fashion-mnist " + split.split() + " n=" + split.size() + " model=" + model.info().fingerprint()
                + " render=" + CANVAS + "/" + GARMENT + (invert ? " inverted" : "");
        EmbeddingFile file = EmbeddingFile.open(cacheFile(split), key, model.info().spaces(), split.size());
        int done = file.done();
        progress.accept(done);
        while (done < count) {
            int n = Math.min(batch, count - done);
            List<BufferedImage> images = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                images.add(split.render(done + i, CANVAS, GARMENT, invert));
            }
            List<ImageVectors> vectors = model.encodeImages(images);
            file.append(vectors);
            done += n;
            progress.accept(done);
        }
        return file.read(count);
    }
}
