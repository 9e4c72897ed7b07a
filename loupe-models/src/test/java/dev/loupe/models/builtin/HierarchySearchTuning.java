package dev.loupe.models.builtin;

import dev.loupe.core.Vectors;
import dev.loupe.datasets.FashionMnist;
import dev.loupe.models.tags.Conse;
import dev.loupe.models.text.SentenceEncoder;
import dev.loupe.models.wordnet.ClassHierarchy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints the table docs/quality.md ("Class hierarchy", search) chooses the search fusion from: a text query that
 * names hierarchy nouns scores an image by {@code cos(q, x) + w P(x)}, P = the least over the named nouns of
 * the image's probability of each (the sum over the classes it covers), counted only where it reaches the threshold the
 * index stores model labels at (below it the index has no value, so 0). Measured on the 21 captions (half A chooses,
 * half B reports, four variants of every photo), the three short queries, category queries over the 21 photos
 * (average precision against captions.tsv) and Fashion-MNIST label queries (precision@10). Run like
 * {@link ConseTuning} with main class {@code dev.loupe.models.builtin.HierarchySearchTuning}.
 */
public final class HierarchySearchTuning {
    static final float[] WEIGHTS = {0f, 0.02f, 0.05f, 0.1f, 0.2f, 0.3f, 0.5f};
    static final float[] STORED = {0f, 0.05f, 0.1f, 0.2f, 0.4f};
    /** Category queries over the 21 photos and the photos (captions.tsv) that answer them. */
    static final Map<String, Set<String>> CATEGORIES = categories();

    private HierarchySearchTuning() {
    }

    private static Map<String, Set<String>> categories() {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        m.put("an animal", Set.of("chelsea.png", "dog.jpg", "eagle.jpg", "giraffe.jpg", "horses.jpg", "person.jpg"));
        m.put("a vehicle", Set.of("motorcycle_left.png", "dog.jpg", "rocket.jpg"));
        m.put("a dog", Set.of("dog.jpg", "person.jpg"));
        m.put("a bird", Set.of("eagle.jpg"));
        m.put("a horse", Set.of("horses.jpg", "person.jpg"));
        m.put("a cat", Set.of("chelsea.png"));
        return m;
    }

    public static void main(String[] args) throws Exception {
        QualityFixture.Tuning t = QualityFixture.Tuning.load();
        BuiltinRecipe recipe = BuiltinRecipe.DEFAULT;
        Map<String, List<float[]>> logits = ConseTuning.viewLogits(t.shared(), t.photos()).get(recipe.view());
        try (SentenceEncoder text = SentenceEncoder.open(recipe.textEncoder(), 2)) {
            float[][] classes = t.cache().get("classes-" + recipe.cacheKey() + "-"
                    + Integer.toHexString(t.labels().hashCode()), t.labels().size(),
                    () -> new ClassPrompts(recipe.templates()).embed(text, t.labels()));
            Conse conse = new Conse(classes, recipe.topK(), recipe.temperature());
            Map<String, Gallery> variants = new LinkedHashMap<>();
            logits.forEach((variant, l) -> variants.put(variant, Gallery.of(l, conse, t.hierarchy())));
            photoTable(text, t.hierarchy(), t.photos(), variants);
            if (args.length > 0 && args[0].equals("detail")) {
                detail(text, t.hierarchy(), t.photos(), variants);
                return;
            }
            fashionTable(text, t.hierarchy(), conse, t.shared(), recipe);
        }
    }

    /** Images of one gallery: their ConSE vectors and their probability of every hierarchy node. */
    record Gallery(List<float[]> vectors, List<float[]> nodeProbabilities) {
        static Gallery of(List<float[]> logits, Conse conse, BuiltinHierarchy h) {
            return new Gallery(logits.stream().map(conse::embed).toList(), logits.stream()
                    .map(l -> h.tree().probabilities(BuiltinTags.classProbabilities(List.of(l)))).toList());
        }

        /** Fused scores of every image for one query. */
        float[] scores(float[] query, List<ClassHierarchy.Node> named, float w, float stored) {
            float[] s = new float[vectors.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = Vectors.dot(query, vectors.get(i)) + w * probability(i, named, stored);
            }
            return s;
        }

        /** The least of the named nouns' probabilities (a query naming several asks for all of them). */
        float probability(int image, List<ClassHierarchy.Node> named, float stored) {
            if (named.isEmpty()) {
                return 0f;
            }
            float min = 1f;
            for (ClassHierarchy.Node n : named) {
                float p = nodeProbabilities.get(image)[n.index()];
                min = Math.min(min, p >= stored ? p : 0f);
            }
            return min;
        }
    }

    static void photoTable(SentenceEncoder text, BuiltinHierarchy h, List<QualityFixture.Photo> photos,
                           Map<String, Gallery> variants) {
        List<String> captions = photos.stream().map(QualityFixture.Photo::caption).toList();
        List<float[]> q = text.encode(captions);
        List<float[]> sq = text.encode(ConseTuning.SHORT_QUERIES);
        List<String> cats = new ArrayList<>(CATEGORIES.keySet());
        List<float[]> cq = text.encode(cats);
        System.out.println("## 21 photos: captions (half A = even lines chooses, B reports; mean over 4 variants),"
                + " short queries, category queries (mean average precision over the 4 variants)");
        for (String c : cats) {
            System.out.printf("#   %-12s -> %s%n", c, h.namedIn(c).stream().map(h::display).toList());
        }
        StringBuilder head = new StringBuilder(String.format("%-6s | %4s | %-5s | %-12s | %-12s | %-12s",
                "stored", "w", "short", "A: R@1 mMRR", "B: R@1 mMRR", "all: R@1 R@5"));
        cats.forEach(c -> head.append(String.format(" | %-10s", c)));
        System.out.println(head.append(" | mean AP"));
        for (float stored : STORED) {
            for (float w : WEIGHTS) {
                int shortHits = 0;
                for (int s = 0; s < sq.size(); s++) {
                    float[] sc = variants.get("original").scores(sq.get(s),
                            h.namedIn(ConseTuning.SHORT_QUERIES.get(s)), w, stored);
                    shortHits += photos.get(Conse.topIndices(sc, 1)[0]).file()
                            .equals(ConseTuning.SHORT_TARGETS.get(s)) ? 1 : 0;
                }
                int[][] ranks = new int[variants.size()][];
                int v = 0;
                for (Gallery g : variants.values()) {
                    ranks[v++] = captionRanks(g, q, captions, h, w, stored);
                }
                StringBuilder row = new StringBuilder(String.format("%6.2f | %4.2f | %d/3   | %s | %s | %s", stored, w,
                        shortHits, half(ranks, 0), half(ranks, 1), both(ranks[0])));
                double meanAp = 0;
                for (int c = 0; c < cats.size(); c++) {
                    double ap = 0;
                    for (Gallery g : variants.values()) {
                        float[] sc = g.scores(cq.get(c), h.namedIn(cats.get(c)), w, stored);
                        ap += averagePrecision(sc, photos, CATEGORIES.get(cats.get(c))) / variants.size();
                    }
                    meanAp += ap / cats.size();
                    row.append(String.format(" | %10.3f", ap));
                }
                System.out.println(row.append(String.format(" | %.3f", meanAp)));
            }
        }
    }

    /** Each caption's rank in every variant without and with the fusion (w = 0.1, all probabilities). */
    static void detail(SentenceEncoder text, BuiltinHierarchy h, List<QualityFixture.Photo> photos,
                       Map<String, Gallery> variants) {
        List<String> captions = photos.stream().map(QualityFixture.Photo::caption).toList();
        List<float[]> q = text.encode(captions);
        for (var v : variants.entrySet()) {
            int[] before = captionRanks(v.getValue(), q, captions, h, 0f, 0f);
            int[] after = captionRanks(v.getValue(), q, captions, h, 0.1f, 0f);
            for (int i = 0; i < before.length; i++) {
                if (before[i] != after[i]) {
                    System.out.printf("%-9s %-22s %d -> %d  %s%n", v.getKey(), photos.get(i).file(), before[i],
                            after[i], h.namedIn(captions.get(i)).stream().map(h::display).toList());
                }
            }
        }
    }

    /** Rank (1 = first) of each caption's own photo; ties count against it. */
    static int[] captionRanks(Gallery g, List<float[]> queries, List<String> captions, BuiltinHierarchy h, float w,
                              float stored) {
        int[] ranks = new int[queries.size()];
        for (int i = 0; i < ranks.length; i++) {
            float[] s = g.scores(queries.get(i), h.namedIn(captions.get(i)), w, stored);
            int rank = 1;
            for (int j = 0; j < s.length; j++) {
                rank += j != i && s[j] >= s[i] ? 1 : 0;
            }
            ranks[i] = rank;
        }
        return ranks;
    }

    /** R@1 on the originals and mean MRR over the variants, for the captions of one parity. */
    static String half(int[][] ranks, int parity) {
        int orig = 0;
        double mrr = 0;
        int n = 0;
        for (int v = 0; v < ranks.length; v++) {
            for (int i = parity; i < ranks[v].length; i += 2) {
                orig += v == 0 && ranks[v][i] == 1 ? 1 : 0;
                mrr += 1.0 / ranks[v][i];
                n++;
            }
        }
        return String.format("%2d/%-2d %.3f", orig, n / ranks.length, mrr / n);
    }

    static String both(int[] original) {
        return String.format("%2d/21 %2d/21", Arrays.stream(original).filter(r -> r == 1).count(),
                Arrays.stream(original).filter(r -> r <= 5).count());
    }

    static double averagePrecision(float[] scores, List<QualityFixture.Photo> photos, Set<String> truth) {
        int[] order = Conse.topIndices(scores, scores.length);
        double sum = 0;
        int hits = 0;
        for (int r = 0; r < order.length; r++) {
            if (truth.contains(photos.get(order[r]).file())) {
                hits++;
                sum += hits / (r + 1.0);
            }
        }
        return sum / truth.size();
    }

    static void fashionTable(SentenceEncoder text, BuiltinHierarchy h, Conse conse, Path shared,
                             BuiltinRecipe recipe) throws Exception {
        FashionMnist data = FashionMnist.read(shared.resolve("datasets/fashion-mnist"), false, 2000);
        List<float[]> logits = new ArrayList<>();
        try (MobileNetEncoder enc = new MobileNetEncoder(shared.resolve("models/mobilenetv2-12-int8.onnx"), null, 2)) {
            for (int i = 0; i < data.size(); i++) {
                logits.add(enc.encode(List.of(recipe.view().prepare(data.gray(i)))).get(0).logits());
            }
        }
        Gallery g = Gallery.of(logits, conse, h);
        List<String> queries = HierarchyTuning.FASHION_QUERIES;
        List<float[]> qv = text.encode(queries);
        System.out.println();
        System.out.println("## Fashion-MNIST, first 2000 test images: precision@10 of label queries");
        for (String s : queries) {
            System.out.printf("#   %-22s -> %s%n", s, h.namedIn(s).stream().map(h::display).toList());
        }
        StringBuilder head = new StringBuilder(String.format("%-6s | %4s", "stored", "w"));
        queries.forEach(s -> head.append(String.format(" | %-8.8s", s)));
        System.out.println(head.append(" | mean"));
        for (float stored : STORED) {
            for (float w : WEIGHTS) {
                StringBuilder row = new StringBuilder(String.format("%6.2f | %4.2f", stored, w));
                double mean = 0;
                for (int i = 0; i < queries.size(); i++) {
                    float[] sc = g.scores(qv.get(i), h.namedIn(queries.get(i)), w, stored);
                    int hits = 0;
                    for (int j : Conse.topIndices(sc, 10)) {
                        int label = data.labels()[j];
                        hits += Arrays.stream(HierarchyTuning.FASHION_ANSWERS.get(i)).anyMatch(a -> a == label) ? 1 : 0;
                    }
                    mean += hits / 10.0 / queries.size();
                    row.append(String.format(" | %8.1f", hits / 10.0));
                }
                System.out.println(row.append(String.format(" | %.3f", mean)));
            }
        }
    }
}
