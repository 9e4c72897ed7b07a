package dev.loupe.core.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Synthetic but clustered unit vectors that behave like image embeddings for analogy queries: every item has a
 * category (its cluster), a sub-type within the category and an attribute (think "colour") shared across categories:
 * <pre>
 *   x = normalize(0.7·m + c[category] + 0.5·s[category][subtype] + 0.6·a[attribute] + noise),  |noise| ≈ 0.7
 * </pre>
 * where m is a mean all image embeddings share (real embeddings are far from isotropic). Texts naming an attribute
 * are normalize(0.7·m' + a[attribute] + 0.3·noise) with another mean m' (the gap between modalities), so an analogy
 * "item − text(attrA) + text(attrB)" has a meaningful answer: the items of the same category with attribute B.
 * Deterministic for a seed.
 */
final class ClusteredData {
    final int dimension;
    final int categories;
    final int attributes;
    final VectorMatrix vectors;
    final int[] category;
    final int[] attribute;
    private final float[][] texts;

    ClusteredData(int n, int dimension, int categories, int attributes, long seed) {
        this.dimension = dimension;
        this.categories = categories;
        this.attributes = attributes;
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] imageMean = randomUnit(rnd, dimension);
        float[] textMean = randomUnit(rnd, dimension);
        float[][] centres = new float[categories][];
        float[][][] subtypes = new float[categories][5][];
        for (int c = 0; c < categories; c++) {
            centres[c] = randomUnit(rnd, dimension);
            for (int s = 0; s < 5; s++) {
                subtypes[c][s] = randomUnit(rnd, dimension);
            }
        }
        float[][] attrs = new float[attributes][];
        texts = new float[attributes][];
        for (int a = 0; a < attributes; a++) {
            attrs[a] = randomUnit(rnd, dimension);
        }
        for (int a = 0; a < attributes; a++) {
            float[] t = new float[dimension];
            float[] noise = randomUnit(rnd, dimension);
            for (int i = 0; i < dimension; i++) {
                t[i] = 0.7f * textMean[i] + attrs[a][i] + 0.3f * noise[i];
            }
            texts[a] = normalize(t);
        }
        category = new int[n];
        attribute = new int[n];
        VectorMatrix.Builder b = VectorMatrix.builder(dimension);
        float[] x = new float[dimension];
        float noiseScale = (float) (0.7 / Math.sqrt(dimension));
        for (int item = 0; item < n; item++) {
            int c = rnd.nextInt(categories);
            int s = rnd.nextInt(5);
            int a = rnd.nextInt(attributes);
            category[item] = c;
            attribute[item] = a;
            for (int i = 0; i < dimension; i++) {
                x[i] = 0.7f * imageMean[i] + centres[c][i] + 0.5f * subtypes[c][s][i] + 0.6f * attrs[a][i]
                        + noiseScale * (float) rnd.nextGaussian();
            }
            b.add(normalize(x));
        }
        vectors = b.build();
    }

    /** The embedding of the text naming attribute {@code a}. */
    float[] text(int a) {
        return texts[a].clone();
    }

    /** Resolves IMAGE_ID terms as ordinals into the matrix and TEXT terms "attrN" as attribute N's text. */
    TermResolver resolver() {
        return term -> switch (term.kind()) {
            case IMAGE_ID -> vectors.row(Integer.parseInt(term.value()));
            case TEXT -> text(Integer.parseInt(term.value().substring("attr".length())));
            case IMAGE_PATH -> throw new IllegalArgumentException("no files in synthetic data: " + term);
        };
    }

    /** An analogy query: a random item − its attribute's text + another attribute's text. */
    record Analogy(int item, int fromAttribute, int toAttribute) {
        QueryExpr expr(Measure measure) {
            return new QueryExpr(List.of(
                    Term.of(Term.Kind.IMAGE_ID, Integer.toString(item), Term.Role.BASE),
                    Term.of(Term.Kind.TEXT, "attr" + fromAttribute, Term.Role.MINUS),
                    Term.of(Term.Kind.TEXT, "attr" + toAttribute, Term.Role.PLUS)), measure);
        }
    }

    List<Analogy> analogies(int count, long seed) {
        Random rnd = new Random(seed);
        List<Analogy> out = new ArrayList<>(count);
        for (int q = 0; q < count; q++) {
            int item = rnd.nextInt(vectors.size());
            int from = attribute[item];
            int to = (from + 1 + rnd.nextInt(attributes - 1)) % attributes;
            out.add(new Analogy(item, from, to));
        }
        return out;
    }

    /** Whether {@code ordinal} is a semantically right answer to the analogy: same category, target attribute. */
    boolean answers(Analogy a, int ordinal) {
        return category[ordinal] == category[a.item()] && attribute[ordinal] == a.toAttribute();
    }

    private static float[] randomUnit(SplittableRandom rnd, int dim) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return normalize(v);
    }

    private static float[] normalize(float[] v) {
        double n = 0;
        for (float f : v) {
            n += (double) f * f;
        }
        float inv = (float) (1 / Math.sqrt(n));
        float[] u = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = v[i] * inv;
        }
        return u;
    }
}
