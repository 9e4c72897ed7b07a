package dev.loupe.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.loupe.server.Fixtures.PHOTOS;
import static dev.loupe.server.Fixtures.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code "sort"} in POST /api/search, over the 21 shared photos (some with an EXIF date, the rest by file time). */
class SortApiTest {
    static Http http;
    static String dog;

    @BeforeAll
    static void server() {
        http = Fixtures.photos().http();
        dog = Fixtures.id(PHOTOS.resolve("dog.jpg"));
    }

    /** The date a hit is sorted by: its EXIF date, else its file time. */
    private static String date(JsonNode hit) {
        return hit.path("taken").isTextual() ? hit.path("taken").asText() : hit.path("modified").asText();
    }

    private static List<String> dates(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.path("hits").forEach(h -> out.add(java.time.Instant.parse(date(h)).toString()));
        return out;
    }

    private static JsonNode similar(String sort, int k, String cursor) {
        Map<String, Object> body = new HashMap<>(Map.of("image", dog, "k", k, "includeQueryImages", true, "tags", 0));
        if (sort != null) {
            body.put("sort", sort);
        }
        if (cursor != null) {
            body.put("cursor", cursor);
        }
        return http.search(body);
    }

    @Test
    void dateSortsTheHitsNewestFirstAndDateAscOldestFirst() {
        JsonNode newest = similar("date", 21, null);
        assertEquals(21, newest.path("hits").size());
        List<String> d = dates(newest);
        assertEquals(d.stream().sorted(java.util.Comparator.reverseOrder()).toList(), d, newest.toString());
        JsonNode dogHit = null;
        for (JsonNode h : newest.path("hits")) {
            if (name(h).equals("dog.jpg")) {
                dogHit = h;
            }
        }
        assertEquals("2014-09-19T16:08:30Z", dogHit.path("taken").asText(), "dog.jpg has an EXIF date");
        List<String> a = dates(similar("date-asc", 21, null));
        assertEquals(a.stream().sorted().toList(), a);
        assertEquals("dog.jpg", name(similar("relevance", 1, null).path("hits").get(0)));
        assertEquals("dog.jpg", name(similar(null, 1, null).path("hits").get(0)), "relevance is the default");
    }

    @Test
    void pagesOfADateOrderFollowOnWithTheCursor() {
        JsonNode first = similar("date", 8, null);
        String next = first.path("next").asText();
        assertTrue(!next.isEmpty(), first.toString());
        JsonNode second = similar("date", 8, next);
        List<String> both = new ArrayList<>();
        first.path("hits").forEach(h -> both.add(h.path("id").asText()));
        second.path("hits").forEach(h -> both.add(h.path("id").asText()));
        List<String> whole = new ArrayList<>();
        similar("date", 16, null).path("hits").forEach(h -> whole.add(h.path("id").asText()));
        assertEquals(whole, both);
    }

    @Test
    void anUnknownOrderIsABadRequestNamingTheField() {
        Http.Response r = http.post("/api/search", Map.of("text", "a dog", "sort", "newest"));
        assertEquals(400, r.status());
        assertTrue(r.json().path("error").asText().contains("field 'sort' must be relevance, date"), r.text());
    }
}
