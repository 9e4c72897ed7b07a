package dev.loupe.models.builtin;

import dev.loupe.core.Vectors;
import dev.loupe.datasets.FashionMnist;
import dev.loupe.models.tags.Conse;
import dev.loupe.models.tags.TagScorer;
import dev.loupe.models.tags.TagVocabulary;
import dev.loupe.models.text.EmbeddingCache;
import dev.loupe.models.text.SentenceEncoder;
import dev.loupe.models.wordnet.ClassHierarchy;
import dev.loupe.models.wordnet.WordNet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints the tables docs/quality.md ("Class hierarchy") chooses the hierarchy settings from. Search: class-text mixes
 * (the current prompt, plus WordNet synonyms, its definition, its parent) and the weight of the hierarchy direction
 * in the query, scored on the 21 captions split in two halves (even lines choose, odd lines report) over the four
 * variants of every photo, with issue #2's three short queries; Fashion-MNIST label queries precision@10. Tags: the
 * weight of the hierarchy probability and the zero-shot settings, with the ranks of giraffe, cat and animal,
 * caption-tag@5, tag MRR and flat hit@k. Run like {@link ConseTuning} with main class
 * {@code dev.loupe.models.builtin.HierarchyTuning}.
 */
public final class HierarchyTuning {
    static final float[] SEARCH_WEIGHTS = {0f, 0.1f, 0.2f, 0.3f, 0.5f, 0.75f, 1f};
    static final List<String> FASHION_QUERIES = List.of("a sandal", "footwear", "a garment", "an upper-body garment",
            "a bag", "a dress", "a coat", "a shirt", "a sneaker", "an ankle boot", "a trouser", "a pullover");
    /** Which Fashion-MNIST labels answer each query (T-shirt/top 0, trouser 1, pullover 2, dress 3, coat 4, sandal
     * 5, shirt 6, sneaker 7, bag 8, ankle boot 9). */
    static final List<int[]> FASHION_ANSWERS = List.of(new int[]{5}, new int[]{5, 7, 9}, new int[]{0, 1, 2, 3, 4, 6},
            new int[]{0, 2, 4, 6}, new int[]{8}, new int[]{3}, new int[]{4}, new int[]{0, 6}, new int[]{7},
            new int[]{9}, new int[]{1}, new int[]{2});

    private HierarchyTuning() {
    }

    public static void main(String[] args) throws Exception {
        QualityFixture.Tuning t = QualityFixture.Tuning.load();
        var logits = ConseTuning.viewLogits(t.shared(), t.photos());
        BuiltinRecipe recipe = BuiltinRecipe.DEFAULT;
        if (args.length > 0 && args[0].equals("tags")) {
            tagTable(t.cache(), t.wordNet(), t.labels(), t.hierarchy(), t.photos(), logits);
            return;
        }
        Map<String, float[][]> mixes;
        try (SentenceEncoder text = SentenceEncoder.open(recipe.textEncoder(), 2)) {
            mixes = classMixes(t.cache(), text, t.labels(), t.hierarchy());
            searchTable(text, recipe, mixes, t.hierarchy(), t.photos(), logits.get(recipe.view()));
            fashionTable(text, recipe, mixes.get("photo"), t.hierarchy(), t.shared());
        }
        tagTable(t.cache(), t.wordNet(), t.labels(), t.hierarchy(), t.photos(), logits);
    }

    /** Class embeddings (BGE) of each text mix, cached. */
    static Map<String, float[][]> classMixes(EmbeddingCache cache, SentenceEncoder text, List<String> labels,
                                             BuiltinHierarchy h) {
        Map<String, float[][]> out = new LinkedHashMap<>();
        for (String mix : List.of("photo", "photo+syn", "photo+gloss", "photo+parent")) {
            List<List<String>> texts = new ArrayList<>();
            for (int c = 0; c < labels.size(); c++) {
                ClassHierarchy.Node n = h.tree().nodes().get(c);
                String label = labels.get(c);
                List<String> t = new ArrayList<>(List.of("a photo of a " + label + "."));
                switch (mix) {
                    case "photo+syn" -> n.words().stream()
                            .filter(w -> !w.equalsIgnoreCase(label) && Character.isLowerCase(w.charAt(0))).limit(2)
                            .forEach(w -> t.add("a photo of a " + w + "."));
                    case "photo+gloss" -> t.set(0, "a photo of a " + label + ", " + n.gloss() + ".");
                    case "photo+parent" -> t.set(0, "a photo of a " + label + ", a kind of "
                            + h.tree().nodes().get(n.parents()[0]).name() + ".");
                    default -> { }
                }
                texts.add(t);
            }
            out.put(mix, cache.get("hmix-" + text.kind() + "-" + Integer.toHexString(texts.hashCode()),
                    labels.size(), () -> embedTexts(text, texts)));
        }
        return out;
    }

    static float[][] embedTexts(SentenceEncoder text, List<List<String>> texts) {
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < texts.size(); i++) {
            float[] sum = new float[text.dimension()];
            for (float[] v : text.encode(texts.get(i))) {
                sum = Vectors.add(sum, v);
            }
            out[i] = Vectors.normalize(sum);
        }
        return out;
    }

    static List<float[]> fusedQueries(List<float[]> queries, List<String> texts, float weight, BuiltinHierarchy h,
                                      float[][] classes) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            float[] d = direction(h.namedIn(texts.get(i)), classes);
            out.add(d == null || weight == 0 ? queries.get(i)
                    : Vectors.normalize(Vectors.addScaled(queries.get(i), weight, d)));
        }
        return out;
    }

    /**
     * The unit direction of a set of nodes in a class-embedding space: each node is the normalised sum of the
     * embeddings of the classes it covers (where the ConSE vector of an image lies whose probability mass is spread
     * over them), the nodes averaged; null for none. The first form of the search signal, measured and not adopted.
     */
    static float[] direction(List<ClassHierarchy.Node> nodes, float[][] classEmbeddings) {
        if (nodes.isEmpty()) {
            return null;
        }
        float[] sum = new float[classEmbeddings[0].length];
        for (ClassHierarchy.Node n : nodes) {
            float[] v = new float[sum.length];
            for (int c : n.classes()) {
                v = Vectors.add(v, classEmbeddings[c]);
            }
            sum = Vectors.add(sum, Vectors.normalize(v));
        }
        return Vectors.normalize(sum);
    }

    static void searchTable(SentenceEncoder text, BuiltinRecipe recipe, Map<String, float[][]> mixes,
                            BuiltinHierarchy h, List<QualityFixture.Photo> photos, Map<String, List<float[]>> logits) {
        List<String> captions = photos.stream().map(QualityFixture.Photo::caption).toList();
        List<float[]> queries = text.encode(captions);
        List<float[]> shortQueries = text.encode(ConseTuning.SHORT_QUERIES);
        System.out.println("## caption -> photo: half A = even caption lines (chooses), half B = odd (reports);"
                + " mean over the 4 variants");
        for (int i = 0; i < captions.size(); i++) {
            System.out.printf("#   %-22s %s -> %s%n", photos.get(i).file(), i % 2 == 0 ? "A" : "B",
                    h.namedIn(captions.get(i)).stream().map(h::display).toList());
        }
        System.out.println("#   short: " + ConseTuning.SHORT_QUERIES.stream().map(q -> q + " -> "
                + h.namedIn(q).stream().map(h::display).toList()).toList());
        System.out.println(String.format("%-12s | %4s | %-5s | %-22s | %-22s | %-22s",
                "class texts", "w", "short", "A: R@1 mR@1 mMRR", "B: R@1 mR@1 mMRR", "all: R@1 R@5 mR@1 mMRR"));
        for (var mix : mixes.entrySet()) {
            Conse conse = new Conse(mix.getValue(), recipe.topK(), recipe.temperature());
            Map<String, List<float[]>> images = new LinkedHashMap<>();
            logits.forEach((variant, l) -> images.put(variant, l.stream().map(conse::embed).toList()));
            for (float w : SEARCH_WEIGHTS) {
                List<float[]> q = fusedQueries(queries, captions, w, h, mix.getValue());
                List<float[]> sq = fusedQueries(shortQueries, ConseTuning.SHORT_QUERIES, w, h, mix.getValue());
                int shortHits = 0;
                for (int s = 0; s < sq.size(); s++) {
                    int best = QualityFixture.best(images.get("original"), sq.get(s));
                    shortHits += photos.get(best).file().equals(ConseTuning.SHORT_TARGETS.get(s)) ? 1 : 0;
                }
                System.out.printf("%-12s | %4.2f | %d/3   | %s | %s | %s%n", mix.getKey(), w, shortHits,
                        half(images, q, 0), half(images, q, 1), all(images, q));
            }
        }
    }

    /** R@1 on the originals, mean R@1 and mean MRR over the variants, for the queries of one half. */
    static String half(Map<String, List<float[]>> images, List<float[]> queries, int parity) {
        double r1 = 0;
        double mrr = 0;
        int orig = 0;
        int n = 0;
        for (var e : images.entrySet()) {
            int[] ranks = QualityFixture.recall(e.getValue(), queries).ranks();
            for (int q = parity; q < ranks.length; q += 2) {
                r1 += ranks[q] == 1 ? 1 : 0;
                mrr += 1.0 / ranks[q];
                orig += e.getKey().equals("original") && ranks[q] == 1 ? 1 : 0;
                n++;
            }
        }
        int perVariant = n / images.size();
        return String.format("%2d/%d %5.2f %.3f", orig, perVariant, r1 / images.size(), mrr / n);
    }

    static String all(Map<String, List<float[]>> images, List<float[]> queries) {
        QualityFixture.Recall o = QualityFixture.recall(images.get("original"), queries);
        double r1 = 0;
        double mrr = 0;
        for (List<float[]> v : images.values()) {
            QualityFixture.Recall r = QualityFixture.recall(v, queries);
            r1 += r.r1();
            mrr += r.mrr();
        }
        return String.format("%2d/21 %2d/21 %5.2f %.3f", o.r1(), o.r5(), r1 / images.size(), mrr / images.size());
    }

    static void fashionTable(SentenceEncoder text, BuiltinRecipe recipe, float[][] classes, BuiltinHierarchy h,
                             Path shared) throws Exception {
        FashionMnist data = FashionMnist.read(shared.resolve("datasets/fashion-mnist"), false, 2000);
        Conse conse = new Conse(classes, recipe.topK(), recipe.temperature());
        List<float[]> images = new ArrayList<>();
        try (MobileNetEncoder enc = new MobileNetEncoder(shared.resolve("models/mobilenetv2-12-int8.onnx"), null, 2)) {
            for (int i = 0; i < data.size(); i++) {
                images.add(conse.embed(enc.encode(List.of(recipe.view().prepare(data.gray(i)))).get(0).logits()));
            }
        }
        List<float[]> queries = text.encode(FASHION_QUERIES);
        System.out.println();
        System.out.println("## Fashion-MNIST, first 2000 test images: precision@10 of label queries by hierarchy weight");
        for (int q = 0; q < FASHION_QUERIES.size(); q++) {
            System.out.printf("#   %-22s -> %s%n", FASHION_QUERIES.get(q),
                    h.namedIn(FASHION_QUERIES.get(q)).stream().map(h::display).toList());
        }
        StringBuilder head = new StringBuilder(String.format("%-24s", "query"));
        for (float w : SEARCH_WEIGHTS) {
            head.append(String.format(" | w=%.2f", w));
        }
        System.out.println(head);
        double[] mean = new double[SEARCH_WEIGHTS.length];
        for (int q = 0; q < FASHION_QUERIES.size(); q++) {
            StringBuilder row = new StringBuilder(String.format("%-24s", FASHION_QUERIES.get(q)));
            for (int wi = 0; wi < SEARCH_WEIGHTS.length; wi++) {
                float[] v = fusedQueries(List.of(queries.get(q)), List.of(FASHION_QUERIES.get(q)), SEARCH_WEIGHTS[wi],
                        h, classes).get(0);
                double p = precisionAt10(images, data.labels(), v, FASHION_ANSWERS.get(q));
                mean[wi] += p / FASHION_QUERIES.size();
                row.append(String.format(" | %6.1f", p));
            }
            System.out.println(row);
        }
        StringBuilder row = new StringBuilder(String.format("%-24s", "mean"));
        for (double m : mean) {
            row.append(String.format(" | %6.2f", m));
        }
        System.out.println(row);
    }

    static double precisionAt10(List<float[]> images, int[] labels, float[] query, int[] answers) {
        float[] s = new float[images.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = Vectors.dot(query, images.get(i));
        }
        int hits = 0;
        for (int i : Conse.topIndices(s, 10)) {
            int label = labels[i];
            hits += Arrays.stream(answers).anyMatch(a -> a == label) ? 1 : 0;
        }
        return hits / 10.0;
    }

    static void tagTable(EmbeddingCache cache, WordNet wordNet, List<String> labels, BuiltinHierarchy h,
                         List<QualityFixture.Photo> photos, Map<ImageView, Map<String, List<float[]>>> logits) {
        TagVocabulary vocabulary = TagVocabulary.defaults(labels);
        BuiltinRecipe.TagRecipe tags = BuiltinRecipe.DEFAULT.tags();
        int giraffe = ConseTuning.index(photos, "giraffe.jpg");
        int chelsea = ConseTuning.index(photos, "chelsea.png");
        System.out.println();
        System.out.println("## tags: score = CSLS cosine + w x p ln(p / prior) of the hierarchy probability p; ranks per variant (original,"
                + " mirrored, shrunk, both); hit@k = photos with a captions.tsv tag in their top k (mean of variants)");
        try (SentenceEncoder text = SentenceEncoder.open(tags.encoder(), 2)) {
            float[][] classes = ConseTuning.classEmbeddings(cache, text, labels, tags.templates());
            float[][] words = cache.get("vocab-" + tags.cacheKey() + "-" + vocabulary.key(), vocabulary.words().size(),
                    () -> ConseTagger.embedWords(text, vocabulary, tags));
            ConseTagger tagger = new ConseTagger(classes, tags);
            TagScorer scorer = tagger.scorer(vocabulary, words);
            // the views of every photo variant, as the tag recipe lists them, and their text-space scores
            Map<String, List<List<float[]>>> views = new LinkedHashMap<>();
            Map<String, List<float[]>> scores = new LinkedHashMap<>();
            for (String variant : logits.get(ImageView.FULL).keySet()) {
                List<List<float[]>> vs = new ArrayList<>();
                List<float[]> ss = new ArrayList<>();
                for (int i = 0; i < photos.size(); i++) {
                    List<float[]> v = recipeViews(tags, logits, variant, i);
                    vs.add(v);
                    ss.add(scorer.scores(tagger.tagVector(v)));
                }
                views.put(variant, vs);
                scores.put(variant, ss);
            }
            System.out.println("# cousins: 0 = no zero-shot rows; n = the classes under the word's nearest hierarchy node,"
                    + " or the first node above it with at least n classes (up to 3 hypernym steps from the word)");
            System.out.println(String.format("%-5s | %4s | %-4s | %-16s | %-16s | %-16s | %-6s | %-6s | %-23s | %s",
                    "cous.", "tau", "w", "giraffe", "cat (chelsea)", "animal (chelsea)", "tag@5", "tagMRR",
                    "hit@1 hit@2 hit@5 hit@10", "giraffe.jpg / chelsea.png top 5 (original)"));
            for (int cousins : new int[]{0, 1, 10, 30}) {
                for (float tau : cousins == 0 ? new float[]{0.05f} : new float[]{0.02f, 0.05f, 0.1f}) {
                    TreeWords tree = TreeWords.of(vocabulary.words(), labels, h, () -> wordNet, words, classes,
                            new BuiltinRecipe.TreeRecipe(0, 0, tau, cousins == 0 ? 0 : 3, 6, cousins,
                                    BuiltinRecipe.DEFAULT.tree().labelProbability(),
                                    BuiltinRecipe.DEFAULT.tree().evidenceProbability()));
                    float[] priors = tree.priors(labels.size());
                    for (float w : new float[]{0f, 0.025f, 0.05f, 0.1f, 0.2f, 0.4f}) {
                        System.out.println(tagRow(cousins, tau, w, tree, priors, vocabulary, photos, views, scores,
                                giraffe, chelsea));
                    }
                }
            }
        }
    }

    /** Photo {@code i}'s logits of one variant in the order {@link BuiltinRecipe.TagRecipe#views} lists its views. */
    static List<float[]> recipeViews(BuiltinRecipe.TagRecipe tags, Map<ImageView, Map<String, List<float[]>>> logits,
                                     String variant, int i) {
        List<float[]> out = new ArrayList<>();
        for (List<ImageView> list : List.of(tags.views(), tags.probabilityViews())) {
            for (ImageView view : list) {
                out.add(logits.get(view).get(variant).get(i));
                if (tags.mirror()) {
                    out.add(logits.get(view).get(QualityFixture.mirrorOf(variant)).get(i));
                }
            }
        }
        return out;
    }

    static String tagRow(int cousins, float tau, float w, TreeWords tree, float[] priors, TagVocabulary vocabulary,
                         List<QualityFixture.Photo> photos, Map<String, List<List<float[]>>> views,
                         Map<String, List<float[]>> scores, int giraffe, int chelsea) {
        List<Integer> g = new ArrayList<>();
        List<Integer> c = new ArrayList<>();
        List<Integer> a = new ArrayList<>();
        int[] hits = new int[4];
        int[] ks = {1, 2, 5, 10};
        double mrr = 0;
        int mrrCount = 0;
        String tops = "";
        List<String> words = vocabulary.words();
        for (String variant : views.keySet()) {
            for (int i = 0; i < photos.size(); i++) {
                float[] p = tree.probabilities(BuiltinTags.classProbabilities(views.get(variant).get(i)));
                float[] fused = BuiltinTags.fuse(scores.get(variant).get(i), p, priors, w);
                int[] order = Conse.topIndices(fused, fused.length);
                int[] rank = new int[fused.length];
                for (int r = 0; r < order.length; r++) {
                    rank[order[r]] = r + 1;
                }
                List<String> truth = photos.get(i).tags();
                int best = Integer.MAX_VALUE;
                for (String t : truth) {
                    int idx = words.indexOf(t);
                    if (idx >= 0) {
                        best = Math.min(best, rank[idx]);
                        mrr += 1.0 / rank[idx];
                        mrrCount++;
                    }
                }
                for (int k = 0; k < ks.length; k++) {
                    hits[k] += best <= ks[k] ? 1 : 0;
                }
                if (i == giraffe) {
                    g.add(rank[words.indexOf("giraffe")]);
                }
                if (i == chelsea) {
                    c.add(rank[words.indexOf("cat")]);
                    a.add(rank[words.indexOf("animal")]);
                }
                if (variant.equals("original") && (i == giraffe || i == chelsea)) {
                    tops += Arrays.stream(order, 0, 5).mapToObj(words::get).toList() + " ";
                }
            }
        }
        double n = views.size();
        return String.format("%-5d | %4.2f | %4.2f | %-16s | %-16s | %-16s | %5.2f  | %.3f  | %5.2f %5.2f %5.2f %5.2f | %s",
                cousins, tau, w, g, c, a, hits[2] / n, mrr / mrrCount, hits[0] / n, hits[1] / n, hits[2] / n,
                hits[3] / n, tops);
    }
}
