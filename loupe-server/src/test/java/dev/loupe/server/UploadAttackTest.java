package dev.loupe.server;

import dev.loupe.core.Model;
import dev.loupe.engine.IndexProgress;
import dev.loupe.engine.IndexReport;
import dev.loupe.engine.Indexer;
import dev.loupe.index.LuceneImageIndex;
import dev.loupe.index.LuceneWritableIndex;
import dev.loupe.models.image.ImageDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.loupe.server.Fixtures.PHOTOS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13's attack, bounded: 300 loopback connections against {@code loupe serve} in a process of its own, first
 * declaring 25 MB uploads and trickling a byte per second, then declaring search bodies and going silent. While
 * they are open, the server's resident memory stays under 600 MB (it reached 5.5 GB before the fix), normal
 * searches answer (the median under a second; the slowest bound is loose for a loaded 2-core machine), and the
 * log holds one line per aborted body and no stack trace. The figures are printed; docs/server.md records a run.
 */
class UploadAttackTest {
    static final int CONNECTIONS = 300;
    static final long MAX_RSS_MB = 600;

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void slowUploadsAndSilentBodiesNeitherExhaustMemoryNorStarveSearches() throws Exception {
        Path index = tmp.resolve("index");
        Model model = Fixtures.model();
        try (LuceneWritableIndex written = LuceneImageIndex.openForWriting(index, model.info(), false)) {
            IndexReport report = new Indexer(new ImageDecoder(), model, written, Fixtures.INDEXING)
                    .run(List.of(PHOTOS), IndexProgress.NONE);
            assertEquals(21, report.indexed());
        }
        try (ServerProcess server = ServerProcess.start(tmp.resolve("serve.log"), List.of(), index, 2)) {
            UploadAttack.Figures uploads = new UploadAttack(server, "/api/images", "image/jpeg", true)
                    .run(CONNECTIONS, 25L << 20, 10);
            System.out.println("slow uploads: " + uploads.summary());
            UploadAttack.Figures silent = new UploadAttack(server, "/api/search", "application/json", false)
                    .run(CONNECTIONS, 200 * 1024, 13);
            System.out.println("silent search bodies: " + silent.summary());
            for (UploadAttack.Figures f : List.of(uploads, silent)) {
                assertEquals(CONNECTIONS, f.opened(), f.summary());
                assertTrue(f.peakRssMb() < MAX_RSS_MB, f.summary());
                assertTrue(f.searchStatus().stream().allMatch(s -> s == 200), f.summary());
                List<Long> sorted = f.searchMillis().stream().sorted().toList();
                assertTrue(sorted.get(sorted.size() / 2) < 1_000, "median search under 1 s: " + f.summary());
                assertTrue(f.slowestSearchMillis() < 5_000, f.summary());
                assertTrue(f.afterMillis() > 0, "the server answers after the attack: " + f.summary());
                assertEquals(0, f.stackTraceLines(), f.summary() + "\n" + Files.readString(server.log()));
                assertTrue(f.logLines() <= CONNECTIONS + 5, f.summary());
            }
            // the silent bodies were cut off by the read timeout while the attack went on, not left hanging
            assertEquals(CONNECTIONS, silent.answeredEarly(), silent.summary());
            assertTrue(server.alive());
        }
    }
}
