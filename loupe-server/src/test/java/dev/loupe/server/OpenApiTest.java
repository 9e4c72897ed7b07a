package dev.loupe.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /openapi.json is served, and documents exactly the routes the server has (and the request fields it takes). */
class OpenApiTest {

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedRouteExists() {
        Fixtures.Served s = Fixtures.photos();
        Http.Response r = s.http().get("/openapi.json");
        assertEquals(200, r.status());
        assertTrue(r.header("Content-Type").startsWith("application/json"));
        JsonNode doc = r.json();
        assertTrue(doc.path("openapi").asText().startsWith("3."), doc.path("openapi").asText());

        Set<String> served = new HashSet<>();
        for (LoupeServer.Route route : s.server().routes()) {
            served.add(route.method().name().toLowerCase(Locale.ROOT) + " " + route.path());
        }
        Set<String> documented = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            for (Iterator<String> methods = p.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next();
                documented.add(method + " " + p.getKey());
                JsonNode op = p.getValue().path(method);
                assertFalse(op.path("responses").isEmpty(), method + " " + p.getKey() + " documents its responses");
                assertTrue(op.has("summary"), method + " " + p.getKey() + " has a summary");
            }
        }
        assertEquals(served, documented);
    }

    @Test
    void theSearchRequestSchemaListsExactlyTheFieldsTheServerAccepts() {
        JsonNode doc = Fixtures.photos().http().get("/openapi.json").json();
        assertEquals(fields(SearchRequest.class), names(doc.at("/components/schemas/SearchRequest/properties")));
        assertEquals(fields(SearchRequest.TermSpec.class), names(doc.at("/components/schemas/Term/properties")));
        assertEquals(fields(SearchRequest.Filters.class), names(doc.at("/components/schemas/Filters/properties")));
        assertEquals(fields(Views.HitView.class), names(doc.at("/components/schemas/Hit/properties")));
        assertEquals(fields(Views.StatusResponse.class), names(doc.at("/components/schemas/Status/properties")));
        assertEquals(fields(IndexJobs.Progress.class), names(doc.at("/components/schemas/IndexProgress/properties")));
    }

    private static Set<String> fields(Class<? extends Record> type) {
        Set<String> out = new HashSet<>();
        for (var c : type.getRecordComponents()) {
            out.add(c.getName());
        }
        return out;
    }

    private static Set<String> names(JsonNode node) {
        Set<String> out = new HashSet<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
