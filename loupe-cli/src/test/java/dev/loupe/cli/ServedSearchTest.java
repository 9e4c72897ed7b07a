package dev.loupe.cli;

import dev.loupe.engine.IndexerOptions;
import dev.loupe.engine.Loupe;
import dev.loupe.engine.LoupeHome;
import dev.loupe.engine.SessionOptions;
import dev.loupe.server.CommandRunner;
import dev.loupe.server.LoupeServer;
import dev.loupe.server.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher's fast path: with a server running ({@code $LOUPE_HOME/run/server}), {@code ./loupe search} is
 * answered by it — the same output, exit code and errors as the command in a process of its own, relative paths
 * read from the caller's folder — and what the server does not serve (another index, another command, no secret)
 * is refused so that the launcher runs it itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServedSearchTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @TempDir
    static Path tmp;
    String index;
    Loupe loupe;
    LoupeServer server;
    RunFile runFile;
    final AtomicInteger served = new AtomicInteger();

    @BeforeAll
    void serve() {
        index = tmp.resolve("index").toString();
        CliRunner.ok("index", "--index", index, "--json", QueryCliTest.PHOTOS.toString());
        loupe = Loupe.open(SessionOptions.fromEnvironment(System.getenv()).withIndexDir(Path.of(index))
                .withAccess(SessionOptions.Access.READ));
        ServedCommands commands = new ServedCommands(loupe);
        CommandRunner counting = r -> {
            served.incrementAndGet();
            return commands.run(r);
        };
        server = LoupeServer.start(loupe, index, ServerConfig.local(0), IndexerOptions.defaults(), counting);
        runFile = RunFile.write(LoupeHome.fromEnvironment(System.getenv()), "http://127.0.0.1:" + server.port(),
                server.cliSecret().orElseThrow(), null, index);
    }

    @AfterAll
    void stop() {
        runFile.close();
        server.close();
        loupe.close();
    }

    record Run(int exit, String out, String err) {
    }

    /** {@code ./loupe ARGS} from the folder {@code cwd}, in this JVM's environment ($LOUPE_HOME included). */
    private Run launch(Path cwd, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", ROOT.resolve("loupe").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().remove("LOUPE_SERVER");
        Process p = pb.start();
        p.getOutputStream().close();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                p.getErrorStream().transferTo(err);
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the launcher answered in time");
        t.join();
        return new Run(p.exitValue(), out, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theServerAnswersTheLauncherAsTheCommandWouldAnswerItself() throws Exception {
        Path photos = QueryCliTest.PHOTOS;
        List<String[]> lines = List.of(
                new String[]{"search", "--index", index, "-k", "3", "a cat"},
                new String[]{"search", "--index", index, "--json", "-k", "5", "an animal", "--minus", "dog"},
                new String[]{"search", "--index", index, "-k", "4", "--image", "chelsea.png", "--minus", "cat",
                        "--plus", "dog", "--measure", "diff"});
        for (String[] line : lines) {
            int before = served.get();
            Run launched = launch(photos, line);
            String[] local = line.clone();
            for (int i = 0; i < local.length; i++) {
                if (local[i].equals("chelsea.png")) { // this process's folder is another one
                    local[i] = photos.resolve("chelsea.png").toString();
                }
            }
            CliRunner.Result own = CliRunner.run(local);
            assertEquals(before + 1, served.get(), "the server answered " + String.join(" ", line));
            assertEquals(own.exit(), launched.exit(), launched.err());
            assertEquals(withoutTimes(own.out()), withoutTimes(launched.out()), String.join(" ", line));
            assertFalse(launched.out().isBlank(), "hits printed");
        }
    }

    /** The output without the search's own time ({@code "millis"} of --json), which differs from run to run. */
    private static String withoutTimes(String out) {
        return out.replaceAll("\"millis\":[0-9.E-]+", "\"millis\":0");
    }

    @Test
    void badInputIsReportedAsTheCommandReportsIt() throws Exception {
        Run launched = launch(tmp, "search", "--index", index, "-k", "0", "a cat");
        CliRunner.Result own = CliRunner.run("search", "--index", index, "-k", "0", "a cat");
        assertEquals(2, own.exit());
        assertEquals(own.exit(), launched.exit());
        assertEquals(own.err(), launched.err());
        Run missing = launch(tmp, "search", "--index", index, "--image", "no-such.jpg");
        CliRunner.Result ownMissing = CliRunner.run("search", "--index", index, "--image",
                tmp.resolve("no-such.jpg").toString());
        assertTrue(ownMissing.exit() != 0);
        assertEquals(ownMissing.exit(), missing.exit(), missing.err());
        assertEquals(ownMissing.err(), missing.err());
        assertTrue(missing.err().contains(tmp.resolve("no-such.jpg").toString()),
                "the missing file is named from the caller's folder: " + missing.err());
    }

    private HttpResponse<String> post(String secret, String... fields) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String f : fields) {
            body.write(f.getBytes(StandardCharsets.UTF_8));
            body.write(0);
        }
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/cli"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (secret != null) {
            r.header("X-Loupe-Cli", secret);
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void whatTheServerDoesNotServeIsRefusedSoTheLauncherRunsItItself() throws Exception {
        String secret = server.cliSecret().orElseThrow();
        String cwd = tmp.toString();
        String home = "LOUPE_HOME=" + System.getenv("LOUPE_HOME");
        HttpResponse<String> other = post(secret, cwd, "1", home, "search", "--index", tmp.resolve("other").toString(),
                "x");
        assertEquals(409, other.statusCode(), other.body());
        assertTrue(other.body().contains(index), other.body());
        assertEquals(409, post(secret, cwd, "1", home, "info", "--index", index).statusCode());
        assertEquals(409, post(secret, cwd, "1", "LOUPE_HOME=" + tmp.resolve("home"), "search", "--index", index, "x")
                .statusCode(), "another home");
        assertEquals(403, post(null, cwd, "0", "search", "--index", index, "x").statusCode());
        assertEquals(403, post("0".repeat(secret.length()), cwd, "0", "search", "--index", index, "x").statusCode());
        assertEquals(400, post(secret, "relative", "0", "search", "x").statusCode());
        assertEquals(400, post(secret, cwd, "1", "PATH=/bin", "search", "x").statusCode());
        HttpResponse<String> ok = post(secret, cwd, "1", home, "search", "--index", index, "--json", "a cat");
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("0", ok.headers().firstValue("X-Loupe-Exit").orElseThrow());
        assertTrue(ok.body().contains("chelsea.png"), ok.body());
    }

    @Test
    void theRunFileIsTheOwnersAloneAndGoesWithItsServer() throws Exception {
        Path file = RunFile.of(LoupeHome.fromEnvironment(System.getenv()));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file)));
        Map<String, String> keys = new java.util.HashMap<>();
        for (String l : Files.readAllLines(file)) {
            keys.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1));
        }
        assertEquals(server.cliSecret().orElseThrow(), keys.get("secret"));
        RunFile newer = RunFile.write(LoupeHome.fromEnvironment(System.getenv()), "http://127.0.0.1:1", "s", null, "i");
        runFile.close(); // not this server's file any more: left alone
        assertTrue(Files.exists(file));
        newer.close();
        assertFalse(Files.exists(file));
        runFile = RunFile.write(LoupeHome.fromEnvironment(System.getenv()), "http://127.0.0.1:" + server.port(),
                server.cliSecret().orElseThrow(), null, index);
    }
}
