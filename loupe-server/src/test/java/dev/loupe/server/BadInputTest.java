package dev.loupe.server;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import static dev.loupe.server.Fixtures.PHOTOS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of bad request gets a 4xx whose message says what was wrong — and never a file. */
class BadInputTest {
    static Http http;

    @BeforeAll
    static void server() {
        http = Fixtures.photos().http();
    }

    private static void refused(int status, Http.Response r, String... words) {
        assertEquals(status, r.status(), r.text());
        String error = r.error().toLowerCase();
        for (String w : words) {
            assertTrue(error.contains(w.toLowerCase()), "'" + w + "' in: " + r.text());
        }
    }

    private static Http.Response search(String json) {
        return http.post("/api/search", json);
    }

    @Test
    void malformedJson() {
        refused(400, search("{\"text\": \"a cat\","), "malformed JSON", "line 1");
        refused(400, search("{\"text\": 'a cat'}"), "malformed JSON");
        refused(400, search("{\"text\": \"a cat\"} trailing"), "malformed JSON");
        refused(400, search("{\"text\": \"a\", \"text\": \"b\"}"), "duplicate");
        refused(400, search(""), "empty");
        refused(400, search("null"), "null");
        refused(400, search("[\"a cat\"]"), "JSON object");
        refused(400, search("{\"text\": \"a\", \"k\": NaN}"), "malformed");
    }

    @Test
    void unknownFieldsAreNamed() {
        refused(400, search("{\"text\": \"a cat\", \"limit\": 5}"), "unknown field 'limit'", "known fields", "k");
        refused(400, search("{\"text\": \"a cat\", \"terms\": [{\"text\": \"dog\", \"role\": \"plus\", \"sign\": -1}]}"),
                "unknown field", "sign");
        refused(400, search("{\"text\": \"a cat\", \"filters\": {\"album\": \"x\"}}"), "unknown field", "album");
    }

    @Test
    void wrongTypes() {
        refused(400, search("{\"text\": \"a cat\", \"k\": \"5\"}"), "'k'", "integer");
        refused(400, search("{\"text\": \"a cat\", \"k\": 2.5}"), "'k'");
        refused(400, search("{\"text\": 5}"), "'text'");
        refused(400, search("{\"text\": \"a cat\", \"terms\": {\"text\": \"dog\"}}"), "'terms'", "array");
        refused(400, search("{\"text\": \"a cat\", \"exact\": \"yes\"}"), "'exact'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1001", "100000", "10000000000", "1e12"})
    void kOutOfRange(String k) {
        refused(400, search("{\"text\": \"a cat\", \"k\": " + k + "}"), "'k'");
    }

    @Test
    void weightsMustBePositiveAndFinite() {
        refused(400, http.post("/api/search", Map.of("text", "a cat", "terms",
                List.of(Map.of("text", "dog", "role", "plus", "weight", -1)))), "terms[0].weight", "minus");
        refused(400, http.post("/api/search", Map.of("text", "a cat", "terms",
                List.of(Map.of("text", "dog", "role", "minus", "weight", 0)))), "terms[0].weight", "greater than 0");
        refused(400, http.post("/api/search", Map.of("text", "a cat", "terms",
                List.of(Map.of("text", "dog", "role", "plus", "weight", 1e6)))), "terms[0].weight");
        refused(400, search("{\"text\": \"a cat\", \"terms\": [{\"text\": \"dog\", \"role\": \"plus\", \"weight\": 1e999}]}"),
                "terms[0].weight");
    }

    @Test
    void termsNeedABase() {
        refused(400, http.post("/api/search", Map.of("terms", List.of(Map.of("text", "dog", "role", "plus"),
                Map.of("text", "cat", "role", "minus")))), "no base");
        refused(400, http.post("/api/search", Map.of("terms", List.of(Map.of("text", "cat", "role", "minus")))), "no base");
        refused(400, search("{}"), "nothing to search for");
        refused(400, search("{\"text\": \"   \"}"), "'text'", "empty");
    }

    @Test
    void badTerms() {
        refused(400, http.post("/api/search", Map.of("text", "a", "terms", List.of(Map.of("text", "dog")))),
                "terms[0].role", "missing");
        refused(400, http.post("/api/search", Map.of("text", "a", "terms", List.of(Map.of("text", "dog", "role", "times")))),
                "terms[0].role");
        refused(400, http.post("/api/search", Map.of("text", "a", "terms",
                List.of(Map.of("text", "dog", "image", "3d7d27b12df94b41", "role", "plus")))), "exactly one");
        refused(400, http.post("/api/search", Map.of("text", "a", "terms", List.of(Map.of("role", "plus")))), "exactly one");
        refused(400, search("{\"text\": \"a\", \"terms\": [null]}"), "terms[0]");
        refused(400, http.post("/api/search", Map.of("text", "x".repeat(SearchParser.MAX_TEXT + 1))), "'text'", "characters");
    }

    @Test
    void measureAndComposerNamesAreChecked() {
        refused(400, search("{\"text\": \"a cat\", \"measure\": \"product\"}"), "measure", "sum", "diff");
        refused(400, search("{\"text\": \"a cat\", \"composer\": \"tirg\"}"), "unknown composer 'tirg'", "weighted-sum");
        assertEquals(200, search("{\"text\": \"a cat\", \"composer\": \"weighted-sum\", \"measure\": \"SUM\"}").status());
    }

    @Test
    void cancellingTermsAreRefused() {
        String chelsea = Fixtures.id(PHOTOS.resolve("chelsea.png"));
        refused(400, http.post("/api/search", Map.of("image", chelsea, "measure", "diff", "terms",
                List.of(Map.of("text", "red", "role", "plus"), Map.of("text", "red", "role", "minus")))), "cancel");
    }

    @Test
    void cursorsAreCheckedAndBoundToTheirQuery() {
        refused(400, search("{\"text\": \"a cat\", \"cursor\": \"not-a-cursor\"}"), "'cursor'");
        refused(400, search("{\"text\": \"a cat\", \"cursor\": \"djE6LTE6MDAwMDAwMDAwMDAwMDAwMA\"}"), "'cursor'");
        String next = http.search(Map.of("text", "a cat", "k", 2)).path("next").asText();
        refused(400, http.post("/api/search", Map.of("text", "a dog", "k", 2, "cursor", next)), "another query");
        String far = new Cursor(9_995, "0000000000000000").encode();
        refused(400, search("{\"text\": \"a cat\", \"cursor\": \"" + far + "\"}"), "another query");
    }

    @Test
    void filtersAreChecked() {
        refused(400, http.post("/api/search", Map.of("text", "a", "filters", Map.of("from", "yesterday"))), "filters.from", "ISO");
        refused(400, http.post("/api/search", Map.of("text", "a", "filters", Map.of("to", "2024-13-01"))), "filters.to");
        refused(400, http.post("/api/search", Map.of("text", "a", "filters", Map.of("from", "2024-02-01", "to", "2024-01-01"))),
                "after");
        refused(400, http.post("/api/search", Map.of("text", "a", "filters", Map.of("folder", "photos"))),
                "filters.folder", "absolute");
    }

    @Test
    void jsonMustBeDeclaredAndSmall() {
        refused(415, http.post("/api/search", "{\"text\": \"a cat\"}".getBytes(StandardCharsets.UTF_8), "text/plain"),
                "application/json");
        refused(415, http.post("/api/search", "text=a+cat".getBytes(StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded"), "application/json");
        String huge = "{\"text\": \"" + "a".repeat(Bodies.MAX_JSON_BYTES) + "\"}";
        refused(413, http.post("/api/search", huge), "larger than the limit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../../../etc/passwd", "/etc/passwd", "photos/chelsea.png", "..%2F..%2Fetc%2Fpasswd",
            "3D7D27B12DF94B41", "3d7d27b12df94b4", "u1234"})
    void imagesAreNeverNamedByPath(String image) {
        refused(400, http.post("/api/search", Map.of("image", image)), "'image'", "id");
        refused(400, http.post("/api/search", Map.of("upload", image)), "'upload'");
        refused(400, http.post("/api/search", Map.of("text", "a", "terms", List.of(Map.of("image", image, "role", "plus")))),
                "terms[0].image");
    }

    @Test
    void unknownIdsAre404s() {
        refused(404, http.post("/api/search", Map.of("image", "0123456789abcdef")), "no indexed image");
        refused(404, http.post("/api/search", Map.of("upload", "u" + "0".repeat(32))), "unknown or has expired");
        refused(404, http.get("/api/images/0123456789abcdef"), "no indexed image");
        refused(404, http.get("/api/images/u" + "0".repeat(32) + "/thumbnail"), "upload");
    }

    /** Path traversal in every spelling, on every image route and on the static files: never a file's content. */
    @ParameterizedTest
    @ValueSource(strings = {
            "/api/images/../../../../etc/passwd", "/api/images/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
            "/api/images/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/api/images/%252e%252e%252fetc%252fpasswd",
            "/api/images/%2Fetc%2Fpasswd", "/api/images//etc/passwd", "/api/images/..%5c..%5cetc%5cpasswd",
            "/api/images/%2e%2e/%2e%2e/%2e%2e/etc/passwd/thumbnail", "/api/tags/..%2F..%2Fetc%2Fpasswd",
            "/api/images/..;/..;/etc/passwd", "/api/images/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
            "/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2f..%2fetc%2fpasswd",
            "/file:///etc/passwd", "/api/images/file:%2F%2F%2Fetc%2Fpasswd", "/api/images/%00../../etc/passwd"})
    void pathTraversalGetsNothing(String rawPath) {
        Http.Response r = http.raw("GET", rawPath);
        assertTrue(r.status() >= 400 && r.status() < 500, rawPath + " answered " + r.status() + ": " + r.text());
        assertFalse(r.text().contains("root:"), rawPath + " leaked /etc/passwd");
    }

    @Test
    void uploadsMustBeImagesByTypeAndByContent() throws IOException {
        byte[] png = Files.readAllBytes(PHOTOS.resolve("chelsea.png"));
        refused(415, http.post("/api/images", png, "text/plain"), "Content-Type");
        refused(415, http.post("/api/images", png, "application/octet-stream"), "image/jpeg");
        refused(415, http.post("/api/images", png, null), "Content-Type");
        refused(415, http.post("/api/images", "#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8), "image/png"),
                "not a JPEG, PNG");
        refused(415, http.post("/api/images", "<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes(StandardCharsets.UTF_8),
                "image/svg+xml"), "image/jpeg");
        refused(400, http.post("/api/images", new byte[0], "image/png"), "empty");
        // a PNG cut in half: refused by the decoder, with its reason
        refused(400, http.post("/api/images", Arrays.copyOf(png, png.length / 2), "image/png"), "uploaded image");
        // declared as JPEG but really a PNG: taken for what it is
        assertEquals("image/png", http.post("/api/images", png, "image/jpeg").json().path("contentType").asText());
    }

    @Test
    void decompressionBombsAreRefusedByTheSafeDecoder() throws IOException {
        refused(400, http.post("/api/images", pngHeaderOnly(60_000, 60_000), "image/png"), "pixels");
    }

    @Test
    void uploadsOverTheSizeLimitGet413() {
        byte[] big = new byte[(int) ServerConfig.DEFAULT_MAX_UPLOAD_BYTES + 1024];
        big[0] = (byte) 0xFF;
        big[1] = (byte) 0xD8;
        big[2] = (byte) 0xFF;
        refused(413, http.post("/api/images", big, "image/jpeg"), "25 MB");
    }

    @Test
    void indexRequestsAreChecked() {
        refused(400, http.post("/api/index", Map.of("roots", List.of("relative/photos"))), "roots[0]", "absolute");
        refused(403, http.post("/api/index", Map.of("roots", List.of("/no/such/folder"))), "roots[0]", "not a folder this server may index");
        refused(400, http.post("/api/index", Map.of("roots", List.of(PHOTOS.resolve("no-such-folder").toString()))),
                "roots[0]", "no such");
        refused(400, http.post("/api/index", "{}"), "'roots'");
        refused(400, http.post("/api/index", "{\"roots\": [\"/tmp\"], \"deep\": true}"), "unknown field 'deep'");
        refused(415, http.post("/api/index", "{\"roots\": [\"/tmp\"]}".getBytes(StandardCharsets.UTF_8), "text/plain"),
                "application/json");
    }

    /** A PNG whose header claims width x height, with one tiny data chunk: the size alone must get it refused. */
    static byte[] pngHeaderOnly(int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(ihdr);
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[]{8, 2, 0, 0, 0}); // 8-bit RGB
        chunk(out, "IHDR", ihdr.toByteArray());
        chunk(out, "IDAT", new byte[]{0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        out.writeInt(data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
