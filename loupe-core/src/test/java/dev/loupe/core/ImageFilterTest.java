package dev.loupe.core;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageFilterTest {
    private static ImageRecord image(String id, String path, long size, long mtime, int w, int h, long taken) {
        return new ImageRecord(id, path, size, mtime, "hash-" + id, w, h, taken);
    }

    private static final ImageRecord A = image("a", "/photos/2024/a.jpg", 2_000, 1_000, 800, 600, -1);
    private static final ImageRecord B = image("b", "/photos/2024-old/b.jpg", 50_000, 1_000, 4000, 3000, 5_000);

    @Test
    void labelAndIdPartsMustAllHold() {
        assertTrue(ImageFilter.NONE.test(A, Map.of()));
        assertTrue(ImageFilter.NONE.isNone());
        ImageFilter cats = ImageFilter.NONE.withLabels(List.of("cat", "kitten"), 0.5f);
        assertTrue(cats.test(A, Map.of("kitten", 0.5f)));
        assertFalse(cats.test(A, Map.of("kitten", 0.49f)));
        assertFalse(cats.test(A, Map.of("dog", 0.9f)));
        assertTrue(cats.needsLabels());
        assertTrue(ImageFilter.withIds(List.of("a", "b")).test(B, Map.of()));
        assertFalse(ImageFilter.withIds(List.of("a")).test(B, Map.of()));
        ImageFilter both = ImageFilter.withLabel("cat").withIdsOnly(Set.of("a"));
        assertTrue(both.test(A, Map.of("cat", 0.1f)));
        assertFalse(both.test(B, Map.of("cat", 0.1f)));
    }

    @Test
    void aModelsLabelsCountFromItsOwnThresholdUpAndTheUsersFromTheAskedConfidence() {
        ImageFilter animals = ImageFilter.withLabel("animal").withMinModelConfidence(0.4f);
        assertTrue(animals.test(A, Map.of(), Map.of("animal", 0.4f)));
        assertFalse(animals.test(A, Map.of(), Map.of("animal", 0.39f)), "below the model's threshold: evidence only");
        assertTrue(animals.test(A, Map.of("animal", 0.1f), Map.of()), "the user's own label at any confidence");
        ImageFilter sure = animals.withLabels(List.of("animal"), 0.7f);
        assertEquals(0.7f, sure.modelLabelFloor());
        assertFalse(sure.test(A, Map.of(), Map.of("animal", 0.6f)), "the higher of the two thresholds");
        assertEquals(0.4f, animals.withLabels(List.of("animal"), 0.2f).modelLabelFloor());
        assertEquals(0.4f, animals.inFolder("/photos").datedIn(ImageFilter.Range.atLeast(0)).minModelConfidence(),
                "every with… keeps the model's threshold");
        assertThrows(IllegalArgumentException.class, () -> ImageFilter.NONE.withMinModelConfidence(1.5f));
    }

    @Test
    void namedLabelsScoreTheLeastProbabilityOfTheNamedLabelsBesideTheCosine() {
        NamedLabels dogAndHorse = new NamedLabels(List.of("dog", "horse"), 0.1f);
        assertEquals(0.3f, dogAndHorse.probability(Map.of("dog", 0.9f, "horse", 0.3f)), 1e-6f);
        assertEquals(0f, dogAndHorse.probability(Map.of("dog", 1f)), "a named label the image lacks counts 0");
        assertEquals(0.5f + 0.1f * 0.3f, dogAndHorse.score(0.5f, Map.of("dog", 0.9f, "horse", 0.3f)), 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> new NamedLabels(List.of(), 0.1f));
        assertThrows(IllegalArgumentException.class, () -> new NamedLabels(List.of("dog"), 0f));
        assertThrows(IllegalArgumentException.class, () -> new NamedLabels(List.of(" dog"), 0.1f));
    }

    @Test
    void aFolderMatchesItsOwnTreeOnlyNotASiblingWithTheSamePrefix() {
        ImageFilter in2024 = ImageFilter.NONE.inFolder("/photos/2024");
        assertEquals("/photos/2024/", in2024.folder());
        assertTrue(in2024.test(A, Map.of()));
        assertFalse(in2024.test(B, Map.of()), "/photos/2024-old is not inside /photos/2024");
        assertEquals("/photos/2024/", ImageFilter.NONE.inFolder("/photos/./2024/").folder());
        var e = assertThrows(IllegalArgumentException.class, () -> ImageFilter.NONE.inFolder("photos"));
        assertTrue(e.getMessage().contains("absolute"), e.getMessage());
    }

    @Test
    void theDateIsTheExifDateElseTheFileTime() {
        assertEquals(1_000, ImageFilter.dateOf(A));
        assertEquals(5_000, ImageFilter.dateOf(B));
        ImageFilter early = ImageFilter.NONE.datedIn(ImageFilter.Range.atMost(1_000));
        assertTrue(early.test(A, Map.of()));
        assertFalse(early.test(B, Map.of()), "B's EXIF date 5000 wins over its file time 1000");
        assertTrue(ImageFilter.NONE.datedIn(new ImageFilter.Range(5_000, 5_000)).test(B, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new ImageFilter.Range(2, 1));
    }

    @Test
    void sizeAndDimensionsAreInclusiveRanges() {
        ImageFilter big = ImageFilter.NONE.sized(ImageFilter.Range.atLeast(10_000), ImageFilter.Range.atLeast(4000),
                ImageFilter.Range.ALL);
        assertFalse(big.test(A, Map.of()));
        assertTrue(big.test(B, Map.of()));
        assertFalse(big.isNone());
    }

    @Test
    void badLabelsAndConfidencesAreRefusedWithTheirName() {
        assertThrows(IllegalArgumentException.class, () -> ImageFilter.withLabel(" cat"));
        assertThrows(IllegalArgumentException.class, () -> ImageFilter.NONE.withLabels(List.of("cat"), 1.5f));
        var e = assertThrows(IllegalArgumentException.class, () -> Labels.checkAll(Map.of("dog", Float.NaN)));
        assertTrue(e.getMessage().contains("'dog'"), e.getMessage());
        assertEquals(0f, Labels.checkAll(Map.of("x", -0f)).get("x"));
        assertEquals(Float.floatToIntBits(0f), Float.floatToIntBits(Labels.checkAll(Map.of("x", -0f)).get("x")));
    }
}
