package dev.loupe.core.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.core.query.Term.Kind;
import dev.loupe.core.query.Term.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TermTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "red|red|1.0",
        "2:snow|snow|2.0",
        "0.5:sand|sand|0.5",
        "' 2 : snow '|snow|2.0",
        ".25:fog|fog|0.25",
        "1e1:rain|rain|10.0",
        "+3:sun|sun|3.0",
        "note: red|note: red|1.0",
        "1:12:30|12:30|1.0",
        "a dog on grass|a dog on grass|1.0",
    })
    void parsesWeightPrefixOnlyWhenItIsANumber(String text, String value, float weight) {
        Term t = Term.parse(Kind.TEXT, Role.PLUS, text);
        assertEquals(value, t.value());
        assertEquals(weight, t.weight());
        assertEquals(Kind.TEXT, t.kind());
        assertEquals(Role.PLUS, t.role());
    }

    @Test
    void emptyTermAfterWeightIsOneClearLine() {
        QueryParseException e = assertThrows(QueryParseException.class, () -> Term.parse(Kind.TEXT, Role.PLUS, "2:"));
        assertEquals("2:", e.offendingText());
        assertTrue(e.getMessage().contains("\"2:\"") && e.getMessage().contains("nothing after"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
        assertThrows(QueryParseException.class, () -> Term.parse(Kind.TEXT, Role.PLUS, "0.5:   "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void blankTermIsRefused(String text) {
        QueryParseException e = assertThrows(QueryParseException.class, () -> Term.parse(Kind.TEXT, Role.MINUS, text));
        assertEquals(text, e.offendingText());
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void negativeWeightPointsToMinus() {
        QueryParseException e = assertThrows(QueryParseException.class,
                () -> Term.parse(Kind.TEXT, Role.PLUS, "-1:red"));
        assertTrue(e.getMessage().contains("negative") && e.getMessage().contains("--minus"), e.getMessage());
        assertEquals("-1:red", e.offendingText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0:red", "0.0:red", "1e-50:red"})
    void zeroWeightIsRefused(String text) {
        QueryParseException e = assertThrows(QueryParseException.class, () -> Term.parse(Kind.TEXT, Role.PLUS, text));
        assertTrue(e.getMessage().contains("zero"), e.getMessage());
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"nan:red", "NaN:red", "inf:red", "-Infinity:red"})
    void nonFiniteWeightIsRefused(String text) {
        QueryParseException e = assertThrows(QueryParseException.class, () -> Term.parse(Kind.TEXT, Role.PLUS, text));
        assertTrue(e.getMessage().contains("finite") || e.getMessage().contains("negative"), e.getMessage());
    }

    @Test
    void weightTooLargeForAFloatIsRefused() {
        QueryParseException e = assertThrows(QueryParseException.class,
                () -> Term.parse(Kind.TEXT, Role.PLUS, "1e40:red"));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }

    @Test
    void constructorChecksWeightAndValue() {
        assertThrows(QueryParseException.class, () -> new Term(Kind.TEXT, "red", 0f, Role.PLUS));
        assertThrows(QueryParseException.class, () -> new Term(Kind.TEXT, "red", -2f, Role.PLUS));
        assertThrows(QueryParseException.class, () -> new Term(Kind.TEXT, "red", Float.NaN, Role.PLUS));
        assertThrows(QueryParseException.class, () -> new Term(Kind.TEXT, "red", Float.POSITIVE_INFINITY, Role.PLUS));
        assertThrows(QueryParseException.class, () -> new Term(Kind.IMAGE_PATH, " ", 1f, Role.BASE));
    }

    @Test
    void signAndDisplayComeFromTheRole() {
        Term minus = Term.parse(Kind.TEXT, Role.MINUS, "2:blue");
        assertEquals(-1, minus.sign());
        assertEquals(-2f, minus.signedWeight());
        assertEquals("\u22122\u00d7'blue'", minus.toString());
        assertEquals("+'red'", Term.parse(Kind.TEXT, Role.PLUS, "red").toString());
        assertEquals("[car.jpg]", Term.of(Kind.IMAGE_PATH, "car.jpg", Role.BASE).toString());
        assertEquals("[#ab12]", Term.of(Kind.IMAGE_ID, "ab12", Role.BASE).toString());
        assertEquals(1, Term.of(Kind.IMAGE_ID, "ab12", Role.BASE).sign());
    }

    @Test
    void imageTermsParseTooAndKeepPathsWithColons() {
        Term t = Term.parse(Kind.IMAGE_PATH, Role.PLUS, "0.5:/photos/a:b.jpg");
        assertEquals("/photos/a:b.jpg", t.value());
        assertEquals(0.5f, t.weight());
        assertEquals("C:/photos/x.jpg", Term.parse(Kind.IMAGE_PATH, Role.BASE, "C:/photos/x.jpg").value());
    }
}
