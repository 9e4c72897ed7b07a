package dev.loupe.lab.classify;

import dev.loupe.core.Model;
import dev.loupe.core.query.AnalogyBench;
import dev.loupe.core.query.AnalogyWorkload;
import dev.loupe.core.query.Measure;
import dev.loupe.core.query.QueryExpr;
import dev.loupe.core.query.Term;
import dev.loupe.core.query.TermResolver;
import dev.loupe.core.query.VectorMatrix;
import dev.loupe.datasets.FashionMnist;
import dev.loupe.engine.LoupeHome;
import dev.loupe.engine.ModelLoader;
import dev.loupe.models.store.ProgressListener;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * {@link AnalogyBench} on real builtin-model embeddings: the semantic (ConSE) vectors of all 70,000 Fashion-MNIST
 * images in two renderings — dark garment on white (the classification benchmark's cache) and the dataset's own
 * white on black — 140,000 vectors in all. Queries are what a user types on a clothing catalogue:
 * {@code [an image of class A] − "a" + "b"} with the class names embedded by the real text encoder, e.g.
 * {@code [sneaker] − "sneaker" + "sandal"}; a right answer is any image of class B.
 *
 * <p>Embeds what the cache ({@code $LOUPE_HOME/cache/eval}) lacks first — about 10 minutes per rendering on 2
 * idle cores, nothing on later runs. Run from the project root:
 * <pre>
 *   bin/mvn -q -B -o -pl loupe-lab -am test-compile exec:exec@fashion-analogy-bench -Dbench.args="m=16 beam=100"
 * </pre>
 * Options: those of {@link AnalogyBench#run}, plus n (rows to use, default all), queries (200), data (the
 * Fashion-MNIST folder), cache (the embedding cache folder).
 */
public final class FashionAnalogyBench {
    /** Class names as a shopper would type them. */
    private static final List<String> WORDS = List.of("t-shirt", "trousers", "pullover", "dress", "coat", "sandal",
            "shirt", "sneaker", "bag", "ankle boot");

    private FashionAnalogyBench() {
    }

    public static void main(String[] args) {
        Map<String, String> opt = AnalogyBench.options(args);
        LoupeHome home = LoupeHome.fromEnvironment(System.getenv());
        Path data = Path.of(opt.getOrDefault("data", System.getProperty("loupe.shared", "../shared")
                + "/datasets/fashion-mnist"));
        Path cache = Path.of(opt.getOrDefault("cache", home.root().resolve("cache").resolve("eval").toString()));
        int queries = Integer.parseInt(opt.getOrDefault("queries", "200"));
        long seed = Long.parseLong(opt.getOrDefault("seed", "42"));
        try (Model model = new ModelLoader(home, System::getenv).open(ModelLoader.BUILTIN, 2, ProgressListener.NONE)) {
            String space = model.info().textSpace();
            List<float[]> rows = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            for (boolean invert : new boolean[]{true, false}) {
                DatasetEmbedder embedder = new DatasetEmbedder(model, cache, invert, 32);
                for (boolean train : new boolean[]{true, false}) {
                    FashionMnist split = FashionMnist.read(data, train);
                    String what = split.split() + (invert ? " (inverted)" : " (as stored)");
                    float[][] vectors = embedder.embed(split, split.size(), done -> {
                        if (done % 5000 == 0 && done > 0) {
                            System.err.printf(Locale.ROOT, "embedding %s: %d/%d%n", what, done, split.size());
                        }
                    }).get(space);
                    for (int i = 0; i < vectors.length; i++) {
                        rows.add(vectors[i]);
                        labels.add(split.labels()[i]);
                    }
                }
            }
            int n = Math.min(rows.size(), Integer.parseInt(opt.getOrDefault("n", Integer.toString(rows.size()))));
            Map<String, float[]> texts = new HashMap<>();
            for (String w : WORDS) {
                texts.put(w, model.encodeText(w));
            }
            run(rows.subList(0, n), labels.subList(0, n), texts, queries, seed, opt);
        }
    }

    private static void run(List<float[]> rows, List<Integer> labels, Map<String, float[]> texts, int count, long seed,
                            Map<String, String> opt) {
        VectorMatrix vectors = VectorMatrix.of(rows);
        Random rnd = new Random(seed + 1);
        int[] base = new int[count];
        int[] target = new int[count];
        for (int q = 0; q < count; q++) {
            base[q] = rnd.nextInt(rows.size());
            int from = labels.get(base[q]);
            target[q] = (from + 1 + rnd.nextInt(WORDS.size() - 1)) % WORDS.size();
        }
        TermResolver resolver = term -> switch (term.kind()) {
            case IMAGE_ID -> vectors.row(Integer.parseInt(term.value()));
            case TEXT -> texts.get(term.value()).clone();
            case IMAGE_PATH -> throw new IllegalArgumentException("no files in this bench: " + term);
        };
        AnalogyBench.run(new AnalogyWorkload() {
            @Override
            public String describe() {
                return rows.size() + " real builtin semantic vectors of Fashion-MNIST images (train + test, inverted "
                        + "and as stored); queries [image of A] − \"a\" + \"b\" with real text embeddings";
            }

            @Override
            public VectorMatrix vectors() {
                return vectors;
            }

            @Override
            public TermResolver resolver() {
                return resolver;
            }

            @Override
            public List<QueryExpr> queries(Measure measure) {
                List<QueryExpr> out = new ArrayList<>(count);
                for (int q = 0; q < count; q++) {
                    out.add(new QueryExpr(List.of(
                            Term.of(Term.Kind.IMAGE_ID, Integer.toString(base[q]), Term.Role.BASE),
                            Term.of(Term.Kind.TEXT, WORDS.get(labels.get(base[q])), Term.Role.MINUS),
                            Term.of(Term.Kind.TEXT, WORDS.get(target[q]), Term.Role.PLUS)), measure));
                }
                return out;
            }

            @Override
            public boolean answers(int query, int ordinal) {
                return labels.get(ordinal) == target[query];
            }
        }, opt);
    }
}
