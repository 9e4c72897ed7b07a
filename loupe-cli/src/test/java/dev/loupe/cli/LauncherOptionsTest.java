package dev.loupe.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The launcher's JVM options (bin/jvm-options): SIMD on by default, and the JVM's incubator warning dropped. */
class LauncherOptionsTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final String WARNING = "WARNING: Using incubator modules: jdk.incubator.vector";

    @Test
    void theIncubatorWarningIsDroppedWhenItComesFirstAndEverythingElsePassesUnchanged() throws Exception {
        assertEquals("loupe: no index\nprogress 50%\rprogress 100%",
                filter(WARNING + "\nloupe: no index\nprogress 50%\rprogress 100%"));
        assertEquals("first\n" + WARNING + "\n", filter("first\n" + WARNING + "\n"));
        assertEquals("no newline at all", filter("no newline at all"));
        assertEquals("", filter(""));
    }

    @Test
    void simdIsOnForAJdkWithTheModuleAndOffWhenAsked() throws Exception {
        String javaHome = System.getProperty("java.home");
        String show = "source bin/jvm-options; loupe_simd_opts; echo \"${LOUPE_SIMD_OPTS[*]}\"";
        assertEquals("--add-modules jdk.incubator.vector", bash(show, "", Map.of("JAVA_HOME", javaHome)).strip());
        assertEquals("", bash(show, "", Map.of("JAVA_HOME", javaHome, "LOUPE_SIMD", "off")).strip());
        assertEquals("", bash(show, "", Map.of("JAVA_HOME", "/nonexistent-jdk")).strip());
    }

    private static String filter(String stderr) throws Exception {
        return bash("source bin/jvm-options; loupe_drop_incubator_warning", stderr, Map.of());
    }

    private static String bash(String script, String stdin, Map<String, String> env) throws IOException,
            InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of("bash", "-c", script)).directory(ROOT.toFile());
        pb.environment().remove("LOUPE_SIMD");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        return out;
    }
}
