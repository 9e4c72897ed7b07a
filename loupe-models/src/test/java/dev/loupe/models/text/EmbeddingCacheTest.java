package dev.loupe.models.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The cache is an optimisation: a cache folder that cannot be written (a LOUPE_HOME of another user, read-only)
 * or a file that cannot be read (torn, foreign) means computing again, never a failure.
 */
class EmbeddingCacheTest {
    @TempDir
    Path tmp;

    private static final float[][] VALUE = {{1f, 2f}, {3f, 4f}};

    @Test
    void aCacheThatCannotBeWrittenOnlyComputesAgain() throws Exception {
        Path notAFolder = Files.writeString(tmp.resolve("a-file"), "x");
        EmbeddingCache cache = new EmbeddingCache(notAFolder.resolve("cache"));
        AtomicInteger computed = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(VALUE, cache.get("k", 2, () -> {
                computed.incrementAndGet();
                return VALUE;
            }));
        }
        assertEquals(2, computed.get());
    }

    @Test
    void aForeignOrTornFileIsComputedAgainAndReplaced() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("cache"));
        Files.write(dir.resolve("emb-k.bin"), new byte[]{1, 2, 3});
        EmbeddingCache cache = new EmbeddingCache(dir);
        AtomicInteger computed = new AtomicInteger();
        assertArrayEquals(VALUE, cache.get("k", 2, () -> {
            computed.incrementAndGet();
            return VALUE;
        }));
        assertArrayEquals(VALUE, cache.get("k", 2, () -> {
            computed.incrementAndGet();
            return VALUE;
        }));
        assertEquals(1, computed.get(), "the second call reads what the first wrote");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }
}
