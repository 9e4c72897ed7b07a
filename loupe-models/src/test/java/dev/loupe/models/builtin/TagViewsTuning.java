package dev.loupe.models.builtin;

import dev.loupe.core.Vectors;
import dev.loupe.models.tags.Conse;
import dev.loupe.models.tags.TagScorer;
import dev.loupe.models.tags.TagVocabulary;
import dev.loupe.models.text.SentenceEncoder;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Issue #20's optional item for tags: more views of the image (a 2x2 grid of overlapping crops, three squares along
 * the long side) on top of the tag recipe's whole image and centre crop, with the views' class probabilities pooled
 * by their mean (today), their per-class maximum (renormalised) or the mean of the two — for the ConSE tag vector and
 * for the hierarchy probabilities separately. Prints, per view set and pooling, the ranks of giraffe (giraffe.jpg),
 * cat and animal (chelsea.png), dog, horse and person (person.jpg) on the four variants of each photo, tag@5, tag MRR
 * and flat hit@k as the tag table of docs/quality.md ("Class hierarchy") defines them, and the classifier passes per
 * image; then the rows that meet the goals, sorted by that table's rule. The hierarchy settings are the default's.
 * Run like {@link ConseTuning} with main class {@code dev.loupe.models.builtin.TagViewsTuning}.
 */
public final class TagViewsTuning {
    /** One classifier input of a view set: a crop of the image, or of its mirror. */
    record View(String crop, boolean mirrored) {
    }

    /** How the views' class distributions are combined. */
    enum Pool { MEAN, MAX, MIX }

    private TagViewsTuning() {
    }

    /**
     * The crops measured, each as the image the encoder is handed (FULL: the crop squashed to 224x224); grid60 is
     * {@link ImageView}'s corner views.
     */
    static Map<String, UnaryOperator<BufferedImage>> crops() {
        Map<String, UnaryOperator<BufferedImage>> out = new LinkedHashMap<>();
        out.put("full", ImageView.FULL::prepare);
        out.put("centre", ImageView.CENTER_CROP::prepare);
        out.put("grid60-tl", ImageView.TOP_LEFT::prepare);
        out.put("grid60-tr", ImageView.TOP_RIGHT::prepare);
        out.put("grid60-bl", ImageView.BOTTOM_LEFT::prepare);
        out.put("grid60-br", ImageView.BOTTOM_RIGHT::prepare);
        double f = 0.75;
        out.put("grid75-tl", img -> ImageView.FULL.prepare(ImageView.crop(img, 0, 0, f, f)));
        out.put("grid75-tr", img -> ImageView.FULL.prepare(ImageView.crop(img, 1 - f, 0, f, f)));
        out.put("grid75-bl", img -> ImageView.FULL.prepare(ImageView.crop(img, 0, 1 - f, f, f)));
        out.put("grid75-br", img -> ImageView.FULL.prepare(ImageView.crop(img, 1 - f, 1 - f, f, f)));
        out.put("long-start", img -> ImageView.FULL.prepare(square(img, 0)));
        out.put("long-mid", img -> ImageView.FULL.prepare(square(img, 0.5)));
        out.put("long-end", img -> ImageView.FULL.prepare(square(img, 1)));
        return out;
    }

    /** The square of the shorter side's size at {@code at} (0 = start, 1 = end) along the longer side. */
    static BufferedImage square(BufferedImage img, double at) {
        int s = Math.min(img.getWidth(), img.getHeight());
        int x0 = (int) Math.round(at * (img.getWidth() - s));
        int y0 = (int) Math.round(at * (img.getHeight() - s));
        return img.getSubimage(x0, y0, s, s);
    }

    /** The view sets measured, by name. */
    static Map<String, List<View>> viewSets() {
        List<View> today = both("full", "centre");
        Map<String, List<View>> out = new LinkedHashMap<>();
        out.put("today (full, centre; mirrored)", today);
        for (String g : List.of("grid60", "grid75")) {
            List<String> grid = List.of(g + "-tl", g + "-tr", g + "-bl", g + "-br");
            out.put("today + " + g, join(today, plain(grid)));
            out.put("today + " + g + " mirrored", join(today, both(grid.toArray(String[]::new))));
            out.put("full + " + g + "; mirrored", join(both("full"), both(grid.toArray(String[]::new))));
        }
        out.put("today + long 3", join(today, plain(List.of("long-start", "long-mid", "long-end"))));
        out.put("today + long 3 mirrored", join(today, both("long-start", "long-mid", "long-end")));
        out.put("today + long ends", join(today, plain(List.of("long-start", "long-end"))));
        return out;
    }

    static List<View> both(String... crops) {
        List<View> out = new ArrayList<>();
        for (String c : crops) {
            out.add(new View(c, false));
            out.add(new View(c, true));
        }
        return out;
    }

    static List<View> plain(List<String> crops) {
        return crops.stream().map(c -> new View(c, false)).toList();
    }

    static List<View> join(List<View> a, List<View> b) {
        List<View> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    public static void main(String[] args) throws Exception {
        QualityFixture.Tuning t = QualityFixture.Tuning.load();
        Map<String, Map<String, List<float[]>>> logits = cropLogits(t.shared(), t.photos(), crops());
        TagVocabulary vocabulary = TagVocabulary.defaults(t.labels());
        BuiltinRecipe.TagRecipe tags = BuiltinRecipe.DEFAULT.tags();
        try (SentenceEncoder text = SentenceEncoder.open(tags.encoder(), 2)) {
            float[][] classes = ConseTuning.classEmbeddings(t.cache(), text, t.labels(), tags.templates());
            float[][] words = t.cache().get("vocab-" + tags.cacheKey() + "-" + vocabulary.key(), vocabulary.words().size(),
                    () -> ConseTagger.embedWords(text, vocabulary, tags));
            TagScorer scorer = new ConseTagger(classes, tags).scorer(vocabulary, words);
            BuiltinRecipe.TreeRecipe treeRecipe = BuiltinRecipe.DEFAULT.tree();
            TreeWords tree = TreeWords.of(vocabulary.words(), t.labels(), t.hierarchy(), () -> t.wordNet(), words, classes, treeRecipe);
            Conse conse = new Conse(classes, tags.topK(), tags.temperature());
            TagViewsRows rows = new TagViewsRows(t.photos(), vocabulary, tree, tree.priors(t.labels().size()));
            System.out.println("## tag views: score = CSLS cosine of the pooled tag vector + w x p ln(p / prior) of the pooled"
                    + " hierarchy probability; ranks per variant (original, mirrored, shrunk, both); hit@k = t.photos() with"
                    + " a captions.tsv tag in their top k (mean of variants); hierarchy: cousins >= "
                    + treeRecipe.minClasses() + ", tau " + treeRecipe.zeroShotTemperature());
            System.out.println(TagViewsRows.HEADER);
            List<TagViewsRows.Row> all = new ArrayList<>();
            for (var set : viewSets().entrySet()) {
                for (Pool vec : Pool.values()) {
                    for (Pool prob : Pool.values()) {
                        for (float w : new float[]{0.05f, 0.1f}) {
                            TagViewsRows.Views views = (variant, i) -> views(logits, set.getValue(), variant, i);
                            TagViewsRows.Row row = rows.row(set.getKey(), set.getValue().size(), vec, prob, w, views,
                                    views, conse, scorer, classes);
                            System.out.println(row.line());
                            all.add(row);
                        }
                    }
                }
            }
            TagViewsRows.Row today = all.get(0);
            // the tag vector as today (the mean over today's views), only the hierarchy probabilities from more views
            System.out.println();
            System.out.println("## tag vector from today's views (mean); hierarchy probabilities pooled over the view set");
            System.out.println(TagViewsRows.HEADER);
            List<View> todays = viewSets().values().iterator().next();
            TagViewsRows.Views vecViews = (variant, i) -> views(logits, todays, variant, i);
            for (var set : viewSets().entrySet()) {
                for (Pool prob : Pool.values()) {
                    for (float w : new float[]{0.025f, 0.05f, 0.075f, 0.1f}) {
                        TagViewsRows.Row row = rows.row("p: " + set.getKey(), set.getValue().size(), Pool.MEAN, prob,
                                w, vecViews, (variant, i) -> views(logits, set.getValue(), variant, i), conse, scorer,
                                classes);
                        System.out.println(row.line());
                        all.add(row);
                    }
                }
            }
            System.out.println();
            System.out.println("## by the tag table's rule (giraffe's worst rank, then cat's, then tag@5 + 4 x tag MRR);"
                    + " rows with cat and animal in the top 10");
            System.out.println(TagViewsRows.HEADER);
            all.stream().filter(r -> r.catWorst() <= 10 && r.animalWorst() <= 10)
                    .sorted(TagViewsRows.RULE).limit(25).forEach(r -> System.out.println(r.line()));
            System.out.println();
            System.out.println("## rows with giraffe in the top 3 on all four variants and no loss against today's row"
                    + " (tag@5, tag MRR, hit@1/2/5/10)");
            all.stream().filter(r -> r.giraffeWorst() <= 3 && r.catWorst() <= 10 && r.animalWorst() <= 10
                    && r.noLossAgainst(today)).sorted(TagViewsRows.RULE).forEach(r -> System.out.println(r.line()));
        }
    }

    /** The logits of one photo variant's views, each view of the mirror read from the mirrored variant. */
    static List<float[]> views(Map<String, Map<String, List<float[]>>> logits, List<View> set, String variant, int i) {
        List<float[]> out = new ArrayList<>(set.size());
        for (View v : set) {
            out.add(logits.get(v.crop()).get(v.mirrored() ? QualityFixture.mirrorOf(variant) : variant).get(i));
        }
        return out;
    }

    /** {@code result.get(crop).get(variant)} = the photos' classifier logits for that crop of that variant. */
    static Map<String, Map<String, List<float[]>>> cropLogits(Path shared, List<QualityFixture.Photo> photos,
                                                             Map<String, UnaryOperator<BufferedImage>> crops)
            throws java.io.IOException {
        Map<String, Map<String, List<float[]>>> logits = new LinkedHashMap<>();
        try (MobileNetEncoder enc = new MobileNetEncoder(shared.resolve("models/mobilenetv2-12-int8.onnx"), null, 2)) {
            for (QualityFixture.Photo p : photos) {
                Map<String, BufferedImage> variants = QualityFixture.variants(QualityFixture.read(shared, p));
                for (var crop : crops.entrySet()) {
                    for (var v : variants.entrySet()) {
                        logits.computeIfAbsent(crop.getKey(), x -> new LinkedHashMap<>())
                                .computeIfAbsent(v.getKey(), x -> new ArrayList<>())
                                .add(enc.encode(List.of(crop.getValue().apply(v.getValue()))).get(0).logits());
                    }
                }
            }
        }
        return logits;
    }

    /** The views' distributions pooled: their mean, their per-class maximum renormalised, or the mean of the two. */
    static float[] pool(List<float[]> distributions, Pool pool) {
        int n = distributions.get(0).length;
        float[] mean = new float[n];
        float[] max = new float[n];
        for (float[] d : distributions) {
            for (int c = 0; c < n; c++) {
                mean[c] += d[c] / distributions.size();
                max[c] = Math.max(max[c], d[c]);
            }
        }
        double sum = 0;
        for (float m : max) {
            sum += m;
        }
        float[] out = new float[n];
        for (int c = 0; c < n; c++) {
            float mx = (float) (max[c] / sum);
            out[c] = switch (pool) {
                case MEAN -> mean[c];
                case MAX -> mx;
                case MIX -> (mean[c] + mx) / 2;
            };
        }
        return out;
    }

    /**
     * The unit tag vector: {@link Pool#MEAN} is today's (the views' ConSE vectors averaged, {@link
     * Conse#embedViews}); the others combine the top-k classes of the pooled tempered distribution.
     */
    static float[] tagVector(List<float[]> logits, Pool pool, Conse conse, float[][] classes, int topK) {
        if (pool == Pool.MEAN) {
            return conse.embedViews(logits);
        }
        float[] p = pool(logits.stream().map(conse::probabilities).toList(), pool);
        float[] v = new float[classes[0].length];
        for (int c : Conse.topIndices(p, topK)) {
            v = Vectors.addScaled(v, p[c], classes[c]);
        }
        return Vectors.normalize(v);
    }

    /** The hierarchy's class probabilities: the classifier's own softmax (T = 1) of each view, pooled. */
    static float[] classProbabilities(List<float[]> logits, Pool pool) {
        return pool == Pool.MEAN ? BuiltinTags.classProbabilities(logits)
                : pool(logits.stream().map(BuiltinTags::softmax).toList(), pool);
    }

    static String ranks(int[] r) {
        return Arrays.toString(r).replace(" ", "");
    }
}
