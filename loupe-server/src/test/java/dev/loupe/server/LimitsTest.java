package dev.loupe.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.loupe.server.Fixtures.PHOTOS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-client limits of {@link ServerLimits}, small enough to reach in a test: connections beyond the limit are
 * closed at once, uploads beyond it answered 503 before their body is read, bodies that stop arriving cut off with
 * 408 after the read timeout — and a slot or connection that was freed can be used again.
 */
class LimitsTest {
    static final ServerLimits LIMITS = new ServerLimits(64, 8, 3, 2, Duration.ofSeconds(2), 4096);
    @TempDir
    Path tmp;
    Fixtures.Served served;
    int port;

    /** A server per test: connections other tests' clients keep alive must not count against this one's limits. */
    @BeforeEach
    void start() {
        served = Fixtures.start(tmp.resolve("index"), ServerConfig.local(0).withLimits(LIMITS));
        port = served.server().port();
    }

    @AfterEach
    void stop() {
        served.close();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void connectionsBeyondThePerClientLimitAreClosedAndFreedOnesCountAgain() throws Exception {
        for (int round = 0; round < 3; round++) {
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < LIMITS.connectionsPerClient(); i++) {
                    held.add(answered(new Socket("127.0.0.1", port)));
                }
                awaitStatusWorksOnlyAfterClosingOne(held);
            } finally {
                for (Socket s : held) {
                    s.close();
                }
            }
            awaitStatus(200);
        }
    }

    /** The socket after one request on it was answered: the server has accepted and counted it. */
    private Socket answered(Socket s) throws IOException {
        s.setSoTimeout(10_000);
        s.getOutputStream().write("GET /api/status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        byte[] status = s.getInputStream().readNBytes(12);
        assertEquals("HTTP/1.1 200", new String(status, StandardCharsets.ISO_8859_1));
        return s;
    }

    /** With the limit reached, a new connection is closed unanswered; with one fewer held, it is answered. */
    private void awaitStatusWorksOnlyAfterClosingOne(List<Socket> held) throws Exception {
        try (Socket extra = new Socket("127.0.0.1", port)) {
            extra.setSoTimeout(5_000);
            extra.getOutputStream().write(("GET /api/status HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            assertEquals(-1, extra.getInputStream().read(), "a connection beyond the limit is closed unanswered");
        } catch (IOException reset) {
            // closed by the server before or while the request was written: refused as well
        }
        held.remove(0).close();
        awaitStatus(200);
    }

    private void awaitStatus(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int last = -1;
        while (System.nanoTime() < deadline) {
            try {
                last = served.http().raw("GET", "/api/status").status();
                if (last == expected) {
                    return;
                }
            } catch (RuntimeException closed) {
                last = -1;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("GET /api/status answered " + last + ", expected " + expected);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void uploadsBeyondThePerClientLimitAre503AtOnceAndSilentOnes408AfterTheTimeout() throws Exception {
        byte[] photo = Files.readAllBytes(PHOTOS.resolve("chelsea.png"));
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < LIMITS.uploadsPerClient(); i++) {
                slow.add(slowUpload(25L << 20));
            }
            Thread.sleep(300); // the server has taken their slots
            long t = System.nanoTime();
            Http.Response busy = served.http().post("/api/images", photo, "image/png");
            assertEquals(503, busy.status(), busy.text());
            assertTrue(busy.error().contains("uploads"), busy.text());
            assertTrue(System.nanoTime() - t < TimeUnit.SECONDS.toNanos(2), "refused before reading the body");
            for (Socket s : slow) {
                s.setSoTimeout(15_000);
                String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
                assertTrue(answer.contains("stopped after 1 of 26214400 bytes"), answer);
            }
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
        Http.Response ok = served.http().post("/api/images", photo, "image/png");
        assertEquals(201, ok.status(), "the freed slots are usable: " + ok.text());
    }

    @Test
    void aDeclaredSizeAboveTheLimitIsRefusedBeforeTheBodyArrives() throws Exception {
        try (Socket s = slowUpload(26L << 20)) {
            s.setSoTimeout(5_000);
            String answer;
            try {
                answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no answer before the body arrived", e);
            }
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        }
    }

    /** Declares an upload of {@code declared} bytes, sends one byte and then nothing. */
    private Socket slowUpload(long declared) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.getOutputStream().write(("POST /api/images HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/jpeg\r\n"
                + "Content-Length: " + declared + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().write(0xFF);
        s.getOutputStream().flush();
        return s;
    }
}
