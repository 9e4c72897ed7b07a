package dev.loupe.core.text;

import java.util.List;
import java.util.Objects;

/**
 * Why an image matched a text query, in one field: a passage of the field's text and where in it the query's words
 * are ({@code snippet.substring(h.start(), h.end())} for each highlight).
 *
 * @param field      which field matched
 * @param snippet    the passage (the whole text when it is short)
 * @param highlights the matched words' spans in {@code snippet}, in order, not overlapping
 */
public record TextMatch(TextField field, String snippet, List<Span> highlights) {
    /** A half-open character range of the snippet. */
    public record Span(int start, int end) {
        public Span {
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("bad span " + start + ".." + end);
            }
        }
    }

    public TextMatch {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(snippet, "snippet");
        highlights = List.copyOf(highlights);
        for (Span s : highlights) {
            if (s.end() > snippet.length()) {
                throw new IllegalArgumentException("span " + s + " is outside the snippet");
            }
        }
    }

    /** The snippet with each highlighted word in {@code open}…{@code close}, e.g. « and ». */
    public String marked(String open, String close) {
        StringBuilder b = new StringBuilder();
        int at = 0;
        for (Span s : highlights) {
            b.append(snippet, at, s.start()).append(open).append(snippet, s.start(), s.end()).append(close);
            at = s.end();
        }
        return b.append(snippet, at, snippet.length()).toString();
    }
}
