package dev.loupe.core;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageFilterTest {
    @Test
    void labelAndIdPartsMustAllHold() {
        assertTrue(ImageFilter.NONE.test("a", Map.of()));
        ImageFilter cats = ImageFilter.withLabel(List.of("cat", "kitten"), 0.5f);
        assertTrue(cats.test("a", Map.of("kitten", 0.5f)));
        assertFalse(cats.test("a", Map.of("kitten", 0.49f)));
        assertFalse(cats.test("a", Map.of("dog", 0.9f)));
        assertTrue(ImageFilter.withIds(List.of("a", "b")).test("b", Map.of()));
        assertFalse(ImageFilter.withIds(List.of("a", "b")).test("c", Map.of()));
        ImageFilter both = new ImageFilter(java.util.Set.of("cat"), 0f, java.util.Set.of("a"));
        assertTrue(both.test("a", Map.of("cat", 0.1f)));
        assertFalse(both.test("b", Map.of("cat", 0.1f)));
    }

    @Test
    void badLabelsAndConfidencesAreRefusedWithTheirName() {
        assertThrows(IllegalArgumentException.class, () -> ImageFilter.withLabel(" cat"));
        assertThrows(IllegalArgumentException.class, () -> ImageFilter.withLabel(List.of("cat"), 1.5f));
        var e = assertThrows(IllegalArgumentException.class, () -> Labels.checkAll(Map.of("dog", Float.NaN)));
        assertTrue(e.getMessage().contains("'dog'"), e.getMessage());
        assertEquals(0f, Labels.checkAll(Map.of("x", -0f)).get("x"));
        assertEquals(Float.floatToIntBits(0f), Float.floatToIntBits(Labels.checkAll(Map.of("x", -0f)).get("x")));
    }
}
