package dev.loupe.server;

import dev.loupe.core.ImageFilter;
import dev.loupe.engine.search.Dates;
import java.util.List;

import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The small pieces: upload expiry and cap, cursors, filters, format sniffing, Host parsing. */
class UnitsTest {
    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2024-05-01T12:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static final ImageVectors V = new ImageVectors(Map.of("semantic", new float[]{1}));

    @Test
    void uploadsExpireAndTheOldestGoWhenTheCapIsReached() {
        ManualClock clock = new ManualClock();
        try (UploadStore store = new UploadStore(2, Duration.ofMinutes(10), clock)) {
            UploadStore.Upload a = store.put(new byte[]{1}, "image/png", 1, 1, V, new byte[0]);
            UploadStore.Upload b = store.put(new byte[]{2}, "image/jpeg", 1, 1, V, new byte[0]);
            assertTrue(UploadStore.looksLikeId(a.id()));
            assertNotEquals(a.id(), b.id());
            assertTrue(Files.exists(a.file()));
            UploadStore.Upload c = store.put(new byte[]{3}, "image/gif", 1, 1, V, new byte[0]);
            assertTrue(store.get(a.id()).isEmpty(), "the oldest is evicted beyond the cap");
            assertFalse(Files.exists(a.file()), "and its file deleted");
            assertEquals(2, store.size());
            clock.now = clock.now.plus(Duration.ofMinutes(11));
            assertTrue(store.get(b.id()).isEmpty() && store.get(c.id()).isEmpty(), "expired");
            assertFalse(Files.exists(c.file()));
            assertEquals(0, store.size());
        }
        assertFalse(UploadStore.looksLikeId("u1234"));
        assertFalse(UploadStore.looksLikeId("../u" + "0".repeat(32)));
    }

    @Test
    void cursorsRoundTripAndRejectAnythingElse() {
        Cursor c = new Cursor(40, "0123456789abcdef");
        assertEquals(c, Cursor.decode(c.encode()));
        for (String bad : new String[]{"", "abc", "djE6eDow", "djE6LTE6MDEyMzQ1Njc4OWFiY2RlZg", "x".repeat(300)}) {
            ApiException e = assertThrows(ApiException.class, () -> Cursor.decode(bad), bad);
            assertEquals(400, e.status());
        }
    }

    @Test
    void theFiltersObjectBecomesTheEnginesFilterWithTheCaptureDateElseTheFileTime() {
        long day = Instant.parse("2013-04-13T10:00:00Z").toEpochMilli();
        ImageRecord taken = new ImageRecord("a", "/p/a.jpg", 1, 0, "h", 1, 1, day);
        ImageRecord untaken = new ImageRecord("b", "/p/b.jpg", 1, day, "h", 1, 1, -1);
        ImageRecord otherFolder = new ImageRecord("c", "/photos/c.jpg", 1, day, "h", 1, 1, -1);
        ImageFilter f = SearchParser.filter(new SearchRequest.Filters("/p", "2013-04-13", "2013-04-13"));
        assertTrue(f.test(taken, Map.of()));
        assertTrue(f.test(untaken, Map.of()));
        assertFalse(f.test(otherFolder, Map.of()));
        assertFalse(SearchParser.filter(new SearchRequest.Filters("/p/a", null, null)).test(taken, Map.of()),
                "a folder prefix is a whole folder, not a name prefix");
        assertFalse(SearchParser.filter(new SearchRequest.Filters(null, "2013-04-14", null)).test(taken, Map.of()));
        assertTrue(SearchParser.filter(null).isNone());
        ImageFilter labelled = SearchParser.filter(new SearchRequest.Filters(null, null, null, List.of("cat"), 0.5,
                200, null));
        assertTrue(labelled.test(new ImageRecord("d", "/p/d.jpg", 1, 0, "h", 200, 1, -1), Map.of("cat", 0.6f)));
        assertFalse(labelled.test(new ImageRecord("d", "/p/d.jpg", 1, 0, "h", 199, 1, -1), Map.of("cat", 0.6f)));
        assertFalse(labelled.test(new ImageRecord("d", "/p/d.jpg", 1, 0, "h", 200, 1, -1), Map.of("cat", 0.4f)));
        assertEquals(Instant.parse("2013-04-13T23:59:59.999Z").toEpochMilli(), Dates.end("2013-04-13", "to"));
        assertEquals(Instant.parse("2013-04-13T08:00:00Z").toEpochMilli(), Dates.start("2013-04-13T10:00:00+02:00", "from"));
        assertEquals(Instant.parse("2013-04-13T10:00:00Z").toEpochMilli(), Dates.start("2013-04-13T10:00:00", "from"));
        var e = assertThrows(IllegalArgumentException.class, () -> Dates.start("yesterday", "field 'filters.from'"));
        assertTrue(e.getMessage().contains("field 'filters.from'"), e.getMessage());
    }

    @Test
    void formatsAreRecognisedByTheirBytes() {
        assertEquals("image/jpeg", ImageFormats.sniff(new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0}).orElseThrow());
        assertEquals("image/gif", ImageFormats.sniff("GIF89a....".getBytes()).orElseThrow());
        assertEquals("image/webp", ImageFormats.sniff("RIFF0000WEBPVP8 ".getBytes()).orElseThrow());
        assertEquals("image/tiff", ImageFormats.sniff(new byte[]{'I', 'I', 42, 0, 8}).orElseThrow());
        assertTrue(ImageFormats.sniff("<svg onload=alert(1)>".getBytes()).isEmpty());
        assertTrue(ImageFormats.sniff(new byte[0]).isEmpty());
        assertEquals("image/png", ImageFormats.mediaType("Image/PNG; charset=binary"));
    }

    @Test
    void hostNamesAreParsedWithoutTheirPort() {
        assertEquals("127.0.0.1", AccessGuard.hostName("127.0.0.1:8080"));
        assertEquals("[::1]", AccessGuard.hostName("[::1]:8080"));
        assertEquals("localhost", AccessGuard.hostName("LocalHost"));
        assertEquals("", AccessGuard.hostName(null));
    }
}
