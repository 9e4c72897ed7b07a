package dev.loupe.classify.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failures of the classify commands are one clear line on stderr and a non-zero exit (no model is loaded). */
class ClassifyCommandTest {
    @TempDir
    Path dir;

    @Test
    void badLabelsFolderIsOneLineAndUsageExit() throws Exception {
        Files.createDirectories(dir.resolve("labels/only"));
        Files.write(dir.resolve("labels/only/a.png"), new byte[] {1});
        CliHarness r = CliHarness.run(new ClassifyCommand(), "train", "--index", dir.resolve("idx").toString(),
                "--labels", dir.resolve("labels").toString());
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("only one label ('only')"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void unknownMethodAndMissingIndexAndMissingClassifier() throws Exception {
        Files.createDirectories(dir.resolve("labels/a"));
        Files.createDirectories(dir.resolve("labels/b"));
        Files.write(dir.resolve("labels/a/x.png"), new byte[] {1});
        Files.write(dir.resolve("labels/b/y.png"), new byte[] {1});
        CliHarness r = CliHarness.run(new ClassifyCommand(), "train", "--labels", dir.resolve("labels").toString(),
                "--method", "forest");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("unknown method 'forest'"), r.err());
        r = CliHarness.run(new ClassifyCommand(), "train", "--index", dir.resolve("none").toString(),
                "--labels", dir.resolve("labels").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("no index at") && r.err().contains("loupe index"), r.err());
        r = CliHarness.run(new ClassifyCommand(), "apply", "--index", dir.resolve("none").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("no classifier at") && r.err().contains("classify train"), r.err());
        r = CliHarness.run(new ClassifyCommand(), "apply", "--threshold", "2");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--threshold must be between 0 and 1"), r.err());
    }
}
