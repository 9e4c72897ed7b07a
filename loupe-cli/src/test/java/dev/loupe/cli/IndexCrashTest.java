package dev.loupe.cli;

import dev.loupe.core.VectorQuery;
import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.core.ModelInfo;
import dev.loupe.index.LuceneImageIndex;
import dev.loupe.models.builtin.BuiltinModel;
import dev.loupe.models.builtin.BuiltinRecipe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills a real {@code loupe index} process with SIGKILL in the middle of a run, then checks that what it had
 * committed is intact, that queries worked while it ran, and that the next run resumes instead of starting over.
 */
class IndexCrashTest {
    static final int FILES = 600;

    @TempDir
    Path tmp;

    @Test
    void killNineLosesNothingCommittedAndTheNextRunResumes() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Random random = new Random(42);
        for (int i = 0; i < FILES; i++) {
            BufferedImage img = new BufferedImage(256, 192, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(new Color(random.nextInt(0xffffff)));
            g.fillRect(0, 0, 256, 192);
            g.setColor(new Color(random.nextInt(0xffffff)));
            g.fillOval(random.nextInt(200), random.nextInt(150), 60, 40);
            g.dispose();
            ImageIO.write(img, "jpg", photos.resolve(String.format("img-%04d.jpg", i)).toFile());
        }
        Path index = tmp.resolve("index");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "dev.loupe.cli.Main", "index", "--index", index.toString(), "--commit-every", "20", "--json",
                photos.toString())
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("indexer.log").toFile());
        Process p = pb.start();
        int committedBeforeKill;
        try {
            committedBeforeKill = waitForCommits(index, 60, 120);
        } finally {
            p.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no final commit
            p.waitFor(30, TimeUnit.SECONDS);
        }
        assertTrue(committedBeforeKill >= 60, "saw " + committedBeforeKill);

        int survived;
        ModelInfo model = modelOf(index);
        try (LuceneImageIndex idx = LuceneImageIndex.openForReading(index, model)) {
            survived = idx.count();
        }
        assertTrue(survived >= committedBeforeKill, "committed documents survive: " + survived + " < " + committedBeforeKill);
        assertTrue(survived < FILES, "the run was killed before it finished (" + survived + ")");

        CliRunner.Result again = CliRunner.run("index", "--index", index.toString(), "--json", photos.toString());
        assertEquals(0, again.exit(), again.err());
        JsonNode report = again.json();
        assertEquals(survived, report.get("unchanged").asInt(), "resumes: committed files are not embedded again");
        assertEquals(FILES - survived, report.get("indexed").asInt());
        assertEquals(0, report.get("skipped").size());
        CliRunner.Result info = CliRunner.run("info", "--index", index.toString(), "--json");
        assertEquals(FILES, info.json().get("images").asInt());
    }

    /** Polls the index from this process (a reader beside the writer) until it holds {@code min} documents. */
    private static int waitForCommits(Path index, int min, int timeoutSeconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            if (LuceneImageIndex.recordedModel(index).isPresent()) {
                try (LuceneImageIndex idx = LuceneImageIndex.openForReading(index, modelOf(index))) {
                    int n = idx.count();
                    if (n > 0) {
                        // queries are served while the other process indexes
                        float[] q = new float[idx.model().space("semantic").dimension()];
                        q[0] = 1;
                        assertTrue(!idx.nearest(new VectorQuery("semantic", q, 3)).hits().isEmpty());
                    }
                    if (n >= min) {
                        return n;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the indexing process committed fewer than " + min + " documents in " + timeoutSeconds + " s");
    }

    private static ModelInfo modelOf(Path index) {
        return BuiltinModel.infoFor(BuiltinRecipe.DEFAULT);
    }
}
