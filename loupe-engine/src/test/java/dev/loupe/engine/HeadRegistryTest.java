package dev.loupe.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.core.ModelInfo;
import dev.loupe.core.Space;
import dev.loupe.core.compose.ComposerFile;
import dev.loupe.core.compose.ComposerMetadata;
import dev.loupe.core.compose.Tensor;
import dev.loupe.core.compose.TextImageHead;
import dev.loupe.index.LuceneBackend;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text→image heads kept with an index: in their own folder, loaded by name, refused for another model or space. */
class HeadRegistryTest {
    private static final ModelInfo MODEL = new ModelInfo("m", "1", List.of(new Space("visual", 3),
            new Space("semantic", 2)), "semantic");

    @TempDir
    Path tmp;

    /** DeViSE from 3-d visual vectors to the 2-d text space: (a, b, c) → (c, a). */
    private static ComposerFile devise(String encoder, String source, int imageDim) {
        var meta = new ComposerMetadata(TextImageHead.DEVISE, "test", "semantic", imageDim, 2, 2, encoder, "semantic",
                Map.of("R@1", 60.0, "index R@1", 20.0, "R@5", 90.0), Map.of(TextImageHead.SOURCE_SPACE, source));
        float[] w = new float[2 * imageDim];
        w[imageDim - 1] = 1;
        w[imageDim] = 1;
        return new ComposerFile(meta, List.of(new Tensor("image.weight", new int[] {2, imageDim}, w),
                new Tensor("image.bias", new int[] {2}, new float[2])));
    }

    @Test
    void registersHeadsApartFromComposersAndLoadsThem() {
        ComposerRegistry heads = ComposerRegistry.of(ComposerRegistry.Kind.HEAD,
                new LuceneBackend(tmp.resolve("index")), MODEL);
        Path file = heads.register("classes", devise(MODEL.fingerprint(), "visual", 3), false);
        assertEquals(tmp.resolve("index").resolve("heads").resolve("classes.lcmp"), file);
        assertEquals(List.of(), ComposerRegistry.of(new LuceneBackend(tmp.resolve("index")), MODEL).names());
        assertEquals(List.of("R@1", "R@5", "index R@1"), List.copyOf(((Map<?, ?>) heads.list().get(0).summary()
                .get("metrics")).keySet()));
        TextImageHead head = heads.head("classes");
        float[] q = head.query(new float[] {0, 2});
        assertArrayEquals(new float[] {0, 1}, q, 1e-6f);
        // (1, 0, 0) projects onto (0, 1): the query's direction; (0, 0, 1) onto (1, 0): orthogonal to it
        assertEquals(1f, head.score(q, new float[] {1, 0, 0}), 1e-6f);
        assertEquals(0f, head.score(q, new float[] {0, 0, 1}), 1e-6f);
        assertArrayEquals(new float[] {1, 0, 0}, head.direction(q), 1e-6f);
        var unknown = assertThrows(IllegalArgumentException.class, () -> heads.head("nope"));
        assertTrue(unknown.getMessage().contains("no head named 'nope'")
                && unknown.getMessage().contains("registered: classes")
                && unknown.getMessage().contains("train head"), unknown.getMessage());
    }

    @Test
    void refusesAHeadOfAnotherModelOrSpace() {
        ComposerRegistry heads = ComposerRegistry.of(ComposerRegistry.Kind.HEAD,
                new LuceneBackend(tmp.resolve("index")), MODEL);
        var model = assertThrows(IllegalArgumentException.class,
                () -> heads.register("x", devise("clip@2", "visual", 3), false));
        assertTrue(model.getMessage().contains("clip@2") && model.getMessage().contains("m@1"), model.getMessage());
        var space = assertThrows(IllegalArgumentException.class,
                () -> heads.register("x", devise(MODEL.fingerprint(), "visual", 4), false));
        assertTrue(space.getMessage().contains("4-d vectors of space 'visual'"), space.getMessage());
        var composer = assertThrows(IllegalArgumentException.class, () -> ComposerRegistry.of(
                new LuceneBackend(tmp.resolve("index")), MODEL).register("x", devise(MODEL.fingerprint(), "visual", 3),
                false));
        assertTrue(composer.getMessage().contains("devise"), composer.getMessage());
    }
}
