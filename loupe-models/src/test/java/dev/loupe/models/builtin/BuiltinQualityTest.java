package dev.loupe.models.builtin;

import dev.loupe.core.Tag;
import dev.loupe.core.Vectors;
import dev.loupe.models.tags.Conse;
import dev.loupe.models.tags.TagScorer;
import dev.loupe.models.tags.TagVocabulary;
import dev.loupe.models.text.EmbeddingCache;
import dev.loupe.models.text.SentenceEncoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The builtin model's quality on the 21 shared photos with {@link BuiltinRecipe#DEFAULT}, through the same pieces
 * the model uses (image view, MobileNetV2 logits, ConSE, sentence encoder, tagger): caption-to-photo recall, three
 * short text queries, and two tags, one of them zero-shot. docs/quality.md explains the numbers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BuiltinQualityTest {
    /**
     * A regression guard one caption below what the default recipe measures on the original photos with the
     * antialiased resize (14/21, R@5 18/21). Issue #2's goal is R@1 >= 18; docs/quality.md shows why this image
     * tower does not reach it and how much single-variant R@1 moves with resampling noise.
     */
    private static final int MIN_R1 = 13;
    private static final int MIN_R5 = 17;
    /** "giraffe" is no ImageNet class; issue #2 asks for it in the top 5 of the ~1,400 words (measured: 4th). */
    private static final int GIRAFFE_WITHIN = 5;

    private final BuiltinRecipe recipe = BuiltinRecipe.DEFAULT;
    private final Path shared = QualityFixture.shared();
    private List<QualityFixture.Photo> photos;
    private List<float[]> logits;
    private MobileNetEncoder images;
    private List<float[]> semantic;
    private SentenceEncoder text;
    private EmbeddingCache cache;
    private List<String> labels;

    @BeforeAll
    void encodePhotos() throws Exception {
        photos = QualityFixture.photos(shared);
        labels = QualityFixture.labels(shared);
        images = new MobileNetEncoder(shared.resolve("models/mobilenetv2-12-int8.onnx"), null, 2);
        logits = QualityFixture.logits(images, shared, photos, recipe.view());
        text = SentenceEncoder.open(recipe.textEncoder(), 2);
        cache = new EmbeddingCache(Path.of("target", "quality-embedding-cache"));
        float[][] classes = cache.get("classes-" + recipe.cacheKey() + "-" + Integer.toHexString(labels.hashCode()),
                labels.size(), () -> new ClassPrompts(recipe.templates()).embed(text, labels));
        Conse conse = new Conse(classes, recipe.topK(), recipe.temperature());
        semantic = logits.stream().map(conse::embed).toList();
    }

    @AfterAll
    void close() {
        text.close();
        images.close();
    }

    @Test
    void captionsFindTheirPhotos() {
        List<float[]> queries = text.encode(photos.stream().map(QualityFixture.Photo::caption).toList());
        QualityFixture.Recall r = QualityFixture.recall(semantic, queries);
        String summary = "caption->photo R@1 " + r.r1() + "/21, R@5 " + r.r5() + "/21, misses: "
                + r.misses(photos, semantic, queries);
        System.out.println(summary);
        assertTrue(r.r1() >= MIN_R1, summary);
        assertTrue(r.r5() >= MIN_R5, summary);
    }

    @Test
    void shortQueriesRankTheRightPhotoFirst() {
        assertEquals("chelsea.png", top("a cat"));
        assertEquals("coffee.png", top("a cup of coffee"));
        assertEquals("rocket.jpg", top("a rocket"));
    }

    @Test
    void tagsNameTheCatAndTheZeroShotGiraffe() throws Exception {
        TagVocabulary vocabulary = TagVocabulary.defaults(labels);
        assertTrue(!labels.contains("giraffe") && vocabulary.words().contains("giraffe"),
                "giraffe must be a zero-shot word: in the default vocabulary, not an ImageNet class");
        BuiltinRecipe.TagRecipe tags = recipe.tags();
        float[][] classes;
        float[][] words;
        try (SentenceEncoder tagText = SentenceEncoder.open(tags.encoder(), 2)) {
            classes = cache.get("tagclasses-" + tags.cacheKey() + "-" + Integer.toHexString(labels.hashCode()),
                    labels.size(), () -> ConseTagger.embedClasses(tagText, labels, tags));
            words = cache.get("tags-" + tags.cacheKey() + "-" + vocabulary.key(), vocabulary.words().size(),
                    () -> ConseTagger.embedWords(tagText, vocabulary, tags));
        }
        ConseTagger tagger = new ConseTagger(classes, tags);
        TagScorer scorer = tagger.scorer(vocabulary, words);
        List<String> cat = tags(tagger, scorer, "chelsea.png");
        List<String> giraffe = tags(tagger, scorer, "giraffe.jpg", GIRAFFE_WITHIN);
        System.out.println("chelsea.png tags " + cat + "; giraffe.jpg tags " + giraffe);
        assertTrue(cat.contains("cat"), "chelsea.png top-5 tags " + cat);
        assertTrue(giraffe.contains("giraffe"), "giraffe.jpg top-" + GIRAFFE_WITHIN + " tags " + giraffe);
    }

    /** Top-5 tags of a photo, its views encoded as the tag recipe says. */
    private List<String> tags(ConseTagger tagger, TagScorer scorer, String file) throws Exception {
        return tags(tagger, scorer, file, 5);
    }

    private List<String> tags(ConseTagger tagger, TagScorer scorer, String file, int k) throws Exception {
        QualityFixture.Photo photo = photos.get(index(file));
        List<float[]> views = images.encode(recipe.tags().views(QualityFixture.read(shared, photo))).stream()
                .map(MobileNetEncoder.Output::logits).toList();
        return tagger.tags(views, scorer, k).stream().map(Tag::tag).toList();
    }

    private String top(String query) {
        float[] q = text.encode(query);
        int best = QualityFixture.best(semantic, q);
        float second = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < semantic.size(); i++) {
            if (i != best) {
                second = Math.max(second, Vectors.dot(q, semantic.get(i)));
            }
        }
        System.out.printf("'%s' -> %s (margin %.3f)%n", query, photos.get(best).file(),
                Vectors.dot(q, semantic.get(best)) - second);
        return photos.get(best).file();
    }

    private int index(String file) {
        return ConseTuning.index(photos, file);
    }
}
