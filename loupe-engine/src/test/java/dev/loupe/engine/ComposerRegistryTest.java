package dev.loupe.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.core.ModelInfo;
import dev.loupe.core.Space;
import dev.loupe.core.compose.ComposerFile;
import dev.loupe.core.compose.ComposerMetadata;
import dev.loupe.core.compose.Composers;
import dev.loupe.core.compose.Tensor;
import dev.loupe.core.query.Term;
import dev.loupe.index.LuceneBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The composers kept with an index: registered by name, listed, loaded, refused for another model. */
class ComposerRegistryTest {
    private static final ModelInfo MODEL = new ModelInfo("m", "1", List.of(new Space("semantic", 2)), "semantic");

    @TempDir
    Path tmp;

    /** A text-only composer that maps text (x, y) to (2y, x): easy to tell from the weighted sum. */
    private static ComposerFile swap(String encoder) {
        var meta = new ComposerMetadata(Composers.TEXT_ONLY, "test", "semantic", 2, 2, 2, encoder, "semantic",
                Map.of("R@10", 90.0, "R@1", 50.0, "sum R@1", 5.0, "R@5", 70.0), Map.of());
        return new ComposerFile(meta, List.of(new Tensor("proj.weight", new int[] {2, 2}, new float[] {0, 2, 1, 0}),
                new Tensor("proj.bias", new int[] {2}, new float[2])));
    }

    @Test
    void registersListsAndLoadsByName() throws Exception {
        ComposerRegistry r = ComposerRegistry.of(new LuceneBackend(tmp.resolve("index")), MODEL);
        assertEquals(List.of(), r.list());
        Path file = r.register("colours", swap(MODEL.fingerprint()), false);
        assertEquals(tmp.resolve("index").resolve("composers").resolve("colours.lcmp"), file);
        assertEquals(List.of("colours"), r.names());
        assertEquals("text_only", r.list().get(0).summary().get("method"));
        assertEquals(List.of("R@1", "R@5", "R@10", "sum R@1"), List.copyOf(((Map<?, ?>) r.list().get(0).summary()
                .get("metrics")).keySet()));
        float[] out = r.load("colours").compose(List.of(Term.of(Term.Kind.IMAGE_PATH, "a.jpg", Term.Role.BASE),
                Term.of(Term.Kind.TEXT, "red", Term.Role.BASE)),
                List.of(new float[] {1, 0}, new float[] {0.6f, 0.8f}));
        assertArrayEquals(new float[] {1.6f, 0.6f}, out, 1e-6f);
        var taken = assertThrows(IllegalArgumentException.class,
                () -> r.register("colours", swap(MODEL.fingerprint()), false));
        assertTrue(taken.getMessage().contains("--force"), taken.getMessage());
        r.register("colours", swap(MODEL.fingerprint()), true);
        var unknown = assertThrows(IllegalArgumentException.class, () -> r.resolve("nope"));
        assertTrue(unknown.getMessage().contains("registered: colours"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> r.register("../escape", swap(MODEL.fingerprint()), false));
        assertFalse(r.contains("../colours"));
    }

    @Test
    void refusesAComposerOfAnotherModelAndListsDamagedFilesWithTheirError() throws Exception {
        ComposerRegistry r = ComposerRegistry.of(new LuceneBackend(tmp.resolve("index")), MODEL);
        var other = assertThrows(IllegalArgumentException.class, () -> r.register("x", swap("clip@2"), false));
        assertTrue(other.getMessage().contains("clip@2") && other.getMessage().contains("m@1"), other.getMessage());
        Files.createDirectories(tmp.resolve("index").resolve("composers"));
        Files.writeString(tmp.resolve("index").resolve("composers").resolve("broken.lcmp"), "not a composer");
        ComposerRegistry.Entry e = r.list().get(0);
        assertEquals("broken", e.name());
        assertFalse(e.usable());
        assertTrue(e.error().contains("not a Loupe composer file"), e.error());
        assertEquals(List.of(), r.names());
        // an index that is no folder has no registry
        assertEquals(List.of(), new ComposerRegistry(null, MODEL).list());
    }
}
