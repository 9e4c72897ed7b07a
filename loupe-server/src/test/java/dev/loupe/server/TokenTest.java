package dev.loupe.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The token, the Host check against DNS rebinding, the Origin check, and the bind address rules. */
class TokenTest {
    static final String TOKEN = "correct-horse-battery";
    @TempDir
    static Path tmp;
    static Fixtures.Served served;
    static Http anonymous;
    static Http authorised;

    @BeforeAll
    static void start() {
        served = Fixtures.start(tmp.resolve("index"), ServerConfig.local(0).withToken(TOKEN));
        anonymous = served.http();
        authorised = anonymous.with("Authorization", "Bearer " + TOKEN);
    }

    @AfterAll
    static void stop() {
        served.close();
    }

    @Test
    void everyApiRouteNeedsTheToken() {
        for (String path : List.of("/api/status", "/api/folders", "/api/images/0123456789abcdef",
                "/api/images/0123456789abcdef/thumbnail", "/api/tags/0123456789abcdef")) {
            Http.Response r = anonymous.get(path);
            assertEquals(401, r.status(), path);
            assertTrue(r.header("WWW-Authenticate").startsWith("Bearer"), path);
        }
        assertEquals(401, anonymous.post("/api/search", Map.of("text", "a cat")).status());
        assertEquals(401, anonymous.post("/api/images", new byte[]{1, 2, 3}, "image/png").status());
        assertEquals(401, anonymous.post("/api/index", Map.of("roots", List.of("/tmp"))).status());
        assertEquals(401, anonymous.with("Authorization", "Bearer wrong-token-123").get("/api/status").status());
        assertEquals(401, anonymous.with("Authorization", "Basic " + TOKEN).get("/api/status").status());
        assertEquals(200, authorised.get("/api/status").status());
        assertEquals(200, authorised.post("/api/search", Map.of("text", "a cat")).status());
    }

    @Test
    void thePageGetsTheTokenAsAStrictHttpOnlyCookie() {
        assertEquals(200, anonymous.get("/").status(), "the page itself holds no data");
        assertEquals(401, anonymous.get("/?token=wrong-token-123").status());
        Http.Response r = anonymous.get("/?token=" + TOKEN);
        assertEquals(302, r.status());
        assertEquals("/", r.header("Location"));
        String cookie = r.header("Set-Cookie");
        assertTrue(cookie.startsWith(AccessGuard.COOKIE + "=" + TOKEN), cookie);
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
        assertEquals(200, anonymous.with("Cookie", AccessGuard.COOKIE + "=" + TOKEN).get("/api/status").status());
        assertEquals(401, anonymous.with("Cookie", AccessGuard.COOKIE + "=nope-nope-nope").get("/api/status").status());
        assertTrue(served.server().url().endsWith("/?token=" + TOKEN));
    }

    @Test
    void onLoopbackOtherHostNamesAreRefused() {
        assertEquals(403, authorised.raw("GET", "/api/status", "Host: attacker.example:8080").status());
        assertEquals(403, authorised.raw("GET", "/", "Host: attacker.example").status());
        assertEquals(200, authorised.raw("GET", "/api/status", "Host: localhost:" + served.server().port()).status());
    }

    @Test
    void postsFromOtherSitesAreRefused() {
        Http.Response r = authorised.with("Origin", "http://attacker.example").post("/api/search", Map.of("text", "a cat"));
        assertEquals(403, r.status());
        assertTrue(r.error().contains("other web sites"), r.text());
        assertEquals(200, authorised.with("Origin", authorised.base()).post("/api/search", Map.of("text", "a cat")).status());
    }

    @Test
    void listingBeyondLoopbackNeedsAToken() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ServerConfig("0.0.0.0", 0, null, List.of(), 1, 1, ServerConfig.DEFAULT_UPLOAD_TTL, 10, false));
        assertTrue(e.getMessage().contains("--token"), e.getMessage());
        assertTrue(e.getMessage().contains("LOUPE_TOKEN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.local(0).withToken("short"));
        // accepted with a token (not started: the tests never listen beyond loopback)
        new ServerConfig("0.0.0.0", 0, TOKEN, List.of(), 1, 1, ServerConfig.DEFAULT_UPLOAD_TTL, 10, false);
        assertTrue(ServerConfig.isLoopback("127.0.0.1") && ServerConfig.isLoopback("::1")
                && ServerConfig.isLoopback("localhost"));
    }
}
