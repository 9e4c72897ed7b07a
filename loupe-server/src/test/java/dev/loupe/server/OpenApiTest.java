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
        assertEquals(fields(Views.SearchResponse.class), names(doc.at("/components/schemas/SearchResponse/properties")));
        assertEquals(fields(dev.loupe.engine.search.SearchStats.class),
                names(doc.at("/components/schemas/SearchStats/properties")));
        assertEquals(fields(Views.ModelView.class), names(doc.at("/components/schemas/Status/properties/model/properties")));
    }

    /** Every default and limit the description states is the one the code applies. */
    @Test
    void theDocumentedDefaultsAndLimitsAreTheCodes() {
        JsonNode doc = Fixtures.photos().http().get("/openapi.json").json();
        JsonNode search = doc.at("/components/schemas/SearchRequest/properties");
        assertEquals(dev.loupe.core.query.Measure.DEFAULT.cliName(), search.at("/measure/default").asText());
        assertEquals(SearchParser.WEIGHTED_SUM, search.at("/composer/default").asText());
        assertEquals(SearchParser.DEFAULT_K, search.at("/k/default").asInt());
        assertEquals(ServerConfig.DEFAULT_MAX_K, search.at("/k/maximum").asInt());
        assertEquals(SearchParser.DEFAULT_TAGS, search.at("/tags/default").asInt());
        assertEquals(SearchParser.MAX_TAGS, search.at("/tags/maximum").asInt());
        assertEquals(SearchParser.MAX_TERMS, search.at("/terms/maxItems").asInt());
        assertEquals(SearchParser.MAX_TEXT, search.at("/text/maxLength").asInt());
        assertFalse(search.at("/includeQueryImages/default").asBoolean());
        assertFalse(search.at("/exact/default").asBoolean());
        assertEquals(dev.loupe.core.Relevance.DEFAULT_CUTOFF,
                doc.at("/components/schemas/Status/properties/relevanceCutoff/default").asDouble());
        assertEquals(dev.loupe.core.Relevance.DEFAULT_CUTOFF, Fixtures.photos().http().get("/api/status").json()
                .path("relevanceCutoff").asDouble());
        JsonNode measures = search.at("/measure/enum");
        Set<String> documented = new HashSet<>();
        measures.forEach(m -> documented.add(m.asText()));
        Set<String> known = new HashSet<>();
        for (var m : dev.loupe.core.query.Measure.values()) {
            known.add(m.cliName());
        }
        assertEquals(known, documented);
        assertEquals(dev.loupe.core.Version.LOUPE, doc.at("/info/version").asText(), "one version string");
        assertEquals(dev.loupe.core.Version.LOUPE, Fixtures.photos().http().get("/api/status").json().path("version")
                .asText());
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
