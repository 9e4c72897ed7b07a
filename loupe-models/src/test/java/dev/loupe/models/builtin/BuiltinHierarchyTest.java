package dev.loupe.models.builtin;

import dev.loupe.core.Tag;
import dev.loupe.models.onnx.SharedData;
import dev.loupe.models.store.ModelStore;
import dev.loupe.models.store.ProgressListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The builtin model with its class hierarchy, opened from files installed from the shared mirror exactly as the
 * product opens it: tags carry probabilities and paths from the tree, the zero-shot "giraffe" and the general "cat"
 * and "animal" are where docs/quality.md measures them (guarded one step below), queries naming hierarchy nouns
 * move towards them while other queries do not change, and the hierarchy is cached so WordNet is read once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BuiltinHierarchyTest {
    /**
     * Measured 3rd on giraffe.jpg and on its three variants, through the product path, with the corner views in the
     * hierarchy probabilities (docs/quality.md, "Multi-view tags"); guarded one step below, in the top 4.
     */
    private static final int GIRAFFE_WITHIN = 4;
    /** Issue #20: "cat" and "animal" in chelsea.png's top 10 (measured 2nd and 4th). */
    private static final int CAT_AND_ANIMAL_WITHIN = 10;

    private BuiltinModel model;
    private Path cacheDir;

    @BeforeAll
    void open() throws Exception {
        Path home = Files.createTempDirectory(Path.of("target"), "hierarchy-home");
        Map<String, String> env = Map.of(ModelStore.HOME_ENV, home.toString(),
                ModelStore.MIRROR_ENV, SharedData.dir().resolve("models").toString());
        ModelStore store = ModelStore.fromEnvironment(env::get, home, ModelStore.defaultHttpClient());
        // the embeddings are the same as BuiltinQualityTest's: share its cache so they are computed once per build
        cacheDir = Path.of("target", "quality-embedding-cache");
        model = new BuiltinModel(BuiltinModelFiles.installBuiltin(store, ProgressListener.NONE), cacheDir,
                BuiltinRecipe.DEFAULT, 2);
    }

    @AfterAll
    void close() {
        model.close();
    }

    private List<Tag> tags(String photo, int k) throws Exception {
        var image = javax.imageio.ImageIO.read(SharedData.dir().resolve("photos").resolve(photo).toFile());
        return model.tags(image, model.defaultTagVocabulary(), k);
    }

    @Test
    void giraffeIsAmongTheFirstTagsOfItsPhoto() throws Exception {
        List<String> top = tags("giraffe.jpg", GIRAFFE_WITHIN).stream().map(Tag::tag).toList();
        assertTrue(top.contains("giraffe"), "giraffe.jpg top " + GIRAFFE_WITHIN + ": " + top);
    }

    @Test
    void theCatPhotoIsACatAndAnAnimalWithProbabilitiesFromTheTree() throws Exception {
        List<Tag> top = tags("chelsea.png", CAT_AND_ANIMAL_WITHIN);
        Tag cat = top.stream().filter(t -> t.tag().equals("cat")).findFirst().orElseThrow(() -> new AssertionError(
                "no 'cat' in chelsea.png's top " + CAT_AND_ANIMAL_WITHIN + ": " + top));
        Tag animal = top.stream().filter(t -> t.tag().equals("animal")).findFirst().orElseThrow(() ->
                new AssertionError("no 'animal' in chelsea.png's top " + CAT_AND_ANIMAL_WITHIN + ": " + top));
        assertTrue(cat.probability() > 0.5f, cat.toString());
        assertTrue(animal.probability() >= cat.probability(), "an animal is at least as likely as a cat: " + top);
        assertEquals("cat", cat.path().get(0));
        assertEquals("animal", cat.path().get(cat.path().size() - 1), cat.toString());
        assertTrue(cat.path().contains("feline"), cat.toString());
    }

    @Test
    void hierarchyLabelsAreTheNounsAboveTheLikelyClasses() throws Exception {
        var image = javax.imageio.ImageIO.read(SharedData.dir().resolve("photos/chelsea.png").toFile());
        List<String> labels = model.hierarchyLabels(image, 0.5f).stream().map(Tag::tag).toList();
        assertTrue(labels.containsAll(List.of("cat", "feline", "mammal", "animal")), labels.toString());
        assertFalse(labels.contains("entity") || labels.contains("object") || labels.contains("vehicle"),
                labels.toString());
    }

    @Test
    void queryNounsNameWhatTheHierarchyNamesAndSurviveTheirCacheFile() throws Exception {
        BuiltinHierarchy h = model.hierarchy();
        QueryNouns nouns = QueryNouns.of(h);
        QueryNouns read = QueryNouns.fromText(nouns.toText());
        List<String> texts = new java.util.ArrayList<>(List.of("two dogs and a boat", "geese on a lake",
                "an animal", "a physical entity", "whole objects", "ponies and foxes", "a cup of coffee"));
        QualityFixture.photos(SharedData.dir()).forEach(p -> texts.add(p.caption()));
        for (String text : texts) {
            List<String> expected = h.namedIn(text).stream().map(h::display).toList();
            assertEquals(expected, nouns.namedIn(text), text);
            assertEquals(expected, read.namedIn(text), text);
        }
        assertEquals(List.of("goose"), nouns.namedIn("geese on a lake").subList(0, 1), "an irregular plural");
        assertEquals(List.of(), nouns.namedIn("a physical entity"), "nouns near the root say nothing");
        model.namedLabels("an animal");
        try (var files = Files.list(cacheDir)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("query-nouns-")));
        }
    }

    @Test
    void queriesNameHierarchyNounsAsTheLabelsTheModelStoresAndLeaveTheirEmbeddingAlone() {
        BuiltinHierarchy h = model.hierarchy();
        assertEquals(List.of("dog", "boat"), h.namedIn("two dogs and a boat").stream().map(h::display).toList());
        assertEquals(List.of("tabby cat"), h.namedIn("a tabby cat looking to the side").stream().map(h::display)
                .toList());
        assertEquals(List.of(), h.namedIn("a close-up texture of gravel stones"));
        var named = model.namedLabels("two dogs and a boat").orElseThrow();
        assertEquals(List.of("dog", "boat"), named.labels());
        assertEquals(BuiltinRecipe.DEFAULT.tree().searchWeight(), named.weight());
        assertTrue(named.weight() > 0, "the default recipe fuses the hierarchy's probability into search");
        assertTrue(model.namedLabels("a close-up texture of gravel stones").isEmpty());
        assertTrue(BuiltinModel.ID.equals(model.info().id())
                && model.labelThreshold() == BuiltinRecipe.DEFAULT.tree().labelProbability());
        try (var plain = dev.loupe.models.text.SentenceEncoder.open(BuiltinRecipe.DEFAULT.textEncoder(), 1)) {
            // the probability is a second signal beside the cosine, not a change of the query's vector
            assertEquals(1f, dev.loupe.core.Vectors.dot(model.encodeText("an animal"), plain.encode("an animal")),
                    1e-5f);
        }
    }


    @Test
    void theHierarchyIsCachedBesideTheEmbeddings() throws Exception {
        try (var files = Files.list(cacheDir)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("hierarchy-")));
        }
    }
}
