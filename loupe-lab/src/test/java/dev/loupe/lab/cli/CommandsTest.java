package dev.loupe.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.compose.ComposerFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab's command line: train, eval and eval classify print through the writers they are given. */
class CommandsTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    /** Runs {@code loupe-lab args...}. */
    private static Run lab(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** Runs one command on its own, as a test or another tool would. */
    private static Run alone(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine(command, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void evalWritesMarkdownChartAndJson() throws Exception {
        Path report = dir.resolve("report");
        Run r = lab("eval", "--scale", "tiny", "--steps", "20", "--seeds", "2", "--methods", "tirg", "--cnn-width",
                "8", "--report", report.toString(), "--json", "--save", dir.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals("compose", root.get("experiment").asText());
        assertEquals(2, root.get("runs").size());
        assertTrue(root.get("command").asText().startsWith("loupe-lab eval --scale tiny"),
                root.get("command").asText());
        assertTrue(r.err().contains("tirg seed 2: {"), "each run's result goes to the error writer: " + r.err());
        String md = Files.readString(report.resolve("report.md"));
        assertTrue(md.contains("| tirg |") && md.contains("R@50") && md.contains("Reproduce with"), md);
        byte[] png = Files.readAllBytes(report.resolve("chart.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        assertEquals("tirg", ComposerFile.load(dir.resolve("css-like-tirg-seed2.lcmp")).metadata().method());
    }

    @Test
    void trainSavesAComposerFileAndWritesNothingToTheProcessStreams() {
        Path out = dir.resolve("film.lcmp");
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream leaked = new ByteArrayOutputStream();
        Run r;
        try {
            System.setOut(new PrintStream(leaked, true));
            System.setErr(new PrintStream(leaked, true));
            r = lab("train", "--scale", "tiny", "--steps", "10", "--method", "film", "--cnn-width", "8", "-o",
                    out.toString());
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("R@1") && r.out().contains("Saved film"), r.out());
        assertTrue(r.err().contains("css-like film"), "the progress bar is drawn on the error writer: " + r.err());
        assertEquals("", leaked.toString(), "nothing bypasses the writers picocli hands the command");
        assertEquals("film", ComposerFile.load(out).metadata().method());
    }

    @Test
    void errorsAreOneLineAndNonZero() {
        Run bad = alone(new EvalCommand(), "--dataset", "imagenet", "--scale", "tiny");
        assertEquals(2, bad.exit());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertTrue(bad.err().startsWith("loupe-lab eval: --dataset must be one of"), bad.err());
        Run missing = lab("train", "--method", "tirg");
        assertEquals(2, missing.exit());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        assertTrue(missing.err().startsWith("loupe-lab train: Missing required option"), missing.err());
        assertEquals("", bad.out() + missing.out());
    }

    @Test
    void evalClassifyNamesAMissingDataFolder() {
        Run r = lab("eval", "classify", "--data", dir.resolve("nothing").toString());
        assertEquals(2, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("loupe-lab eval classify: no Fashion-MNIST file"), r.err());
    }

    @Test
    void withoutACommandItListsTrainAndEval() {
        Run r = lab();
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("Usage: loupe-lab"), r.out());
        assertTrue(r.out().contains("train") && r.out().contains("eval"), r.out());
        Run eval = lab("eval", "--help");
        assertTrue(eval.out().contains("classify"), "eval lists its classify benchmark: " + eval.out());
        assertEquals("loupe-lab " + dev.loupe.core.Version.LOUPE, lab("--version").out().strip());
    }
}
