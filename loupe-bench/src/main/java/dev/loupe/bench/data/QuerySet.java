package dev.loupe.bench.data;

import dev.loupe.core.query.Measure;
import dev.loupe.core.query.QueryExpr;
import dev.loupe.core.query.ResolvedQuery;
import dev.loupe.core.query.Term;
import dev.loupe.core.query.TermResolver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Builds the queries of each {@link QueryKind} as query expressions and resolves them exactly as the product does
 * ({@link ResolvedQuery#resolve}): held-out images are the image terms, texts are embedded by the real encoder.
 *
 * @param heldOut       held-out real vectors (not in any base set): image queries and the bases of the others
 * @param heldOutLabels their Fashion-MNIST classes
 * @param texts         text queries
 * @param encoder       the model's text encoder
 */
public record QuerySet(List<float[]> heldOut, int[] heldOutLabels, List<String> texts, Function<String, float[]> encoder) {

    /** One query: what it is in words, and the vectors to score with. */
    public record Query(String description, ResolvedQuery resolved) {
    }

    /** {@code count} queries of {@code kind}; deterministic for a seed. */
    public List<Query> build(QueryKind kind, int count, long seed) {
        // both analogy kinds ask the same terms, so that sum and diff answer the same questions
        Random rnd = new Random(seed + (kind == QueryKind.ANALOGY_DIFF ? QueryKind.ANALOGY_SUM : kind).ordinal());
        Map<String, float[]> cache = new HashMap<>();
        TermResolver resolver = term -> switch (term.kind()) {
            case IMAGE_ID -> heldOut.get(Integer.parseInt(term.value()));
            case TEXT -> cache.computeIfAbsent(term.value(), encoder).clone();
            case IMAGE_PATH -> throw new IllegalArgumentException("the bench has no image files: " + term);
        };
        List<Query> out = new ArrayList<>(count);
        for (int q = 0; q < count; q++) {
            int image = q % heldOut.size();
            QueryExpr expr;
            String words;
            switch (kind) {
                case TEXT -> {
                    String t = texts.get(q % texts.size());
                    expr = QueryExpr.text(t);
                    words = "\"" + t + "\"";
                }
                case IMAGE -> {
                    expr = QueryExpr.imageId(Integer.toString(image));
                    words = "[held-out " + image + " " + FashionVectors.WORDS.get(heldOutLabels[image]) + "]";
                }
                case COMPOSED -> {
                    String w = TextQueries.MODIFIERS.get(rnd.nextInt(TextQueries.MODIFIERS.size()));
                    expr = QueryExpr.imageId(Integer.toString(image)).plus(w);
                    words = "[held-out " + image + " " + FashionVectors.WORDS.get(heldOutLabels[image]) + "] + \"" + w
                            + "\"";
                }
                case ANALOGY_SUM, ANALOGY_DIFF -> {
                    int from = heldOutLabels[image];
                    int to = (from + 1 + rnd.nextInt(FashionVectors.WORDS.size() - 1)) % FashionVectors.WORDS.size();
                    String a = FashionVectors.WORDS.get(from);
                    String b = FashionVectors.WORDS.get(to);
                    expr = new QueryExpr(List.of(Term.of(Term.Kind.IMAGE_ID, Integer.toString(image), Term.Role.BASE),
                            Term.of(Term.Kind.TEXT, a, Term.Role.MINUS), Term.of(Term.Kind.TEXT, b, Term.Role.PLUS)),
                            kind.measure());
                    words = "[held-out " + image + " " + a + "] - \"" + a + "\" + \"" + b + "\"";
                }
                default -> throw new IllegalStateException("unhandled kind " + kind);
            }
            if (kind.measure() == Measure.SUM && expr.effectiveMeasure() != Measure.SUM) {
                expr = expr.withMeasure(Measure.SUM);
            }
            out.add(new Query(words, ResolvedQuery.resolve(expr, resolver)));
        }
        return out;
    }
}
