package dev.loupe.core.compose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposerFileTest {
    @TempDir
    Path dir;

    static Tensor t(String name, float[] data, int... shape) {
        return new Tensor(name, shape, data);
    }

    /** TIRG with image 2-d, text 1-d, hidden 2. */
    static ComposerFile tirg() {
        ComposerMetadata m = new ComposerMetadata(Composers.TIRG, "unit", "semantic", 2, 1, 2, "cnn", "lstm",
                Map.of("R@1", 0.5), Map.of());
        return new ComposerFile(m, List.of(
                t("gate1.weight", new float[] {1, 0, 0, 0, 1, 1}, 2, 3), t("gate1.bias", new float[] {0, 0}, 2),
                t("gate2.weight", new float[] {1, 0, 0, 1}, 2, 2), t("gate2.bias", new float[] {0, -1}, 2),
                t("res1.weight", new float[] {0, 0, 1, 0, 0, -1}, 2, 3), t("res1.bias", new float[] {0, 0}, 2),
                t("res2.weight", new float[] {1, 1, 2, 0}, 2, 2), t("res2.bias", new float[] {0.5f, 0}, 2),
                t("w_g", new float[] {2}, 1), t("w_r", new float[] {0.1f}, 1)));
    }

    @Test
    void tirgForwardMatchesHandComputation() {
        float[] x = {1, 2};
        float[] txt = {3};
        float[] out = tirg().composer().compose(x, txt);
        // c=[1,2,3]; gate1 -> [1, 5]; relu; gate2 -> [1, 4]; sigmoid -> s1, s2
        double s1 = 1 / (1 + Math.exp(-1));
        double s2 = 1 / (1 + Math.exp(-4));
        // res1 -> [3, -3]; relu -> [3, 0]; res2 -> [3.5, 6]
        assertEquals(2 * s1 * 1 + 0.1 * 3.5, out[0], 1e-6);
        assertEquals(2 * s2 * 2 + 0.1 * 6, out[1], 1e-6);
    }

    @Test
    void saveAndLoadKeepMetadataAndWeights() {
        Path f = dir.resolve("c.lcmp");
        ComposerFile original = tirg();
        original.save(f);
        ComposerFile loaded = ComposerFile.load(f);
        assertEquals(original.metadata(), loaded.metadata());
        assertEquals(original.tensors(), loaded.tensors());
        assertArrayEquals(original.composer().compose(new float[] {1, 2}, new float[] {3}),
                loaded.composer().compose(new float[] {1, 2}, new float[] {3}));
        assertEquals(0.5, loaded.metadata().metrics().get("R@1"));
    }

    @Test
    void refusesAnotherSpaceOrDimension() {
        ComposerFile f = tirg();
        f.composerFor("semantic", 2, 1);
        var e = assertThrows(IllegalArgumentException.class, () -> f.composerFor("visual", 2, 1));
        assertTrue(e.getMessage().contains("'semantic'") && e.getMessage().contains("'visual'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> f.composerFor("semantic", 512, 1));
        assertThrows(IllegalArgumentException.class, () -> f.composerFor("semantic", 2, 384));
    }

    @Test
    void refusesDamagedOrForeignFiles() throws Exception {
        Path f = dir.resolve("c.lcmp");
        tirg().save(f);
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length - 9));
        var e = assertThrows(IllegalArgumentException.class, () -> ComposerFile.load(f));
        assertTrue(e.getMessage().contains("damaged") && e.getMessage().contains(f.toString()), e.getMessage());
        Files.writeString(f, "hello world, not a composer");
        e = assertThrows(IllegalArgumentException.class, () -> ComposerFile.load(f));
        assertTrue(e.getMessage().contains("not a Loupe composer file"), e.getMessage());
    }

    @Test
    void refusesWeightsThatContradictTheMetadata() {
        ComposerMetadata m = new ComposerMetadata(Composers.FILM, "unit", "semantic", 3, 1, 3, "cnn", "lstm",
                Map.of(), Map.of());
        ComposerFile f = new ComposerFile(m, List.of(t("gamma.weight", new float[] {1, 2}, 2, 1),
                t("gamma.bias", new float[] {0, 0}, 2), t("beta.weight", new float[] {1, 2}, 2, 1),
                t("beta.bias", new float[] {0, 0}, 2)));
        var e = assertThrows(IllegalArgumentException.class, f::composer);
        assertTrue(e.getMessage().contains("metadata"), e.getMessage());
        ComposerFile missing = new ComposerFile(m, List.of());
        e = assertThrows(IllegalArgumentException.class, missing::composer);
        assertTrue(e.getMessage().contains("gamma.weight"), e.getMessage());
    }

    @Test
    void filmProjectionAndBaselines() {
        ComposerMetadata m = new ComposerMetadata(Composers.FILM, "unit", "semantic", 2, 1, 2, "cnn", "lstm",
                Map.of(), Map.of());
        ComposerFile film = new ComposerFile(m, List.of(t("gamma.weight", new float[] {1, 0}, 2, 1),
                t("gamma.bias", new float[] {0, 0}, 2), t("beta.weight", new float[] {0, 1}, 2, 1),
                t("beta.bias", new float[] {0, 0.5f}, 2)));
        assertArrayEquals(new float[] {3 * 2, 5 + 2.5f}, film.composer().compose(new float[] {2, 5}, new float[] {2}));
        ComposerMetadata pm = new ComposerMetadata(Composers.PROJECTION, "unit", "text", 2, 0, 1, "cnn", "words",
                Map.of(), Map.of("source.space", "visual"));
        ComposerFile proj = new ComposerFile(pm, List.of(t("proj.weight", new float[] {1, -1}, 1, 2),
                t("proj.bias", new float[] {1}, 1)));
        assertArrayEquals(new float[] {0}, proj.projectionFor("visual", 2, "text", 1).compose(new float[] {2, 3}, null));
        assertThrows(IllegalArgumentException.class, () -> proj.composerFor("text", 2, 0));
        assertThrows(IllegalArgumentException.class, () -> proj.projectionFor("semantic", 2, "text", 1));
        ComposerMetadata im = new ComposerMetadata(Composers.IMAGE_ONLY, "unit", "s", 2, 1, 2, "cnn", "lstm",
                Map.of(), Map.of());
        assertArrayEquals(new float[] {2, 3}, new ComposerFile(im, List.of()).composer()
                .compose(new float[] {2, 3}, new float[] {9}));
    }

    @Test
    void relationAveragesPairsOverTheGrid() {
        // 1x1 grid, 1 channel: one object [f, 0, 0]; pair input [f,0,0,f,0,0,t]
        ComposerMetadata m = new ComposerMetadata(Composers.RELATION, "unit", "s", 1, 1, 1, "cnn", "lstm",
                Map.of(), Map.of("relation.grid", "1", "relation.channels", "1"));
        float[] g1 = {1, 0, 0, 1, 0, 0, 1};
        ComposerFile f = new ComposerFile(m, List.of(t("g1.weight", g1, 1, 7), t("g1.bias", new float[] {0}, 1),
                t("g2.weight", new float[] {2}, 1, 1), t("g2.bias", new float[] {0}, 1),
                t("f1.weight", new float[] {1}, 1, 1), t("f1.bias", new float[] {0}, 1),
                t("f2.weight", new float[] {3}, 1, 1), t("f2.bias", new float[] {1}, 1)));
        // g1 -> 2f + t = 2*2+1 = 5; g2 -> 10; f1 -> 10; f2 -> 31
        assertArrayEquals(new float[] {31}, f.composer().compose(new float[] {2}, new float[] {1}));
    }
}
