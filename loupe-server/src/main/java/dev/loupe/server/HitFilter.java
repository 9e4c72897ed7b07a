package dev.loupe.server;

import dev.loupe.core.ImageRecord;

import java.io.File;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The search filters: a folder (the image's path starts with it) and a date range over the capture date (EXIF,
 * read as UTC like the index does; the file's modification time when the file has none). Both ends inclusive.
 */
record HitFilter(String folder, long fromMillis, long toMillis) {
    static final HitFilter NONE = new HitFilter(null, Long.MIN_VALUE, Long.MAX_VALUE);

    boolean isEmpty() {
        return folder == null && fromMillis == Long.MIN_VALUE && toMillis == Long.MAX_VALUE;
    }

    boolean test(ImageRecord r) {
        if (folder != null && !r.path().startsWith(folder)) {
            return false;
        }
        long when = date(r);
        return when >= fromMillis && when <= toMillis;
    }

    /** The date an image is filtered and shown by. */
    static long date(ImageRecord r) {
        return r.takenMillis() >= 0 ? r.takenMillis() : r.mtimeMillis();
    }

    /** Builds the filter from the request's {@code filters} object (null for none). */
    static HitFilter of(SearchRequest.Filters f) {
        if (f == null) {
            return NONE;
        }
        String folder = null;
        if (f.folder() != null && !f.folder().isBlank()) {
            String fo = f.folder().strip();
            if (!fo.startsWith("/") && !(fo.length() > 2 && fo.charAt(1) == ':')) {
                throw ApiException.badRequest("field 'filters.folder' must be an absolute folder path as shown in "
                        + "GET /api/folders, got '" + ServedFiles.abbreviate(fo) + "'");
            }
            folder = fo.endsWith(File.separator) ? fo : fo + File.separator;
        }
        long from = f.from() == null || f.from().isBlank() ? Long.MIN_VALUE : parse(f.from(), "filters.from", false);
        long to = f.to() == null || f.to().isBlank() ? Long.MAX_VALUE : parse(f.to(), "filters.to", true);
        if (from > to) {
            throw ApiException.badRequest("'filters.from' (" + f.from() + ") is after 'filters.to' (" + f.to()
                    + "); swap them");
        }
        return new HitFilter(folder, from, to);
    }

    /** An ISO date ("2024-05-01": the day's start, or its end for {@code to}) or date-time (UTC unless given). */
    static long parse(String text, String field, boolean endOfDay) {
        String t = text.strip();
        try {
            if (t.length() == 10) {
                LocalDate d = LocalDate.parse(t);
                return endOfDay ? d.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli() - 1
                        : d.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            try {
                return OffsetDateTime.parse(t).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                try {
                    return Instant.parse(t).toEpochMilli();
                } catch (DateTimeParseException e2) {
                    return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC).toEpochMilli();
                }
            }
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("field '" + field + "' must be an ISO date like 2024-05-01 or a date-time "
                    + "like 2024-05-01T18:30:00Z, got '" + ServedFiles.abbreviate(t) + "'");
        }
    }
}
