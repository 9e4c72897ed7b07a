package dev.loupe.core.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Callers that do not add {@code jdk.incubator.vector} (other modules, the CLI) must still get correct scans. */
class VectorApiFallbackTest {

    @Test
    void withoutTheModuleTheScanUsesPlainLoops() throws IOException, InterruptedException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                FallbackMain.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), out);
        String[] lines = out.split("\\R");
        assertEquals("scalar 2", lines[0]);   // (0.6, 0.8) − e1 points closer to e2 than e2 − e1 does
        assertTrue(lines[1].startsWith("loupe: SIMD is off for vector scans, which run about 3x slower: this JVM runs "
                + "without the module jdk.incubator.vector"), lines[1]);
    }
}
