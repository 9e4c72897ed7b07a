package dev.loupe.core.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextQueryTest {
    @Test
    void quotedPhrasesAreRequiredAndTheRestAreWords() {
        TextQuery q = TextQuery.parse("slides \"q3 revenue\" 2024");
        assertEquals(List.of("slides", "2024"), q.words());
        assertEquals(List.of("q3 revenue"), q.phrases());
        assertTrue(q.hasRequired());
        assertEquals("slides 2024 q3 revenue", q.plainText());
        assertEquals(List.of("open to the end"), TextQuery.parse("\u201Copen to the end").phrases());
        assertFalse(TextQuery.parse("bakery").hasRequired());
        assertTrue(TextQuery.parse("  \"\"  ").isEmpty());
    }

    @Test
    void matchesMarkTheirWords() {
        TextMatch m = new TextMatch(TextField.OCR, "FRESH BAKERY bread",
                List.of(new TextMatch.Span(6, 12), new TextMatch.Span(13, 18)));
        assertEquals("FRESH [BAKERY] [bread]", m.marked("[", "]"));
        assertEquals("ocr", TextField.OCR.key());
        assertEquals(OcrState.NO_TEXT, OcrState.ofKey("no-text"));
    }
}
