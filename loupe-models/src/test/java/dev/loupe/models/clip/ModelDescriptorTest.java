package dev.loupe.models.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDescriptorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shippedDescriptorsParseAndAreConsistent() throws Exception {
        List<String> resources = ModelDescriptors.shippedResourceNames();
        List<ModelDescriptor> all = ModelDescriptors.shipped();
        assertEquals(List.of("openai-clip-vit-b-32", "openai-clip-vit-b-16", "openclip-vit-b-32-laion2b",
                        "vit-b-32__openai", "vit-b-16-siglip-256__webli", "vit-b-16-siglip2__webli",
                        "xlm-roberta-base-vit-b-32__laion5b_s13b_b90k", "nllb-clip-base-siglip__v1", "mobileclip-s0"),
                all.stream().map(ModelDescriptor::name).toList());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < all.size(); i++) {
            ModelDescriptor d = all.get(i);
            assertTrue(names.add(d.name()));
            assertEquals(d.name() + ".json", resources.get(i), "file name follows the descriptor name");
            assertTrue(d.family().dualEncoder(), d.name());
            switch (d.family()) {
                case CLIP -> {
                    assertEquals(512, d.embeddingDimension(), d.name()); // ViT-B models with 512-d heads
                    assertEquals(ImagePreprocessing.CLIP, d.image(), d.name()); // OpenCLIP's LAION models reuse CLIP's
                    assertEquals(77, d.text().contextLength());
                }
                case SIGLIP -> { // squashed, mean and std 0.5, canonical text unless it has a tokenizer of its own
                    assertEquals(768, d.embeddingDimension(), d.name());
                    assertEquals(ResizeMode.SQUASH, d.image().resize(), d.name());
                    assertEquals(0.5, d.image().std().g(), 1e-9, d.name());
                    assertTrue(d.relevance() == null || d.relevance().scale() > 100 && d.relevance().bias() < -10,
                            d.name() + ": SigLIP's trained scale is about exp(4.7), its bias about -13 to -17");
                }
                case MOBILECLIP -> {
                    assertEquals(256, d.image().crop(), d.name());
                    assertEquals(0.0, d.image().mean().r(), 1e-9, d.name());
                }
                default -> throw new AssertionError(d.name() + ": unexpected family " + d.family());
            }
            if (d.family() != ModelFamily.SIGLIP) {
                assertEquals(null, d.relevance(), d.name() + ": only sigmoid-trained models carry their own relevance");
            }
            assertTrue(d.file(d.graph().imageModel()).isPresent());
            assertTrue(d.file(d.graph().textModel()).isPresent());
            assertFalse(d.graph().imageModel().equals(d.graph().textModel()), "separate image and text graphs");
            for (ModelFile f : d.files()) {
                assertTrue(f.url().startsWith("https://"), f.url());
                assertTrue(f.verifiable() || f.checksumNote().contains("--sha256"), f.name());
            }
            assertFalse(d.licence().isBlank());
            assertFalse(d.quality().summary().isBlank());
            assertFalse(d.quality().citation().isBlank());
            assertEquals(d, ModelDescriptors.parse(ModelDescriptors.toJson(d), d.name()), "round trip");
        }
    }

    /** The merges file the BPE descriptors download is the one the tokenizer tests use, byte for byte. */
    @Test
    void bpeDescriptorsPinTheSharedMergesFile() throws Exception {
        Path merges = ClipTestData.mergesFile();
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(merges)));
        int bpeModels = 0;
        for (ModelDescriptor d : ModelDescriptors.shipped()) {
            if (d.text().tokenizer() != TokenizerKind.CLIP_BPE) {
                continue;
            }
            bpeModels++;
            ModelFile file = d.file(d.text().file()).orElseThrow();
            assertEquals(sha, file.sha256(), d.name());
            assertEquals(Files.size(merges), file.size(), d.name());
            try (ClipTextTokenizer tokenizer = d.text().open(merges.getParent())) {
                assertArrayEquals(new long[] {49406, 320, 1929, 49407, 0},
                        tokenizer.tokenize(List.of("a dog"), 5)[0]);
            }
        }
        assertEquals(2, bpeModels);
    }

    @Test
    void readsFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mine.json");
        Files.writeString(file, JSON.writeValueAsString(valid()));
        ModelDescriptor d = ModelDescriptors.read(file);
        assertEquals("test-model", d.name());
        assertNull(d.graph().attentionMaskInput());
        assertEquals("int64", d.graph().textInputType());
        assertEquals(1, d.unverifiedFiles().size());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ModelDescriptors.read(dir.resolve("absent.json")));
        assertTrue(missing.getMessage().contains("absent.json"));
    }

    @Test
    void builtinFamilyNeedsNoClipSections() {
        ObjectNode json = valid();
        json.put("family", "builtin");
        json.remove(List.of("image", "text", "graph"));
        ModelDescriptor d = parse(json);
        assertEquals(ModelFamily.BUILTIN, d.family());
        assertNull(d.image());
    }

    @Test
    void invalidDescriptorsNameTheFileAndTheField() {
        expectError(j -> j.remove("name"), "name", "required");
        expectError(j -> j.put("embeddingDimension", "512"), "embeddingDimension", "integer");
        expectError(j -> j.put("family", "sigclip"), "family", "[clip, siglip, m-clip, mobileclip, builtin]");
        expectError(j -> j.put("imageSize", 224), "imageSize", "not a known field");
        expectError(j -> ((ObjectNode) j.get("image")).putArray("mean").add(0.5).add(0.5), "image.mean",
                "3 numbers");
        expectError(j -> ((ObjectNode) j.get("image")).put("crop", 256), "image", "larger");
        expectError(j -> ((ObjectNode) j.get("image")).put("resample", "nearest"), "image.resample", "bicubic");
        expectError(j -> file(j, 0).put("sha256", "ABC"), "files[0].sha256", "64 lower-case hex");
        expectError(j -> file(j, 1).remove("checksumNote"), "files[1].checksumNote", "--sha256");
        expectError(j -> file(j, 0).put("url", "http://example.org/x"), "files[0].url", "https://");
        expectError(j -> file(j, 0).put("name", "../model.onnx"), "files[0].name", "none starting with '.'");
        expectError(j -> ((ObjectNode) j.get("image")).put("resizeMode", "longest"), "image.resizeMode",
                "[shortest, squash]");
        expectError(j -> ((ObjectNode) j.get("image")).put("resizeMode", "squash").put("size", 256),
                "image", "crop must equal size");
        expectError(j -> ((ObjectNode) j.get("text")).put("tokenizer", "hf-tokenizer"), "text.padToken",
                "tokenizer_config.json");
        expectError(j -> ((ObjectNode) j.get("text")).put("padToken", "<pad>"), "text.padToken", "only for");
        expectError(j -> j.putObject("relevance").put("logitScale", 112.0).put("source", "x"),
                "relevance.logitBias", "required");
        expectError(j -> j.putObject("relevance").put("logitScale", -1.0).put("logitBias", 0.0).put("source", "x"),
                "relevance", "positive");
        expectError(j -> file(j, 1).put("name", "image.onnx"), "files[1].name", "unique");
        expectError(j -> ((ObjectNode) j.get("graph")).put("textModel", "nope.onnx"), "graph.textModel",
                "not among the files");
        expectError(j -> ((ObjectNode) j.get("graph")).put("textInputType", "float"), "graph.textInputType",
                "int64");
        expectError(j -> ((ObjectNode) j.get("text")).put("file", "merges.txt"), "text.file", "not among");
        expectError(j -> ((ObjectNode) j.get("text")).put("tokenizer", "sentencepiece"), "text.tokenizer",
                "[clip-bpe, hf-tokenizer-json, hf-tokenizer]");
        expectError(j -> j.remove("graph"), "graph", "required for family 'clip'");
        expectError(j -> ((ObjectNode) j.get("quality")).remove("citation"), "quality.citation", "required");
    }

    @Test
    void malformedJsonIsReportedWithItsPosition() {
        InvalidDescriptorException e = assertThrows(InvalidDescriptorException.class,
                () -> ModelDescriptors.parse("{\n  \"name\": \"x\",\n  oops\n}", "broken.json"));
        assertEquals("broken.json", e.source());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertThrows(InvalidDescriptorException.class, () -> ModelDescriptors.parse("[1, 2]", "array.json"));
    }

    private static ModelDescriptor parse(ObjectNode json) {
        return ModelDescriptors.parse(json.toString(), "test.json");
    }

    private static void expectError(Consumer<ObjectNode> breakIt, String field, String hint) {
        ObjectNode json = valid();
        breakIt.accept(json);
        InvalidDescriptorException e = assertThrows(InvalidDescriptorException.class, () -> parse(json),
                "expected an error at " + field);
        assertEquals(field, e.field(), e.getMessage());
        assertEquals("test.json", e.source());
        assertTrue(e.getMessage().startsWith("model descriptor test.json: field '" + field + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(hint), e.getMessage());
    }

    private static ObjectNode file(ObjectNode json, int index) {
        return (ObjectNode) json.get("files").get(index);
    }

    /** A valid descriptor to break one field at a time (a copy of a shipped one with small changes). */
    private static ObjectNode valid() {
        try (InputStream in = ModelDescriptors.class.getResourceAsStream(
                ModelDescriptors.RESOURCE_DIR + "openai-clip-vit-b-32.json")) {
            assertNotNull(in);
            ObjectNode json = (ObjectNode) JSON.readTree(in);
            json.put("name", "test-model");
            ArrayNode files = (ArrayNode) json.get("files");
            file(json, 0).put("name", "image.onnx");
            file(json, 1).put("name", "text.onnx").putNull("sha256").put("checksumNote",
                    "unknown; install refuses it unless --sha256 is given");
            ((ObjectNode) json.get("graph")).put("imageModel", "image.onnx").put("textModel", "text.onnx")
                    .remove(List.of("attentionMaskInput", "textInputType"));
            assertEquals(3, files.size());
            return json;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
