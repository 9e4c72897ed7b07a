package dev.loupe.core.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.core.query.Term.Kind;
import dev.loupe.core.query.Term.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryExprTest {

    @Test
    void analogyFromAnImageKeepsDiff() {
        QueryExpr q = QueryExpr.imagePath("blue-car.jpg").minus("blue").plus("red").withMeasure(Measure.DIFF);
        assertEquals(Measure.DIFF, q.measure());
        assertEquals(Measure.DIFF, q.effectiveMeasure());
        assertEquals(Measure.SUM, q.withMeasure(Measure.SUM).effectiveMeasure());
        assertEquals(List.of("blue-car.jpg"), q.baseImagePaths());
        assertEquals(1, q.plusTerms().size());
        assertEquals(1, q.minusTerms().size());
        assertTrue(q.hasModifiers());
        assertEquals("[blue-car.jpg] \u2212'blue' +'red' (diff)", q.toString());
    }

    @Test
    void plainAndComposedAndTextBasedQueriesAreScoredWithSum() {
        assertEquals(Measure.SUM, QueryExpr.text("a dog").effectiveMeasure());
        assertEquals(Measure.SUM, QueryExpr.imagePath("x.jpg").effectiveMeasure());
        QueryExpr composed = QueryExpr.imagePath("dress.jpg").with(Term.of(Kind.TEXT, "in red", Role.BASE));
        assertFalse(composed.hasModifiers());
        assertEquals(Measure.SUM, composed.effectiveMeasure());
        QueryExpr textWithNegative = QueryExpr.text("a dog").minus("grass").withMeasure(Measure.DIFF);
        assertEquals(Measure.DIFF, textWithNegative.measure());
        assertEquals(Measure.SUM, textWithNegative.effectiveMeasure());
    }

    @Test
    void refinementStartsFromAnIndexedId() {
        QueryExpr step = QueryExpr.from("3f2a", Measure.DIFF).minus("red").plus("green");
        assertEquals(List.of("3f2a"), step.baseImageIds());
        assertTrue(step.baseImagePaths().isEmpty());
        assertEquals(Measure.DIFF, step.effectiveMeasure());
    }

    @Test
    void refusesEmptyAndMinusOnlyQueries() {
        QueryException empty = assertThrows(QueryException.class, () -> new QueryExpr(List.of(), Measure.SUM));
        assertTrue(empty.getMessage().contains("empty query"), empty.getMessage());
        QueryException minusOnly = assertThrows(QueryException.class, () -> new QueryExpr(
                List.of(Term.parse(Kind.TEXT, Role.MINUS, "grass")), Measure.SUM));
        assertTrue(minusOnly.getMessage().contains("only subtracted"), minusOnly.getMessage());
    }

    @Test
    void termsAreCopied() {
        List<Term> terms = new java.util.ArrayList<>(List.of(Term.of(Kind.TEXT, "a", Role.BASE)));
        QueryExpr q = new QueryExpr(terms, Measure.SUM);
        terms.add(Term.of(Kind.TEXT, "b", Role.PLUS));
        assertEquals(1, q.terms().size());
    }

    @Test
    void measureParsesCliNames() {
        assertEquals(Measure.SUM, Measure.parse("sum"));
        assertEquals(Measure.DIFF, Measure.parse(" DIFF "));
        QueryParseException e = assertThrows(QueryParseException.class, () -> Measure.parse("cosine"));
        assertTrue(e.getMessage().contains("sum, diff") && e.getMessage().contains("cosine"), e.getMessage());
        assertEquals("sum", Measure.DEFAULT.cliName(), "picked by the learning benchmark, docs/queries.md");
    }
}
