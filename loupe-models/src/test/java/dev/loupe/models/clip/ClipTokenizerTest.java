package dev.loupe.models.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.models.clip.ClipTestData.Reference;
import dev.loupe.models.clip.ClipTestData.ReferenceCase;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipTokenizerTest {
    private static ClipTokenizer tokenizer;
    private static Reference reference;

    @BeforeAll
    static void load() {
        tokenizer = ClipTokenizer.fromMergesFile(ClipTestData.mergesFile());
        reference = ClipTestData.reference();
    }

    @Test
    void vocabularyHasClipLayout() {
        ClipBpeVocabulary v = tokenizer.vocabulary();
        assertEquals(reference.vocabSize(), v.size());
        assertEquals(reference.sot(), v.startTokenId());
        assertEquals(reference.eot(), v.endTokenId());
        assertEquals("!", v.token(0));
        assertEquals("!</w>", v.token(256));
        assertEquals("in", v.token(512)); // first merge "i n"
        assertEquals(ClipBpeVocabulary.MERGE_COUNT, v.merges().size());
    }

    @Test
    void everyReferenceCaseMatchesIdForId() {
        assertEquals(31, reference.cases().size(), "reference file changed");
        List<String> texts = reference.cases().stream().map(ReferenceCase::text).toList();
        long[][] rows = tokenizer.tokenize(texts, reference.contextLength());
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            long[] expected = Arrays.copyOf(reference.cases().get(i).ids(), reference.contextLength());
            if (!Arrays.equals(expected, rows[i])) {
                failures.add("'" + texts.get(i) + "': expected " + Arrays.toString(reference.cases().get(i).ids())
                        + " got " + Arrays.toString(rows[i]));
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void encodeHasNoSpecialTokens() {
        long[] ref = reference.cases().get(3).ids(); // "a photo of a cat"
        int[] ids = tokenizer.encode("a photo of a cat");
        assertEquals(ref.length - 2, ids.length);
        for (int i = 0; i < ids.length; i++) {
            assertEquals(ref[i + 1], ids[i]);
        }
    }

    @Test
    void longTextIsCutSoTheEndTokenIsLast() {
        long[] row = tokenizer.tokenize(List.of("dog ".repeat(200)), 77)[0];
        assertEquals(77, row.length);
        assertEquals(49406, row[0]);
        assertEquals(49407, row[76]);
        int dog = tokenizer.encode("dog")[0];
        for (int i = 1; i < 76; i++) {
            assertEquals(dog, row[i]);
        }
        long[] shortRow = tokenizer.tokenize(List.of("dog"), 8)[0];
        assertArrayEquals(new long[] {49406, dog, 49407, 0, 0, 0, 0, 0}, shortRow);
        assertThrows(IllegalArgumentException.class, () -> tokenizer.tokenize(List.of("dog"), 1));
    }

    @Test
    void emptyTextIsStartAndEnd() {
        long[] row = tokenizer.tokenize(List.of("   "), 4)[0];
        assertArrayEquals(new long[] {49406, 49407, 0, 0}, row);
    }

    @Test
    void attentionMaskCoversUpToTheFirstEndToken() {
        long[][] rows = tokenizer.tokenize(List.of("a dog"), 6);
        rows = new long[][] {rows[0], {49406, 0, 0, 49407, 0, 0}}; // id 0 ("!") is a real token, like padding
        long[][] mask = tokenizer.attentionMask(rows);
        assertArrayEquals(new long[] {1, 1, 1, 1, 0, 0}, mask[0]);
        assertArrayEquals(new long[] {1, 1, 1, 1, 0, 0}, mask[1]);
    }

    @Test
    void cleaningIsAppliedBeforeSplitting() {
        assertArrayEquals(tokenizer.encode("don't stop"), tokenizer.encode("  DON\u2019T \t  stop\n"));
        assertArrayEquals(tokenizer.encode("a & b"), tokenizer.encode("a &amp;amp; b"));
        assertArrayEquals(tokenizer.encode("fish"), tokenizer.encode("\uFB01sh"));
        assertArrayEquals(tokenizer.encode("cat"), tokenizer.encode("\uFF23\uFF21\uFF34"));
    }

    @Test
    void decodeInvertsEncodeUpToWordBoundaries() {
        // every pre-token ends a word, so "cat." decodes as "cat ." as in CLIP's reference decoder
        assertEquals("a photo of a cat .", tokenizer.decode(tokenizer.encode("A photo of a cat.")));
        for (String text : List.of("naïve café résumé", "東京の夜景", "😀 happy dog 🐶", "e-mail: someone@example.com")) {
            assertEquals(ClipTextCleaner.clean(text).replace(" ", ""),
                    tokenizer.decode(tokenizer.encode(text)).replace(" ", ""));
        }
    }

    @Test
    void concurrentUseGivesTheSameIdsAsSequentialUse() throws Exception {
        List<String> texts = new ArrayList<>();
        for (ReferenceCase c : reference.cases()) {
            texts.add(c.text());
        }
        for (int i = 0; i < 200; i++) {
            texts.add("photo " + i + " of word" + (i * 7919 % 1000) + " and thing" + i);
        }
        ClipTokenizer fresh = new ClipTokenizer(tokenizer.vocabulary()); // empty cache: threads race to fill it
        long[][] expected = tokenizer.tokenize(texts, 77);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<long[][]>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> fresh.tokenize(texts, 77)));
            }
            for (Future<long[][]> f : results) {
                long[][] got = f.get();
                for (int i = 0; i < texts.size(); i++) {
                    assertArrayEquals(expected[i], got[i], texts.get(i));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void plainTextMergesFileWorksAndBadFilesAreNamed(@TempDir Path dir) throws Exception {
        List<String> merges = tokenizer.vocabulary().merges();
        Path plain = dir.resolve("merges.txt");
        Files.writeString(plain, "#version: 0.2\n" + String.join("\n", merges) + "\n");
        ClipTokenizer fromPlain = ClipTokenizer.fromMergesFile(plain);
        assertArrayEquals(tokenizer.encode("bananas on top of cakes"), fromPlain.encode("bananas on top of cakes"));

        Path shortFile = dir.resolve("short.txt");
        Files.writeString(shortFile, "#version\ni n\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClipTokenizer.fromMergesFile(shortFile));
        assertTrue(e.getMessage().contains(shortFile.toString()) && e.getMessage().contains("48894"), e.getMessage());

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ClipTokenizer.fromMergesFile(dir.resolve("nope.gz")));
        assertTrue(missing.getMessage().contains("nope.gz"), missing.getMessage());

        String broken = "#v\n" + "a b c\n".repeat(ClipBpeVocabulary.MERGE_COUNT);
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> ClipBpeVocabulary.load(
                new ByteArrayInputStream(broken.getBytes(StandardCharsets.UTF_8)), "broken.txt"));
        assertTrue(bad.getMessage().contains("broken.txt") && bad.getMessage().contains("line 2"), bad.getMessage());
    }
}
