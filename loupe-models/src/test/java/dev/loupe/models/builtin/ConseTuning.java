package dev.loupe.models.builtin;

import dev.loupe.core.Tag;
import dev.loupe.models.tags.Conse;
import dev.loupe.models.tags.TagScorer;
import dev.loupe.models.tags.TagVocabulary;
import dev.loupe.models.text.EmbeddingCache;
import dev.loupe.models.text.SentenceEncoder;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints the tables docs/quality.md chooses the builtin recipe from: caption-to-photo R@1/R@5 over the 21 shared
 * photos for every text encoder, class-prompt set, image view, ConSE k and temperature, with and without mirror
 * test-time augmentation, whether the three short queries of issue #2 rank their photo first, plus R@1 and MRR
 * averaged over four variants of each photo (the choice is made on the mean MRR among the rows that pass the short
 * queries: single-variant R@1 on 21 photos moves by 2-4 with resampling noise); then, for tags, over the same four
 * variants: the rank of "giraffe" (zero-shot) on giraffe.jpg, of "cat" on chelsea.png, and how many photos have one
 * of their captions.tsv tags among their top 5, for tag templates, k, T, CSLS neighbourhood and mirror averaging.
 *
 * <p>Run (from the project root, after {@code ./mvnw -q -B -o install -DskipTests}):
 * <pre>
 * ./mvnw -B -o -q -pl loupe-models dependency:build-classpath -Dmdep.outputFile=/tmp/cp-q.txt -Dmdep.includeScope=test
 * $JAVA_HOME/bin/java -cp loupe-models/target/test-classes:loupe-models/target/classes:$(cat /tmp/cp-q.txt) \
 *     -Dloupe.shared=/work/shared dev.loupe.models.builtin.ConseTuning
 * </pre>
 * Class-prompt embeddings are cached in {@code -Dloupe.tuning.cache} (default /tmp/loupe-tuning-cache); the first
 * run embeds about 20,000 prompts (several minutes on 2 cores), later runs take about a minute.
 */
public class ConseTuning {
    static final Map<String, List<String>> PROMPTS = new LinkedHashMap<>();
    /** Issue #2's three short queries and the photo each must rank first ("short" column). */
    static final List<String> SHORT_QUERIES = List.of("a cat", "a cup of coffee", "a rocket");
    static final List<String> SHORT_TARGETS = List.of("chelsea.png", "coffee.png", "rocket.jpg");
    /** The views a search vector is measured with (the corner views serve only the tag probabilities). */
    static final List<ImageView> WHOLE_VIEWS = List.of(ImageView.CENTER_CROP, ImageView.FULL);

    static {
        PROMPTS.put("label", List.of("%s"));
        PROMPTS.put("photo", List.of("a photo of a %s."));
        PROMPTS.put("label+photo", List.of("%s", "a photo of a %s."));
        PROMPTS.put("clip5", List.of("a photo of the %s.", "a close-up photo of a %s.",
                "a black and white photo of a %s.", "a painting of a %s.", "a cropped photo of the %s."));
    }

    /** One configuration's row. */
    record Row(String line, double meanMrr) {
    }

    public static void main(String[] args) throws Exception {
        Path shared = QualityFixture.shared();
        EmbeddingCache cache = tuningCache();
        List<String> labels = QualityFixture.labels(shared);
        List<QualityFixture.Photo> photos = QualityFixture.photos(shared);
        Map<ImageView, Map<String, List<float[]>>> logits = viewLogits(shared, photos);
        List<String> captions = photos.stream().map(QualityFixture.Photo::caption).toList();
        System.out.println("## caption -> photo over the 21 photos; 'mean' columns average the 4 variants of each photo"
                + " (original, mirrored, shrunk 70%, both)");
        String header = String.format("%-9s | %-11s | %-11s | %4s | %3s | %-6s | %-5s | %5s | %5s | %6s | %5s | %s",
                "encoder", "prompts", "view", "k", "T", "mirror", "short", "R@1", "R@5", "mean R@1", "mean MRR",
                "misses on the originals: caption->top photo(rank of the right one)");
        System.out.println(header);
        List<Row> rows = new ArrayList<>();
        for (SentenceEncoder.Kind kind : SentenceEncoder.Kind.values()) {
            try (SentenceEncoder text = SentenceEncoder.open(kind, 2)) {
                List<float[]> queries = text.encode(captions);
                List<float[]> shortQueries = text.encode(SHORT_QUERIES);
                for (var prompts : PROMPTS.entrySet()) {
                    float[][] classes = classEmbeddings(cache, text, labels, prompts.getValue());
                    for (ImageView view : WHOLE_VIEWS) {
                        for (int k : new int[]{10, 50, 100, 1000}) {
                            for (float t : new float[]{1, 2, 3, 5}) {
                                for (boolean mirror : new boolean[]{false, true}) {
                                    Row row = row(kind, prompts.getKey(), view, k, t, mirror, new Conse(classes, k, t),
                                            logits.get(view), queries, shortQueries, photos);
                                    System.out.println(row.line());
                                    rows.add(row);
                                }
                            }
                        }
                    }
                }
            }
        }
        System.out.println();
        System.out.println("## the 15 best by mean MRR");
        System.out.println(header);
        rows.stream().sorted(Comparator.comparingDouble(Row::meanMrr).reversed()).limit(15)
                .forEach(r -> System.out.println(r.line()));
        System.out.println();
        System.out.println("## the 10 best by mean MRR without mirror augmentation that pass the three short queries");
        System.out.println(header);
        rows.stream().filter(r -> r.line().contains("| no     | 3/3"))
                .sorted(Comparator.comparingDouble(Row::meanMrr).reversed()).limit(10)
                .forEach(r -> System.out.println(r.line()));
        tagTable(cache, labels, photos, logits.get(BuiltinRecipe.DEFAULT.view()));
    }

    static Row row(SentenceEncoder.Kind kind, String prompts, ImageView view, int k, float t, boolean mirror,
                   Conse conse, Map<String, List<float[]>> logits, List<float[]> queries,
                   List<float[]> shortQueries, List<QualityFixture.Photo> photos) {
        double r1 = 0;
        double mrr = 0;
        QualityFixture.Recall original = null;
        List<float[]> originalImages = null;
        for (String variant : logits.keySet()) {
            List<float[]> images = new ArrayList<>();
            for (int i = 0; i < photos.size(); i++) {
                float[] l = logits.get(variant).get(i);
                images.add(mirror ? conse.embedViews(List.of(l, logits.get(QualityFixture.mirrorOf(variant)).get(i)))
                        : conse.embed(l));
            }
            QualityFixture.Recall r = QualityFixture.recall(images, queries);
            r1 += r.r1();
            mrr += r.mrr();
            if (variant.equals("original")) {
                original = r;
                originalImages = images;
            }
        }
        int n = logits.size();
        int shortHits = 0;
        for (int q = 0; q < SHORT_QUERIES.size(); q++) {
            int best = QualityFixture.best(originalImages, shortQueries.get(q));
            shortHits += photos.get(best).file().equals(SHORT_TARGETS.get(q)) ? 1 : 0;
        }
        String line = String.format("%-9s | %-11s | %-11s | %4d | %3.0f | %-6s | %d/3   | %2d/21 | %2d/21 | %8.2f | %8.3f | %s",
                kind, prompts, view, k, t, mirror ? "yes" : "no", shortHits, original.r1(), original.r5(), r1 / n,
                mrr / n, original.misses(photos, originalImages, queries));
        return new Row(line, mrr / n);
    }

    /** The embedding cache of the tuning runs ({@code -Dloupe.tuning.cache}, default /tmp/loupe-tuning-cache). */
    static EmbeddingCache tuningCache() {
        return new EmbeddingCache(Path.of(System.getProperty("loupe.tuning.cache", "/tmp/loupe-tuning-cache")));
    }

    /** {@code result.get(view).get(variant)} = the photos' classifier logits for that view of that variant. */
    static Map<ImageView, Map<String, List<float[]>>> viewLogits(Path shared, List<QualityFixture.Photo> photos)
            throws java.io.IOException {
        Map<ImageView, Map<String, List<float[]>>> logits = new EnumMap<>(ImageView.class);
        try (MobileNetEncoder enc = new MobileNetEncoder(shared.resolve("models/mobilenetv2-12-int8.onnx"), null, 2)) {
            for (QualityFixture.Photo p : photos) {
                Map<String, BufferedImage> variants = QualityFixture.variants(QualityFixture.read(shared, p));
                for (ImageView view : ImageView.values()) {
                    for (var v : variants.entrySet()) {
                        logits.computeIfAbsent(view, x -> new LinkedHashMap<>())
                                .computeIfAbsent(v.getKey(), x -> new ArrayList<>())
                                .add(enc.encode(List.of(view.prepare(v.getValue()))).get(0).logits());
                    }
                }
            }
        }
        return logits;
    }

    static void tagTable(EmbeddingCache cache, List<String> labels, List<QualityFixture.Photo> photos,
                         Map<String, List<float[]>> logits) {
        TagVocabulary vocabulary = TagVocabulary.defaults(labels);
        System.out.println();
        System.out.println("## tags (default vocabulary: " + vocabulary.words().size() + " words; view "
                + BuiltinRecipe.DEFAULT.view() + "); ranks per variant: original, mirrored, shrunk, both; tag MRR = mean"
                + " reciprocal rank of each photo's captions.tsv tags");
        String header = String.format("%-9s | %-11s | %4s | %3s | %4s | %-6s | %-15s | %-15s | %-9s | %-7s | %-11s | %-7s | %s",
                "encoder", "prompt", "k", "T", "hubK", "mirror", "giraffe ranks", "cat ranks", "giraffe@5", "cat@5",
                "mean tag@5", "tag MRR", "giraffe.jpg top 5 (original)");
        System.out.println(header);
        List<TagRow> rows = new ArrayList<>();
        for (SentenceEncoder.Kind kind : SentenceEncoder.Kind.values()) {
            try (SentenceEncoder text = SentenceEncoder.open(kind, 2)) {
                for (String prompt : List.of("label", "photo", "label+photo")) {
                    for (int k : new int[]{5, 10, 20, 100}) {
                        for (float t : new float[]{2, 2.5f, 3}) {
                            for (int hubK : new int[]{0, 3, 5}) {
                                for (boolean mirror : new boolean[]{false, true}) {
                                    var recipe = new BuiltinRecipe.TagRecipe(kind, PROMPTS.get(prompt), k, t, hubK,
                                            List.of(ImageView.FULL), mirror, List.of());
                                    TagRow row = tagRow(cache, text, labels, vocabulary, recipe, prompt, photos, logits);
                                    System.out.println(row.line());
                                    rows.add(row);
                                }
                            }
                        }
                    }
                }
            }
        }
        System.out.println();
        System.out.println("## tag settings with giraffe in the top 5 and cat in the top 3 on all four variants, by mean"
                + " tag@5 + 4 x tag MRR");
        System.out.println(header);
        rows.stream().filter(r -> r.giraffeWorst() <= 5 && r.catWorst() <= 3)
                .sorted(Comparator.comparingDouble(TagRow::merit).reversed())
                .forEach(r -> System.out.println(r.line()));
    }

    /** One tag setting's row, with what the summary filters and sorts on. */
    record TagRow(String line, int giraffeWorst, int catWorst, double merit) {
    }

    static TagRow tagRow(EmbeddingCache cache, SentenceEncoder text, List<String> labels, TagVocabulary vocabulary,
                         BuiltinRecipe.TagRecipe recipe, String prompt, List<QualityFixture.Photo> photos,
                         Map<String, List<float[]>> logits) {
        float[][] classes = classEmbeddings(cache, text, labels, recipe.templates());
        float[][] words = cache.get("vocab-" + recipe.cacheKey() + "-" + vocabulary.key(), vocabulary.words().size(),
                () -> ConseTagger.embedWords(text, vocabulary, recipe));
        ConseTagger tagger = new ConseTagger(classes, recipe);
        TagScorer scorer = tagger.scorer(vocabulary, words);
        int giraffe = index(photos, "giraffe.jpg");
        int chelsea = index(photos, "chelsea.png");
        List<Integer> giraffeRanks = new ArrayList<>();
        List<Integer> catRanks = new ArrayList<>();
        int withTag = 0;
        double tagMrr = 0;
        int tagCount = 0;
        List<String> giraffeTop = null;
        for (String variant : logits.keySet()) {
            for (int i = 0; i < photos.size(); i++) {
                List<float[]> views = recipe.mirror()
                        ? List.of(logits.get(variant).get(i), logits.get(QualityFixture.mirrorOf(variant)).get(i))
                        : List.of(logits.get(variant).get(i));
                List<Tag> all = tagger.tags(views, scorer, vocabulary.words().size());
                List<String> top = all.subList(0, 5).stream().map(Tag::tag).toList();
                withTag += photos.get(i).tags().stream().anyMatch(top::contains) ? 1 : 0;
                for (String tag : photos.get(i).tags()) {
                    if (vocabulary.words().contains(tag)) { // a few captions.tsv tags are no vocabulary words
                        tagMrr += 1.0 / rank(all, tag);
                        tagCount++;
                    }
                }
                if (i == giraffe) {
                    giraffeRanks.add(rank(all, "giraffe"));
                    giraffeTop = variant.equals("original") ? top : giraffeTop;
                }
                if (i == chelsea) {
                    catRanks.add(rank(all, "cat"));
                }
            }
        }
        double tagAt5 = withTag / (double) logits.size();
        tagMrr /= tagCount;
        String line = String.format("%-9s | %-11s | %4d | %3.1f | %4d | %-6s | %-15s | %-15s | %d/4       | %d/4     | %5.2f/21    | %.3f   | %s",
                recipe.encoder(), prompt, recipe.topK(), recipe.temperature(), recipe.hubK(),
                recipe.mirror() ? "yes" : "no", giraffeRanks, catRanks, giraffeRanks.stream().filter(r -> r <= 5).count(),
                catRanks.stream().filter(r -> r <= 5).count(), tagAt5, tagMrr, giraffeTop);
        return new TagRow(line, giraffeRanks.stream().max(Integer::compare).orElseThrow(),
                catRanks.stream().max(Integer::compare).orElseThrow(), tagAt5 + 4 * tagMrr);
    }

    static float[][] classEmbeddings(EmbeddingCache cache, SentenceEncoder text, List<String> labels,
                                     List<String> templates) {
        return cache.get("classes-" + text.kind() + "-" + Integer.toHexString(templates.hashCode()) + "-"
                + Integer.toHexString(labels.hashCode()), labels.size(), () -> new ClassPrompts(templates).embed(text, labels));
    }

    static int rank(List<Tag> ranked, String word) {
        for (int i = 0; i < ranked.size(); i++) {
            if (ranked.get(i).tag().equals(word)) {
                return i + 1;
            }
        }
        throw new IllegalStateException("'" + word + "' is not in the vocabulary");
    }

    static int index(List<QualityFixture.Photo> photos, String file) {
        for (int i = 0; i < photos.size(); i++) {
            if (photos.get(i).file().equals(file)) {
                return i;
            }
        }
        throw new IllegalStateException(file + " is not in captions.tsv");
    }

}
