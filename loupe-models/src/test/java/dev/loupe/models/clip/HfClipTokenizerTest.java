package dev.loupe.models.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.models.clip.ClipTestData.ReferenceCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the tokenizer.json path against {@link ClipTokenizer} without downloading anything: the test writes a
 * tokenizer.json for CLIP's byte-level BPE from the shared merges file, laid out the way Hugging Face's CLIP
 * tokenizers are (NFC + whitespace + lower-case normalizer, CLIP's split regex, byte-level pre-tokenizer with no
 * regex of its own, BPE with the {@code </w>} end-of-word suffix, RobertaProcessing adding start and end tokens).
 */
class HfClipTokenizerTest {
    @TempDir
    static Path dir;
    private static ClipTokenizer bpe;
    private static HfClipTokenizer raw;
    private static HfClipTokenizer cleaned;
    private static Path tokenizerJson;

    @BeforeAll
    static void setUp() throws IOException {
        bpe = ClipTokenizer.fromMergesFile(ClipTestData.mergesFile());
        tokenizerJson = dir.resolve("tokenizer.json");
        writeClipTokenizerJson(bpe.vocabulary(), tokenizerJson);
        raw = HfClipTokenizer.load(tokenizerJson, false);
        cleaned = HfClipTokenizer.load(tokenizerJson, true);
    }

    @AfterAll
    static void tearDown() {
        raw.close();
        cleaned.close();
    }

    @Test
    void specialTokensComeFromThePostProcessor() {
        assertEquals(49406, raw.startTokenId());
        assertEquals(49407, raw.endTokenId());
    }

    /**
     * Without CLIP's own cleaning in front, HF's pipeline alone reproduces every reference case: none of the 31
     * strings contains an HTML entity or a character ftfy would repair, and the normalizer's whitespace collapsing
     * plus the split regex dropping spaces make the missing strip() irrelevant.
     */
    @Test
    void hfPipelineAloneMatchesEveryReferenceCase() {
        List<ReferenceCase> cases = ClipTestData.reference().cases();
        List<String> texts = cases.stream().map(ReferenceCase::text).toList();
        long[][] hf = raw.tokenize(texts, 77);
        long[][] ours = bpe.tokenize(texts, 77);
        List<String> differing = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            if (!Arrays.equals(ours[i], hf[i])) {
                differing.add(texts.get(i) + ": " + Arrays.toString(hf[i]));
            }
            assertArrayEquals(Arrays.copyOf(cases.get(i).ids(), 77), hf[i], texts.get(i));
        }
        assertTrue(differing.isEmpty(), String.join("\n", differing));
    }

    /** Texts that do need CLIP's cleaning: HTML entities and curly apostrophes. */
    @Test
    void clipCleaningMattersOnlyForEntitiesAndRepairs() {
        List<String> texts = List.of("AT&amp;T store", "don\u2019t stop", "\uFB01sh and chips");
        long[][] ours = bpe.tokenize(texts, 77);
        long[][] hfRaw = raw.tokenize(texts, 77);
        long[][] hfCleaned = cleaned.tokenize(texts, 77);
        for (int i = 0; i < texts.size(); i++) {
            assertFalse(Arrays.equals(ours[i], hfRaw[i]), texts.get(i) + " should differ without cleaning");
            assertArrayEquals(ours[i], hfCleaned[i], texts.get(i));
        }
    }

    @Test
    void truncationKeepsTheEndTokenLastLikeClipTokenizer() {
        String longText = "a very long caption about a dog and a cat ".repeat(20);
        assertArrayEquals(bpe.tokenize(List.of(longText), 77)[0], cleaned.tokenize(List.of(longText), 77)[0]);
        assertArrayEquals(bpe.tokenize(List.of("dog"), 5)[0], cleaned.tokenize(List.of("dog"), 5)[0]);
    }

    @Test
    void concurrentCallsAgree() throws Exception {
        List<String> texts = ClipTestData.reference().cases().stream().map(ReferenceCase::text).toList();
        long[][] expected = cleaned.tokenize(texts, 77);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<long[][]>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> cleaned.tokenize(texts, 77)));
            }
            for (java.util.concurrent.Future<long[][]> f : results) {
                assertTrue(Arrays.deepEquals(expected, f.get()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void missingOrBrokenFilesAreNamed() throws IOException {
        Path missing = dir.resolve("absent/tokenizer.json");
        IllegalArgumentException e1 = assertThrows(IllegalArgumentException.class, () -> HfClipTokenizer.load(missing));
        assertTrue(e1.getMessage().contains(missing.toString()), e1.getMessage());

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"model\": {\"type\": \"nonsense\"}}");
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> HfClipTokenizer.load(broken));
        assertTrue(e2.getMessage().contains(broken.toString()), e2.getMessage());

        ObjectMapper json = new ObjectMapper();
        ObjectNode noPost = (ObjectNode) json.readTree(tokenizerJson.toFile());
        noPost.putNull("post_processor");
        Path noSpecials = dir.resolve("no-post.json");
        json.writeValue(noSpecials.toFile(), noPost);
        IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class,
                () -> HfClipTokenizer.load(noSpecials));
        assertTrue(e3.getMessage().contains("post_processor") && e3.getMessage().contains(noSpecials.toString()),
                e3.getMessage());
    }

    /** Writes a Hugging Face tokenizer.json for CLIP's BPE built from {@code vocabulary}. */
    static void writeClipTokenizerJson(ClipBpeVocabulary vocabulary, Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (String special : List.of(ClipBpeVocabulary.START_TOKEN, ClipBpeVocabulary.END_TOKEN)) {
            added.addObject().put("id", vocabulary.id(special)).put("content", special).put("single_word", false)
                    .put("lstrip", false).put("rstrip", false).put("normalized", true).put("special", true);
        }
        ObjectNode normalizer = root.putObject("normalizer").put("type", "Sequence");
        ArrayNode normalizers = normalizer.putArray("normalizers");
        normalizers.addObject().put("type", "NFC");
        ObjectNode replace = normalizers.addObject().put("type", "Replace");
        replace.putObject("pattern").put("Regex", "\\s+");
        replace.put("content", " ");
        normalizers.addObject().put("type", "Lowercase");

        ObjectNode pre = root.putObject("pre_tokenizer").put("type", "Sequence");
        ArrayNode pres = pre.putArray("pretokenizers");
        ObjectNode split = pres.addObject().put("type", "Split");
        split.putObject("pattern").put("Regex", "<start_of_text>|<end_of_text>|'s|'t|'re|'ve|'m|'ll|'d"
                + "|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+");
        split.put("behavior", "Removed").put("invert", true);
        pres.addObject().put("type", "ByteLevel").put("add_prefix_space", false).put("trim_offsets", true)
                .put("use_regex", false);

        ObjectNode post = root.putObject("post_processor").put("type", "RobertaProcessing");
        post.putArray("sep").add(ClipBpeVocabulary.END_TOKEN).add(vocabulary.endTokenId());
        post.putArray("cls").add(ClipBpeVocabulary.START_TOKEN).add(vocabulary.startTokenId());
        post.put("trim_offsets", false).put("add_prefix_space", false);
        root.putObject("decoder").put("type", "ByteLevel").put("add_prefix_space", true).put("trim_offsets", true)
                .put("use_regex", true);

        ObjectNode model = root.putObject("model").put("type", "BPE");
        model.putNull("dropout");
        model.put("unk_token", ClipBpeVocabulary.END_TOKEN).put("continuing_subword_prefix", "")
                .put("end_of_word_suffix", ClipBpeVocabulary.END_OF_WORD).put("fuse_unk", false)
                .put("byte_fallback", false);
        ObjectNode vocab = model.putObject("vocab");
        List<String> tokens = vocabulary.tokens();
        for (int id = 0; id < tokens.size(); id++) {
            vocab.put(tokens.get(id), id);
        }
        ArrayNode merges = model.putArray("merges");
        vocabulary.merges().forEach(merges::add);
        json.writeValue(file.toFile(), root);
    }
}
