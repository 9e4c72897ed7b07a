package dev.loupe.models.clip;

import dev.loupe.core.ModelInfo;
import dev.loupe.core.Space;
import dev.loupe.core.Tag;
import dev.loupe.core.Vectors;
import dev.loupe.models.onnx.SharedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ClipModel over the tiny colour CLIP: wiring, batching, normalization, graph checks, identity, tags. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClipModelTest {
    private static final List<String> COLOURS = List.of("red", "green", "blue", "yellow");

    @TempDir
    static Path dir;
    private Map<String, String> sha;
    private ModelDescriptor descriptor;
    private ClipModel model;

    @BeforeAll
    void build() throws IOException {
        sha = TinyClip.writeFiles(dir);
        descriptor = TinyClip.descriptor(sha);
        model = ClipModel.open(descriptor, dir, ClipModel.Settings.of(1, COLOURS));
    }

    @AfterAll
    void close() {
        model.close();
    }

    private static BufferedImage photo(String name) throws IOException {
        BufferedImage image = ImageIO.read(SharedData.dir().resolve("photos").resolve(name).toFile());
        assertTrue(image != null, name);
        return image;
    }

    /** A noisy image of one colour, not square, so that resizing and cropping matter. */
    private static BufferedImage colour(Color c, long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int r = clamp(c.getRed() + random.nextInt(61) - 30);
                int g = clamp(c.getGreen() + random.nextInt(61) - 30);
                int b = clamp(c.getBlue() + random.nextInt(61) - 30);
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return image;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    @Test
    void oneJointUnitSpaceNamedAfterTheDescriptor() {
        ModelInfo info = model.info();
        assertEquals(TinyClip.NAME, info.id());
        assertEquals(List.of(new Space(Space.SEMANTIC, TinyClip.DIMENSION)), info.spaces());
        assertEquals(Space.SEMANTIC, info.textSpace());
        assertEquals(0f, model.visualWeight());
        float[] text = model.encodeText("a photo of something");
        assertEquals(1.0, Vectors.norm(text), 1e-5);
    }

    @Test
    void imageEmbeddingIsTheGraphAppliedToClipPreprocessing() throws IOException {
        BufferedImage cat = photo("chelsea.png");
        float[] pixels = new ClipPreprocessor(ImagePreprocessing.CLIP).preprocess(cat);
        float[] expected = Vectors.normalize(TinyClip.imageEmbeddingByHand(pixels));
        float[] actual = model.encodeImage(cat).get(Space.SEMANTIC);
        assertArrayEquals(expected, actual, 2e-5f);
        assertEquals(1.0, Vectors.norm(actual), 1e-5);
    }

    @Test
    void colourWordsFindImagesOfThatColour() {
        List<BufferedImage> images = List.of(colour(new Color(200, 40, 40), 1), colour(new Color(40, 170, 60), 2),
                colour(new Color(50, 60, 200), 3), colour(new Color(220, 210, 40), 4));
        List<float[]> vectors = model.encodeImages(images).stream().map(v -> v.get(Space.SEMANTIC)).toList();
        List<String> queries = List.of("a red car", "green grass", "the blue sea", "a YELLOW flower");
        List<float[]> texts = model.encodeTexts(queries);
        for (int q = 0; q < queries.size(); q++) {
            int best = 0;
            for (int i = 1; i < vectors.size(); i++) {
                if (Vectors.dot(texts.get(q), vectors.get(i)) > Vectors.dot(texts.get(q), vectors.get(best))) {
                    best = i;
                }
            }
            assertEquals(q, best, "query '" + queries.get(q) + "'");
            List<Tag> tags = model.tags(vectors.get(q), model.defaultTagVocabulary(), 2);
            assertEquals(COLOURS.get(q), tags.get(0).tag(), "tags of image " + q + ": " + tags);
            assertTrue(tags.get(0).score() > tags.get(1).score());
        }
    }

    @Test
    void batchesGiveTheVectorsOfSingleImagesInOrder() throws IOException {
        List<BufferedImage> images = new ArrayList<>();
        for (String p : List.of("chelsea.png", "coffee.png", "rocket.jpg", "moon.png", "kite.jpg", "retina.jpg",
                "scream.jpg")) {
            images.add(photo(p));
        }
        try (ClipModel small = ClipModel.open(descriptor, dir, new ClipModel.Settings(1, 3,
                ClipModel.DEFAULT_TAG_TEMPLATE, COLOURS, null))) {
            List<float[]> batched = small.encodeImages(images).stream().map(v -> v.get(Space.SEMANTIC)).toList();
            assertEquals(images.size(), batched.size());
            for (int i = 0; i < images.size(); i++) {
                float[] single = model.encodeImage(images.get(i)).get(Space.SEMANTIC);
                assertArrayEquals(single, batched.get(i), 1e-5f, "image " + i);
                assertEquals(1.0, Vectors.norm(batched.get(i)), 1e-5);
            }
            assertNotEquals(Vectors.dot(batched.get(0), batched.get(1)), 1f, 1e-3f);
        }
    }

    @Test
    void aGraphWithItsBatchFixedAtOneIsFedOneImageAtATime() throws IOException {
        Path other = dir.resolve("batch-one");
        Map<String, String> shas = new HashMap<>(TinyClip.writeFiles(other));
        Files.write(other.resolve(TinyClip.IMAGE_FILE), TinyClip.imageGraph("pixel_values", "image_embeds",
                dev.loupe.models.onnx.Dim.of(1)));
        shas.put(TinyClip.IMAGE_FILE, TinyClip.sha256(Files.readAllBytes(other.resolve(TinyClip.IMAGE_FILE))));
        List<BufferedImage> images = List.of(photo("chelsea.png"), photo("rocket.jpg"), photo("coffee.png"));
        try (ClipModel one = ClipModel.open(TinyClip.descriptor(shas), other, ClipModel.Settings.of(1, COLOURS))) {
            List<float[]> got = one.encodeImages(images).stream().map(v -> v.get(Space.SEMANTIC)).toList();
            for (int i = 0; i < images.size(); i++) {
                assertArrayEquals(model.encodeImage(images.get(i)).get(Space.SEMANTIC), got.get(i), 1e-5f);
            }
        }
        Files.write(other.resolve(TinyClip.IMAGE_FILE), TinyClip.imageGraph("pixel_values", "image_embeds",
                dev.loupe.models.onnx.Dim.of(4)));
        shas.put(TinyClip.IMAGE_FILE, TinyClip.sha256(Files.readAllBytes(other.resolve(TinyClip.IMAGE_FILE))));
        IllegalStateException fixed = assertThrows(IllegalStateException.class, () -> ClipModel.open(
                TinyClip.descriptor(shas), other, ClipModel.Settings.of(1, COLOURS)));
        assertTrue(fixed.getMessage().contains("fixed batch size of 4"), fixed.getMessage());
    }

    @Test
    void textBatchesLargerThanOneGraphCallKeepTheirOrder() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            texts.add(COLOURS.get(i % 4) + " thing number " + i);
        }
        List<float[]> all = model.encodeTexts(texts);
        assertEquals(150, all.size());
        for (int i : new int[] {0, 63, 64, 65, 149}) {
            assertArrayEquals(model.encodeText(texts.get(i)), all.get(i), 1e-6f, "text " + i);
        }
        assertThrows(IllegalArgumentException.class, () -> model.encodeTexts(java.util.Arrays.asList("red", null)));
    }

    @Test
    void int32TextGraphWithAttentionMaskEmbedsLikeTheInt64One() throws IOException {
        Path other = dir.resolve("masked");
        TinyClip.writeFiles(other);
        Files.write(other.resolve(TinyClip.TEXT_FILE), TinyClip.maskedInt32TextGraph());
        Map<String, String> shas = new HashMap<>(sha);
        shas.put(TinyClip.TEXT_FILE, TinyClip.sha256(Files.readAllBytes(other.resolve(TinyClip.TEXT_FILE))));
        String json = TinyClip.descriptorJson(shas).replace("\"textInput\": \"input_ids\"",
                "\"textInput\": \"text\", \"attentionMaskInput\": \"mask\", \"textInputType\": \"int32\"")
                .replace("\"textOutput\": \"text_embeds\"", "\"textOutput\": \"text_embedding\"");
        try (ClipModel masked = ClipModel.open(ModelDescriptors.parse(json, "masked.json"), other,
                ClipModel.Settings.of(1, COLOURS))) {
            for (String t : List.of("a red apple", "dark blue water", "yellow and green")) {
                assertArrayEquals(model.encodeText(t), masked.encodeText(t), 1e-5f, t);
            }
            assertNotEquals(model.info().version(), masked.info().version());
        }
    }

    private IllegalStateException loadFails(String json) {
        return assertThrows(IllegalStateException.class,
                () -> ClipModel.open(ModelDescriptors.parse(json, "bad.json"), dir, ClipModel.Settings.of(1, COLOURS)));
    }

    @Test
    void graphNamesThatDoNotMatchTheDescriptorAreReportedWithFileAndNames() {
        String good = TinyClip.descriptorJson(sha);
        IllegalStateException input = loadFails(good.replace("\"imageInput\": \"pixel_values\"",
                "\"imageInput\": \"image\""));
        assertTrue(input.getMessage().contains(TinyClip.IMAGE_FILE) && input.getMessage().contains("'image'")
                && input.getMessage().contains("[pixel_values]") && input.getMessage().contains("graph.imageInput")
                && input.getMessage().contains("tiny-clip"), input.getMessage());

        IllegalStateException output = loadFails(good.replace("\"textOutput\": \"text_embeds\"",
                "\"textOutput\": \"text_embedding\""));
        assertTrue(output.getMessage().contains(TinyClip.TEXT_FILE) && output.getMessage().contains("'text_embedding'")
                && output.getMessage().contains("[text_embeds]"), output.getMessage());

        IllegalStateException dimension = loadFails(good.replace("\"embeddingDimension\": 53",
                "\"embeddingDimension\": 512"));
        assertTrue(dimension.getMessage().contains("512") && dimension.getMessage().contains("53"),
                dimension.getMessage());

        IllegalStateException type = loadFails(good.replace("\"textInput\": \"input_ids\"",
                "\"textInput\": \"input_ids\", \"textInputType\": \"int32\""));
        assertTrue(type.getMessage().contains("int64") && type.getMessage().contains("int32"), type.getMessage());

        IllegalStateException crop = loadFails(good.replace("\"crop\": 224", "\"crop\": 160"));
        assertTrue(crop.getMessage().contains("image.crop"), crop.getMessage());
    }

    @Test
    void aGraphNeedingAnInputTheDescriptorDoesNotNameIsRefused() throws IOException {
        Path other = dir.resolve("extra-input");
        Map<String, String> shas = new HashMap<>(TinyClip.writeFiles(other));
        Files.write(other.resolve(TinyClip.TEXT_FILE), TinyClip.maskedInt32TextGraph());
        shas.put(TinyClip.TEXT_FILE, TinyClip.sha256(Files.readAllBytes(other.resolve(TinyClip.TEXT_FILE))));
        String json = TinyClip.descriptorJson(shas).replace("\"textInput\": \"input_ids\"",
                "\"textInput\": \"text\", \"textInputType\": \"int32\"")
                .replace("\"textOutput\": \"text_embeds\"", "\"textOutput\": \"text_embedding\"");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ClipModel.open(
                ModelDescriptors.parse(json, "x.json"), other, ClipModel.Settings.of(1, COLOURS)));
        assertTrue(e.getMessage().contains("[mask]") && e.getMessage().contains("attentionMaskInput"), e.getMessage());
    }

    @Test
    void missingOrBrokenGraphFilesSayHowToRepair() throws IOException {
        Path other = dir.resolve("broken");
        TinyClip.writeFiles(other);
        Files.delete(other.resolve(TinyClip.IMAGE_FILE));
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> ClipModel.open(descriptor, other, ClipModel.Settings.of(1, COLOURS)));
        assertTrue(missing.getMessage().contains(TinyClip.IMAGE_FILE)
                && missing.getMessage().contains("loupe models install tiny-clip"), missing.getMessage());
        Files.writeString(other.resolve(TinyClip.IMAGE_FILE), "not a model");
        IllegalStateException corrupt = assertThrows(IllegalStateException.class,
                () -> ClipModel.open(descriptor, other, ClipModel.Settings.of(1, COLOURS)));
        assertTrue(corrupt.getMessage().contains("loupe models verify tiny-clip"), corrupt.getMessage());
    }

    @Test
    void identityChangesWithAnyFileChecksumAndNeedsThemAll() {
        ModelInfo info = ClipModel.infoFor(descriptor);
        assertEquals(info, ClipModel.infoFor(TinyClip.descriptor(sha)));
        Map<String, String> other = new HashMap<>(sha);
        other.put(TinyClip.MERGES_FILE, "0".repeat(64));
        assertNotEquals(info.version(), ClipModel.infoFor(TinyClip.descriptor(other)).version());
        other.remove(TinyClip.MERGES_FILE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClipModel.infoFor(TinyClip.descriptor(other)));
        assertTrue(e.getMessage().contains(TinyClip.MERGES_FILE), e.getMessage());
    }

    @Test
    void tagEmbeddingsAreCachedOnDiskPerVocabulary() throws IOException {
        Path cache = dir.resolve("tag-cache");
        BufferedImage red = colour(new Color(210, 30, 30), 9);
        List<String> words = List.of("blue", "red", "purple", "pink");
        try (ClipModel cached = ClipModel.open(descriptor, dir, ClipModel.Settings.of(1, COLOURS)
                .withEmbeddingCache(cache))) {
            float[] v = cached.encodeImage(red).get(Space.SEMANTIC);
            assertEquals("red", cached.tags(v, words, 1).get(0).tag());
            assertEquals("red", cached.tags(v, COLOURS, 1).get(0).tag());
            try (Stream<Path> files = Files.list(cache)) {
                assertEquals(2, files.filter(p -> p.getFileName().toString().startsWith("emb-tags-")).count());
            }
            assertEquals(cached.tags(v, words, 4), model.tags(v, words, 4));
        }
    }
}
