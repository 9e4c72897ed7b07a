package dev.loupe.models.zoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.models.clip.ClipTextTokenizer;
import dev.loupe.models.clip.HfTokenizer;
import dev.loupe.models.clip.TextCleaning;
import dev.loupe.models.clip.TinyZoo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link HfTokenizer} against reference token ids for strings in six languages, under a SigLIP-shaped (T5-style
 * SentencePiece Unigram, {@code </s>} appended and used as padding) and an XLM-RoBERTa-shaped ({@code <s> … </s>},
 * {@code <pad>}) tokenizer.json shipped as test fixtures. The references were computed with the tokenizer library
 * itself (DJL's binding of Hugging Face tokenizers) from those fixtures by {@link ReferenceTokenIds}; this test
 * checks what Loupe adds around the library: the cleaning, the truncation that keeps the special tokens, the
 * padding with the export's pad token and the attention mask — what Immich feeds the text graphs.
 */
class HfTokenizerTest {
    private static final JsonNode REFERENCE = reference();

    @TempDir
    Path dir;

    private static JsonNode reference() {
        try (InputStream in = HfTokenizerTest.class.getResourceAsStream("/dev/loupe/models/zoo/reference-token-ids.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long[] referenceIds(String fixture, String text) {
        JsonNode ids = REFERENCE.path(fixture).get(text);
        assertNotNull(ids, "no reference ids for '" + text + "' under " + fixture + "; run ReferenceTokenIds");
        long[] out = new long[ids.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.get(i).asLong();
        }
        return out;
    }

    /** The pieces of ids, read from the fixture's Unigram vocabulary (its index is the id). */
    private static List<String> pieces(Path tokenizer, long[] ids) throws IOException {
        JsonNode vocab = new ObjectMapper().readTree(tokenizer.toFile()).path("model").path("vocab");
        List<String> out = new ArrayList<>();
        for (long id : ids) {
            out.add(vocab.get((int) id).get(0).asText());
        }
        return out;
    }

    private void checkAgainstReference(String fixture, String pad, long padId, TextCleaning clean, int context)
            throws IOException {
        Path file = TinyZoo.fixture(fixture, dir);
        try (HfTokenizer t = HfTokenizer.load(file, pad, clean, context)) {
            assertEquals(padId, t.padId());
            ClipTextTokenizer.TokenBatch batch = t.encode(ReferenceTokenIds.TEXTS, context);
            for (int i = 0; i < ReferenceTokenIds.TEXTS.size(); i++) {
                String text = ReferenceTokenIds.TEXTS.get(i);
                long[] expected = referenceIds(fixture, clean.apply(text));
                long[] row = batch.ids()[i];
                long[] mask = batch.attentionMask()[i];
                assertEquals(context, row.length);
                int n = Math.min(expected.length, context);
                if (expected.length <= context) {
                    assertArrayEquals(expected, Arrays.copyOf(row, n), fixture + " " + clean + ": " + text);
                } else { // truncated by the library: the content is cut, the special tokens stay
                    assertEquals(expected[expected.length - 1], row[context - 1], "the end token stays last: " + text);
                    assertArrayEquals(Arrays.copyOf(expected, context - 1), Arrays.copyOf(row, context - 1), text);
                }
                for (int j = 0; j < context; j++) {
                    assertEquals(j < n ? 1 : 0, mask[j], "mask at " + j + ": " + text);
                    if (j >= n) {
                        assertEquals(padId, row[j], "padding at " + j + ": " + text);
                    }
                }
            }
        }
    }

    @Test
    void siglipShapedRowsMatchTheLibraryWithCanonicalCleaningAndEndTokenPadding() throws IOException {
        checkAgainstReference("siglip-tokenizer.json", "</s>", 1, TextCleaning.CANONICALIZE, 64);
    }

    @Test
    void xlmRobertaShapedRowsMatchTheLibraryWithPadTokenAndMask() throws IOException {
        checkAgainstReference("xlm-roberta-tokenizer.json", "<pad>", 1, TextCleaning.WHITESPACE, 77);
    }

    /** Facts a person can check by reading the fixtures: which pieces a text becomes in each language. */
    @Test
    void textsInSixLanguagesBecomeTheirWordsPieces() throws IOException {
        Path siglip = TinyZoo.fixture("siglip-tokenizer.json", dir);
        assertEquals(List.of("▁the", "▁blue", "▁sky", "</s>"),
                pieces(siglip, referenceIds("siglip-tokenizer.json", "the blue sky")));
        assertEquals(List.of("▁el", "▁cielo", "▁azul", "</s>"),
                pieces(siglip, referenceIds("siglip-tokenizer.json", "el cielo azul")));
        Path xlmr = TinyZoo.fixture("xlm-roberta-tokenizer.json", dir);
        assertEquals(List.of("<s>", "▁青", "い", "空", "</s>"),
                pieces(xlmr, referenceIds("xlm-roberta-tokenizer.json", "青い空")));
        assertEquals(List.of("<s>", "▁der", "▁blau", "e", "▁H", "im", "m", "el", "</s>"),
                pieces(xlmr, referenceIds("xlm-roberta-tokenizer.json", "der blaue Himmel")),
                "words the vocabulary lacks fall back to shorter pieces");
        try (HfTokenizer t = HfTokenizer.load(siglip, "</s>", TextCleaning.CANONICALIZE, 64)) {
            // canonical cleaning lower-cases and drops punctuation, so these read the same
            assertArrayEquals(t.encodeWithSpecialTokens("the blue sky"), t.encodeWithSpecialTokens("The BLUE sky!"));
        }
    }

    @Test
    void aTokenizerOfAnUnknownKindIsRefusedNamingTheFileAndTheKnownKinds() {
        Path wordLevel = TinyZoo.fixture("wordlevel-tokenizer.json", dir);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HfTokenizer.load(wordLevel, "</s>", TextCleaning.WHITESPACE, 64));
        assertTrue(e.getMessage().contains(wordLevel.toString()) && e.getMessage().contains("'WordLevel'")
                && e.getMessage().contains("[BPE, Unigram, WordPiece]")
                && e.getMessage().contains("exported with the model"), e.getMessage());
    }

    @Test
    void aMissingPadTokenOrABrokenFileIsRefusedWithWhatToDo() throws IOException {
        Path siglip = TinyZoo.fixture("siglip-tokenizer.json", dir);
        IllegalArgumentException noPad = assertThrows(IllegalArgumentException.class,
                () -> HfTokenizer.load(siglip, "[PAD]", TextCleaning.WHITESPACE, 64));
        assertTrue(noPad.getMessage().contains("'[PAD]'") && noPad.getMessage().contains("tokenizer_config.json"),
                noPad.getMessage());
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"model\": {\"type\": \"Unigram\", \"vocab\": [[\"a\", 0.0]");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> HfTokenizer.load(broken, null, TextCleaning.WHITESPACE, 64));
        assertTrue(bad.getMessage().contains(broken.toString()) && bad.getMessage().contains("not a valid"),
                bad.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> HfTokenizer.load(dir.resolve("absent.json"), null, TextCleaning.WHITESPACE, 64));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }
}
