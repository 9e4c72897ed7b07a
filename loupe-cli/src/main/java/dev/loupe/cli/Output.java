package dev.loupe.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.loupe.core.Hit;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.Tag;
import dev.loupe.core.text.TextMatch;
import dev.loupe.engine.search.SearchResult;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders results as text for people or as one JSON object for programs. */
final class Output {
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Output() {
    }

    static void json(PrintWriter out, Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A page of hits with the labels {@code loupe classify apply} gave them (label → confidence), when they have
     * any; JSON adds how the search was answered ({@code stats}).
     */
    static void hits(PrintWriter out, SearchResult result, boolean json,
                     java.util.function.Function<String, Map<String, Float>> labelsOf) {
        List<Hit> hits = result.hits();
        if (json) {
            List<Map<String, Object>> rows = hits.stream().map(h -> {
                Map<String, Object> row = row(h);
                Map<String, Float> labels = labelsOf.apply(h.id());
                if (!labels.isEmpty()) {
                    row.put("labels", labels);
                }
                List<TextMatch> why = result.matchesOf(h.id());
                if (!why.isEmpty()) {
                    row.put("matches", why.stream().map(Output::match).toList());
                }
                return row;
            }).toList();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("results", rows);
            body.put("more", result.more());
            body.put("query", result.query());
            body.put("measure", result.measure());
            body.put("stats", result.stats());
            json(out, body);
            return;
        }
        if (hits.isEmpty()) {
            out.println("no results (is the index empty? run 'loupe index PATH...')");
        }
        for (Hit h : hits) {
            Map<String, Float> labels = labelsOf.apply(h.id());
            out.printf("%7.4f  %s  [%s]  %s%s%s%n", h.score(), oneLine(h.path()), h.id(), dateText(h.image()),
                    h.relevance() == null ? "" : String.format(java.util.Locale.ROOT, "  relevance %.2f", h.relevance()),
                    labels.isEmpty() ? "" : "  " + labelText(labels));
            for (TextMatch m : result.matchesOf(h.id())) {
                out.printf("         %s: %s%n", m.field().key(), snippet(m.marked("\u00AB", "\u00BB")));
            }
        }
        out.flush();
    }

    /** {@code {"field": "ocr", "snippet": "…", "highlights": [[start, end], …]}}. */
    static Map<String, Object> match(TextMatch m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("field", m.field().key());
        out.put("snippet", m.snippet());
        out.put("highlights", m.highlights().stream().map(s -> List.of(s.start(), s.end())).toList());
        return out;
    }

    /** A match's snippet on one line, at most 160 characters. */
    private static String snippet(String s) {
        String line = s.replaceAll("\\s+", " ").strip();
        return line.length() > 160 ? line.substring(0, 157) + "…" : line;
    }

    /**
     * {@code s} on one line: a file name may hold a line break or another control character, which would break the
     * one-result-per-line text output; they are shown escaped ({@code \n}, {@code \t}, {@code \u001b}). JSON output
     * needs no such care.
     */
    static String oneLine(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != 0x7f) {
                if (b != null) {
                    b.append(c);
                }
                continue;
            }
            if (b == null) {
                b = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b == null ? s : b.toString();
    }

    /** {@code "holiday 0.93, beach 0.71"}: labels by falling confidence. */
    static String labelText(Map<String, Float> labels) {
        return labels.entrySet().stream()
                .sorted(Map.Entry.<String, Float>comparingByValue().reversed())
                .map(e -> String.format(java.util.Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static final java.time.format.DateTimeFormatter DAY_TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm", java.util.Locale.ROOT).withZone(java.time.ZoneOffset.UTC);

    /**
     * {@code taken 2013-04-01 14:03} (EXIF date) or {@code modified 2026-12-05 07:01} (file time): the date results
     * are sorted and filtered by. In UTC, the zone the index reads EXIF's zone-less dates in, so EXIF times read as
     * the camera wrote them.
     */
    static String dateText(ImageRecord r) {
        return (r.takenMillis() >= 0 ? "taken " : "modified ")
                + DAY_TIME.format(java.time.Instant.ofEpochMilli(ImageFilter.dateOf(r)));
    }

    static Map<String, Object> row(Hit h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", h.id());
        m.put("path", h.path());
        m.put("score", round(h.score()));
        if (h.relevance() != null) {
            m.put("relevance", round(h.relevance()));
        }
        m.put("width", h.image().width());
        m.put("height", h.image().height());
        ImageRecord r = h.image();
        m.put("date", java.time.Instant.ofEpochMilli(ImageFilter.dateOf(r)).toString());
        m.put("dateSource", r.takenMillis() >= 0 ? "exif" : "file");
        return m;
    }

    static void tags(PrintWriter out, List<Tag> tags, boolean json) {
        tags(out, tags, json, false);
    }

    /**
     * Tags as text (score and word; with {@code hierarchy}, also the word's probability and its place in the class
     * hierarchy, "tabby cat < domestic cat < cat < … < animal") or JSON (always with probability and path when the
     * model gives them).
     */
    static void tags(PrintWriter out, List<Tag> tags, boolean json, boolean hierarchy) {
        if (json) {
            json(out, Map.of("tags", tags.stream().map(Output::tagJson).toList()));
            return;
        }
        for (Tag t : tags) {
            if (hierarchy && t.hasProbability()) {
                out.printf("%7.4f  %-24s p=%.3f  %s%n", t.score(), t.tag(), t.probability(), String.join(" < ", t.path()));
            } else {
                out.printf("%7.4f  %s%n", t.score(), t.tag());
            }
        }
        out.flush();
    }

    private static Map<String, Object> tagJson(Tag t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tag", t.tag());
        m.put("score", round(t.score()));
        if (t.hasProbability()) {
            m.put("probability", round(t.probability()));
            m.put("path", t.path());
        }
        return m;
    }

    static double round(float score) {
        return Math.round(score * 1e4) / 1e4;
    }
}
