package dev.loupe.learn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.compose.ComposerFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandsTest {
    @TempDir
    Path dir;

    private String run(Object cmd, int expectedExit, String... args) {
        PrintStream out = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true));
        try {
            assertEquals(expectedExit, Cli.execute(cmd, args));
        } finally {
            System.setOut(out);
        }
        return buf.toString();
    }

    @Test
    void evalWritesMarkdownChartAndJson() throws Exception {
        Path report = dir.resolve("report");
        String json = run(new EvalCommand(), 0, "--scale", "tiny", "--steps", "20", "--seeds", "2", "--methods",
                "tirg", "--cnn-width", "8", "--report", report.toString(), "--json", "--save", dir.toString());
        JsonNode root = new ObjectMapper().readTree(json);
        assertEquals("compose", root.get("experiment").asText());
        assertEquals(2, root.get("runs").size());
        assertTrue(root.get("command").asText().startsWith("loupe eval --scale tiny"));
        String md = Files.readString(report.resolve("report.md"));
        assertTrue(md.contains("| tirg |") && md.contains("R@50") && md.contains("Reproduce with"), md);
        byte[] png = Files.readAllBytes(report.resolve("chart.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        assertEquals("tirg", ComposerFile.load(dir.resolve("css-like-tirg-seed2.lcmp")).metadata().method());
    }

    @Test
    void trainSavesAComposerFile() {
        Path out = dir.resolve("film.lcmp");
        String text = run(new TrainCommand(), 0, "--scale", "tiny", "--steps", "10", "--method", "film",
                "--cnn-width", "8", "-o", out.toString());
        assertTrue(text.contains("R@1") && text.contains("Saved film"), text);
        assertEquals("film", ComposerFile.load(out).metadata().method());
    }

    @Test
    void errorsAreOneLineAndNonZero() {
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true));
        try {
            run(new EvalCommand(), 1, "--dataset", "imagenet", "--scale", "tiny");
            run(new TrainCommand(), 2, "--method", "tirg");
        } finally {
            System.setErr(err);
        }
        String[] lines = buf.toString().strip().split("\n");
        assertEquals(2, lines.length, buf.toString());
        assertTrue(lines[0].startsWith("eval: --dataset must be one of"), lines[0]);
        assertTrue(lines[1].startsWith("train: Missing required option"), lines[1]);
    }
}
