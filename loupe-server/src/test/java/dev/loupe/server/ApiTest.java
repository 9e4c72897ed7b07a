package dev.loupe.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.loupe.server.Fixtures.PHOTOS;
import static dev.loupe.server.Fixtures.name;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every endpoint, with the real model over the 21 shared photos. */
class ApiTest {
    static Http http;

    @BeforeAll
    static void server() {
        http = Fixtures.photos().http();
    }

    private static List<String> names(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.path("hits").forEach(h -> out.add(name(h)));
        return out;
    }

    private static String upload(String photo) throws Exception {
        byte[] bytes = Files.readAllBytes(PHOTOS.resolve(photo));
        String type = photo.endsWith(".png") ? "image/png" : "image/jpeg";
        Http.Response r = http.post("/api/images", bytes, type);
        assertEquals(201, r.status(), r.text());
        return r.json().path("id").asText();
    }

    @Test
    void theMinimalTextRequestGivesHitsWithIdPathScoreSizeAndTags() {
        JsonNode answer = http.search(Map.of("text", "a cat", "k", 5));
        JsonNode hits = answer.path("hits");
        assertEquals(5, hits.size());
        double previous = Double.MAX_VALUE;
        for (JsonNode h : hits) {
            assertTrue(h.path("id").asText().matches("[0-9a-f]{16}"), h.toString());
            Path p = Path.of(h.path("path").asText());
            assertTrue(p.isAbsolute() && Files.isRegularFile(p), h.toString());
            assertTrue(h.path("width").asInt() > 0 && h.path("height").asInt() > 0, h.toString());
            double score = h.path("score").asDouble();
            assertTrue(score <= previous + 1e-9, "sorted best first: " + hits);
            previous = score;
            assertEquals(3, h.path("tags").size(), h.toString());
        }
        assertEquals("chelsea.png", names(answer).get(0), "the cat comes first: " + names(answer));
    }

    @Test
    void aCupOfCoffeeFindsTheCoffeeFirst() {
        assertEquals("coffee.png", names(http.search(Map.of("text", "a cup of coffee", "k", 3))).get(0));
    }

    @Test
    void moreLikeThisLeavesTheImageItselfOutUnlessAskedFor() {
        String chelsea = Fixtures.id(PHOTOS.resolve("chelsea.png"));
        List<String> similar = names(http.search(Map.of("image", chelsea, "k", 5)));
        assertEquals(5, similar.size());
        assertFalse(similar.contains("chelsea.png"), similar.toString());
        assertEquals(similar, names(http.search(Map.of("k", 5, "terms", List.of(Map.of("image", chelsea, "role", "base"))))),
                "a base term is the same as the 'image' field");
        JsonNode withSelf = http.search(Map.of("image", chelsea, "k", 5, "includeQueryImages", true));
        assertEquals("chelsea.png", names(withSelf).get(0));
        assertEquals(1.0, withSelf.path("hits").get(0).path("score").asDouble(), 1e-3);
    }

    @Test
    void anUploadedCopyFindsTheIndexedPhotoAndHasThumbnailTagsAndBytes() throws Exception {
        String id = upload("chelsea.png");
        assertTrue(id.matches("u[0-9a-f]{32}"), id);
        JsonNode answer = http.search(Map.of("upload", id, "k", 3));
        assertEquals("chelsea.png", names(answer).get(0));
        assertEquals(names(answer), names(http.search(Map.of("k", 3, "terms", List.of(Map.of("upload", id, "role", "base"))))));
        assertEquals(1.0, answer.path("hits").get(0).path("score").asDouble(), 1e-3);

        Http.Response bytes = http.get("/api/images/" + id);
        assertEquals(200, bytes.status());
        assertEquals("image/png", bytes.header("Content-Type"));
        assertArrayEquals(Files.readAllBytes(PHOTOS.resolve("chelsea.png")), bytes.body());
        Http.Response thumb = http.get("/api/images/" + id + "/thumbnail");
        assertEquals(200, thumb.status());
        assertEquals("image/jpeg", thumb.header("Content-Type"));
        JsonNode tags = http.get("/api/tags/" + id + "?k=5").json().path("tags");
        assertEquals(5, tags.size());
        assertTrue(tags.toString().contains("cat"), tags.toString());
    }

    @Test
    void analogiesFromAnUploadedCatTowardsADogFindADogWithEitherMeasure() throws Exception {
        String id = upload("chelsea.png");
        for (String measure : List.of("diff", "sum")) {
            JsonNode answer = http.search(Map.of("upload", id, "measure", measure, "k", 5, "terms", List.of(
                    Map.of("text", "cat", "role", "minus"), Map.of("text", "dog", "role", "plus"))));
            assertEquals(measure, answer.path("measure").asText());
            assertTrue(Set.of("dog.jpg", "person.jpg").contains(names(answer).get(0)), measure + ": " + names(answer));
        }
        // the indexed copy of the uploaded photo is the query's own image: left out unless asked for
        List<Map<String, String>> terms = List.of(Map.of("text", "cat", "role", "minus"), Map.of("text", "dog", "role", "plus"));
        JsonNode all = http.search(Map.of("upload", id, "k", 50, "terms", terms));
        assertEquals(20, all.path("hits").size());
        assertFalse(names(all).contains("chelsea.png"), names(all).toString());
        JsonNode withSelf = http.search(Map.of("upload", id, "k", 50, "terms", terms, "includeQueryImages", true));
        assertTrue(names(withSelf).contains("chelsea.png"), names(withSelf).toString());
    }

    @Test
    void aModificationTextComposesWithAnIndexedImage() {
        String coffee = Fixtures.id(PHOTOS.resolve("coffee.png"));
        List<String> plain = names(http.search(Map.of("image", coffee, "k", 20, "tags", 0)));
        JsonNode answer = http.search(Map.of("image", coffee, "k", 20, "tags", 0, "terms",
                List.of(Map.of("text", "a cat", "role", "base", "weight", 2))));
        assertTrue(answer.path("query").asText().contains("2×'a cat'"), answer.path("query").asText());
        List<String> composed = names(answer);
        assertFalse(composed.contains("coffee.png"), "the base image is left out: " + composed);
        assertTrue(composed.indexOf("chelsea.png") < plain.indexOf("chelsea.png"),
                "the text pulls the cat up: " + plain + " -> " + composed);
    }

    @Test
    void pagesFollowEachOtherWithoutGapsOrRepeats() {
        JsonNode all = http.search(Map.of("text", "an animal", "k", 10, "exact", true));
        JsonNode first = http.search(Map.of("text", "an animal", "k", 4, "exact", true));
        String next = first.path("next").asText();
        JsonNode second = http.search(Map.of("text", "an animal", "k", 4, "exact", true, "cursor", next));
        JsonNode third = http.search(Map.of("text", "an animal", "k", 4, "exact", true, "cursor", second.path("next").asText()));
        List<String> paged = new ArrayList<>(names(first));
        paged.addAll(names(second));
        paged.addAll(names(third));
        assertEquals(names(all), paged.subList(0, 10));
        JsonNode last = http.search(Map.of("text", "an animal", "k", 20, "cursor",
                http.search(Map.of("text", "an animal", "k", 10)).path("next").asText()));
        assertEquals(11, last.path("hits").size(), "21 photos, 10 on the first page");
        assertTrue(last.path("next").isNull(), "no page after the last");
    }

    @Test
    void filtersByFolderAndByDate() {
        JsonNode inFolder = http.search(Map.of("text", "a photo", "k", 50, "filters", Map.of("folder", PHOTOS.toString())));
        assertEquals(21, inFolder.path("hits").size());
        JsonNode elsewhere = http.search(Map.of("text", "a photo", "k", 50, "filters", Map.of("folder", "/no/such/folder")));
        assertEquals(0, elsewhere.path("hits").size());
        // horses.jpg and person.jpg were taken on 2013-04-13 (EXIF); every other photo has another date
        JsonNode oneDay = http.search(Map.of("text", "a photo", "k", 50, "filters",
                Map.of("from", "2013-04-13", "to", "2013-04-13")));
        assertEquals(Set.of("horses.jpg", "person.jpg"), Set.copyOf(names(oneDay)));
        JsonNode morning = http.search(Map.of("text", "a photo", "k", 50, "filters",
                Map.of("from", "2013-04-13T15:00:00Z", "to", "2013-04-13T23:59:59Z")));
        assertEquals(List.of("horses.jpg"), names(morning));
    }

    @Test
    void thumbnailsAreSmallJpegsAndOriginalsAreTheFileBytes() throws Exception {
        String coffee = Fixtures.id(PHOTOS.resolve("coffee.png"));
        Http.Response thumb = http.get("/api/images/" + coffee + "/thumbnail");
        assertEquals(200, thumb.status(), thumb.text());
        assertEquals("image/jpeg", thumb.header("Content-Type"));
        BufferedImage t = ImageIO.read(new ByteArrayInputStream(thumb.body()));
        assertEquals(Thumbnails.SIDE, Math.min(t.getWidth(), t.getHeight()));
        assertEquals(600.0 / 400, (double) t.getWidth() / t.getHeight(), 0.02);
        Http.Response original = http.get("/api/images/" + coffee);
        assertEquals(200, original.status());
        assertEquals("image/png", original.header("Content-Type"));
        assertEquals("nosniff", original.header("X-Content-Type-Options"));
        assertArrayEquals(Files.readAllBytes(PHOTOS.resolve("coffee.png")), original.body());
        Http.Response jpeg = http.get("/api/images/" + Fixtures.id(PHOTOS.resolve("dog.jpg")));
        assertEquals("image/jpeg", jpeg.header("Content-Type"));
    }

    @Test
    void tagsOfAnIndexedImage() {
        String chelsea = Fixtures.id(PHOTOS.resolve("chelsea.png"));
        JsonNode answer = http.get("/api/tags/" + chelsea).json();
        assertEquals(chelsea, answer.path("id").asText());
        assertEquals(ImageApi.DEFAULT_TAGS, answer.path("tags").size());
        List<String> tags = new ArrayList<>();
        answer.path("tags").forEach(t -> tags.add(t.path("tag").asText()));
        assertTrue(tags.contains("cat"), tags.toString());
        assertEquals(3, http.get("/api/tags/" + chelsea + "?k=3").json().path("tags").size());
        assertEquals(400, http.get("/api/tags/" + chelsea + "?k=0").status());
        assertEquals(400, http.get("/api/tags/" + chelsea + "?k=1000").status());
        assertEquals(400, http.get("/api/tags/" + chelsea + "?k=many").status());
        assertEquals(404, http.get("/api/tags/0000000000000000").status());
    }

    @Test
    void statusNamesTheModelAndCountsTheImages() {
        JsonNode s = http.get("/api/status").json();
        assertEquals("loupe-builtin", s.path("model").path("id").asText());
        assertEquals("semantic", s.path("model").path("textSpace").asText());
        assertEquals(21, s.path("index").path("images").asInt());
        assertTrue(s.path("index").path("writable").asBoolean());
        assertEquals(ServerConfig.DEFAULT_MAX_UPLOAD_BYTES, s.path("maxUploadBytes").asLong());
        assertNotNull(s.get("indexing"));
    }

    @Test
    void foldersListThePhotosFolder() {
        JsonNode folders = http.get("/api/folders").json().path("folders");
        assertEquals(1, folders.size());
        assertEquals(PHOTOS.toString(), folders.get(0).path("path").asText());
        assertEquals(21, folders.get(0).path("images").asInt());
    }

    @Test
    void thePageAndItsModulesAreServedWithAStrictContentSecurityPolicy() {
        Http.Response page = http.get("/");
        assertEquals(200, page.status());
        assertTrue(page.header("Content-Type").startsWith("text/html"), page.header("Content-Type"));
        assertTrue(page.text().contains("<script type=\"module\" src=\"app.js\">"));
        assertTrue(page.header("Content-Security-Policy").contains("default-src 'self'"));
        for (String module : List.of("app.js", "api.js", "query.js", "view.js")) {
            Http.Response js = http.get("/" + module);
            assertEquals(200, js.status(), module);
            assertTrue(js.header("Content-Type").contains("javascript"), module + ": " + js.header("Content-Type"));
            assertFalse(js.text().matches("(?s).*https?://.*"), module + " loads nothing from elsewhere");
        }
        assertFalse(page.text().matches("(?s).*https?://.*"), "the page loads nothing from elsewhere");
        assertEquals(200, http.get("/style.css").status());
    }

    @Test
    void unknownRoutesAreJson404s() {
        Http.Response r = http.get("/api/nothing-here");
        assertEquals(404, r.status());
        assertTrue(r.error().contains("/api/nothing-here"), r.text());
        assertEquals(404, http.get("/nope.html").status());
        assertEquals(404, http.post("/api/status", "{}").status(), "no POST route on /api/status");
    }
}
