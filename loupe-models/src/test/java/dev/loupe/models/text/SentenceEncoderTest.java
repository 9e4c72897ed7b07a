package dev.loupe.models.text;

import dev.loupe.core.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SentenceEncoderTest {

    @ParameterizedTest
    @EnumSource(SentenceEncoder.Kind.class)
    void paraphrasesAreCloserThanUnrelatedSentences(SentenceEncoder.Kind kind) {
        try (SentenceEncoder enc = SentenceEncoder.open(kind, 1)) {
            assertEquals(384, enc.dimension());
            List<float[]> v = enc.encode(List.of("a cat sleeping on a sofa", "a kitten napping on the couch",
                    "the rocket launched into orbit"));
            assertEquals(1f, Vectors.norm(v.get(0)), 1e-4);
            float near = Vectors.dot(v.get(0), v.get(1));
            float far = Vectors.dot(v.get(0), v.get(2));
            assertTrue(near > far + 0.2f, "paraphrase " + near + " vs unrelated " + far);
        }
    }

    @Test
    void batchingDoesNotChangeEmbeddings() {
        try (SentenceEncoder enc = SentenceEncoder.open(SentenceEncoder.Kind.MINILM, 1)) {
            float[] alone = enc.encode("a dog on a beach");
            float[] padded = enc.encode(List.of("a much longer sentence that forces padding of the other one in the batch",
                    "a dog on a beach")).get(1);
            float d = Vectors.dot(alone, padded);
            assertTrue(d > 0.9999f, "padding must not leak into the mean pooling: " + d);
        }
    }

    @ParameterizedTest
    @EnumSource(SentenceEncoder.Kind.class)
    void theOptimisedModelIsCachedOnceAndEmbedsAsTheModelFromTheJar(SentenceEncoder.Kind kind, @TempDir Path cache)
            throws Exception {
        List<String> texts = List.of("a cat", "two red bicycles leaning on a wall");
        List<float[]> plain;
        try (SentenceEncoder enc = SentenceEncoder.open(kind, 1)) {
            plain = enc.encode(texts);
        }
        List<float[]> firstRun;
        try (SentenceEncoder enc = SentenceEncoder.open(kind, 1, cache)) {
            firstRun = enc.encode(texts);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(cache)) {
            files = s.toList();
        }
        assertEquals(1, files.size(), "one optimised model, no leftover temporary file: " + files);
        FileTime written = Files.getLastModifiedTime(files.get(0));
        List<float[]> fromCache;
        try (SentenceEncoder enc = SentenceEncoder.open(kind, 1, cache)) {
            fromCache = enc.encode(texts);
        }
        assertEquals(written, Files.getLastModifiedTime(files.get(0)), "the second run reads the cache, not rewrites it");
        for (int i = 0; i < texts.size(); i++) {
            assertTrue(Vectors.dot(plain.get(i), firstRun.get(i)) > 0.99999f, texts.get(i));
            assertTrue(Vectors.dot(plain.get(i), fromCache.get(i)) > 0.99999f, texts.get(i));
        }
    }

    @Test
    void aDamagedCachedModelIsReplaced(@TempDir Path cache) throws Exception {
        try (SentenceEncoder enc = SentenceEncoder.open(SentenceEncoder.Kind.MINILM, 1, cache)) {
            enc.encode("warm");
        }
        Path file;
        try (Stream<Path> s = Files.list(cache)) {
            file = s.findFirst().orElseThrow();
        }
        Files.write(file, new byte[] {1, 2, 3});
        try (SentenceEncoder enc = SentenceEncoder.open(SentenceEncoder.Kind.MINILM, 1, cache)) {
            assertEquals(384, enc.encode("a dog").length);
        }
        assertTrue(Files.size(file) > 1_000_000, "written again");
    }

    @Test
    void unknownKindIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SentenceEncoder.Kind.byId("gpt"));
        assertTrue(e.getMessage().contains("known"));
    }
}
