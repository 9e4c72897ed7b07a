package dev.loupe.engine.search;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Dates of the date-range filter as people type them: an ISO date ({@code 2024-05-01}: the day's start, or its end
 * for the upper bound) or date-time ({@code 2024-05-01T18:30:00Z}; UTC when no offset is given, as the index reads
 * EXIF dates). One parser for the CLI's {@code --since/--until} and the API's {@code filters.from/to}.
 */
public final class Dates {
    private Dates() {
    }

    /** The first millisecond {@code text} denotes; {@code field} names the input in the error message. */
    public static long start(String text, String field) {
        return parse(text, field, false);
    }

    /** The last millisecond {@code text} denotes (the whole day for a date). */
    public static long end(String text, String field) {
        return parse(text, field, true);
    }

    private static long parse(String text, String field, boolean endOfDay) {
        String t = text == null ? "" : text.strip();
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
            String shown = t.length() > 40 ? t.substring(0, 40) + "…" : t;
            throw new IllegalArgumentException(field + " must be an ISO date like 2024-05-01 or a date-time like "
                    + "2024-05-01T18:30:00Z, got '" + shown + "'");
        }
    }
}
