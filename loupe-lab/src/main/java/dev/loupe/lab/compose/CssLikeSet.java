package dev.loupe.lab.compose;

import dev.loupe.engine.Loupe;
import dev.loupe.learn.data.AttributePairs;
import dev.loupe.learn.data.ComposeQuery;
import dev.loupe.learn.data.CssGenerator;
import dev.loupe.learn.data.CssRenderer;
import dev.loupe.learn.data.CssScene;
import dev.loupe.learn.data.FrozenTriplets;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * CSS-like scene edits (after Vo et al., CVPR 2019, drawn in 2D by {@link CssRenderer}) written as files large
 * enough for the product's model (224 px): {@code scenes} random reference scenes, each with {@code edits}
 * modifications ("add large red circle to top-left", "remove …", "make top-left red object blue") and the scene
 * each leads to. A scene drawn twice is one file. The edits are kept with their removed and added object phrases
 * (for the zero-shot diff); {@link #examples} maps them onto the index's vectors.
 *
 * @param images the folder the scenes were written into
 * @param edits  every edit, by file name
 */
public record CssLikeSet(Path images, List<Edit> edits) {
    /** One modification: reference file, text, target file, kind and the object phrases removed and added. */
    public record Edit(String reference, String text, String target, String kind, String removed, String added) {
    }

    /** Draws and writes the set into {@code dir/images}. */
    public static CssLikeSet write(int scenes, int edits, int size, long seed, Path dir) {
        if (scenes < 5 || edits < 1) {
            throw new IllegalArgumentException("css-like: need at least 5 scenes and 1 edit per scene; got " + scenes
                    + " and " + edits);
        }
        Random rnd = new Random(seed);
        CssRenderer renderer = new CssRenderer(size);
        Map<String, String> files = new HashMap<>();
        List<Edit> out = new ArrayList<>();
        try {
            Path images = Files.createDirectories(dir.resolve("images"));
            for (int s = 0; s < scenes; s++) {
                CssScene scene = CssGenerator.randomScene(rnd);
                String ref = file(scene, files, renderer, images);
                for (int e = 0; e < edits; e++) {
                    CssGenerator.Modification m = CssGenerator.modify(scene, rnd);
                    out.add(new Edit(ref, m.text(), file(m.result(), files, renderer, images), m.kind(), m.removed(),
                            m.added()));
                }
            }
            return new CssLikeSet(images, List.copyOf(out));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the css-like set into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Distinct scenes written. */
    public long files() {
        return edits.stream().flatMap(e -> java.util.stream.Stream.of(e.reference(), e.target())).distinct().count();
    }

    /**
     * The edits as queries on the session's index: the gallery is every indexed image, each scene file its own
     * answer; a {@code heldOut} fraction of the reference scenes (with all their edits) is held out.
     */
    public FrozenTriplets examples(Loupe loupe, double heldOut, long seed) {
        IndexVectors index = IndexVectors.read(loupe.index(), loupe.index().model().textSpace());
        List<AttributePairs.Mined> all = new ArrayList<>();
        for (Edit e : edits) {
            all.add(new AttributePairs.Mined(new ComposeQuery(find(index, e.reference()), e.text(),
                    find(index, e.target()), e.kind(), e.removed(), e.added()), e.reference()));
        }
        int[] keys = new int[index.count()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = i;
        }
        return ComposerExamples.split("css-like", index, keys, all, heldOut, seed, edits.size() + " edits");
    }

    private int find(IndexVectors index, String file) {
        int i = index.find(images, file);
        if (i < 0) {
            throw new IllegalStateException("css-like: " + images.resolve(file) + " was written but is not indexed");
        }
        return i;
    }

    private static String file(CssScene scene, Map<String, String> files, CssRenderer renderer, Path images)
            throws IOException {
        String known = files.get(scene.key());
        if (known != null) {
            return known;
        }
        String name = String.format(Locale.ROOT, "scene-%05d.png", files.size());
        files.put(scene.key(), name);
        Path out = images.resolve(name);
        ImageIO.write(renderer.render(scene), "png", out.toFile());
        return name;
    }
}
