package dev.loupe.core.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A text query as the text search reads it: quoted phrases are required ({@code "q3 revenue"} matches only images
 * whose words contain that phrase in one field), the other words are optional and rank by how well they match.
 * Parsed by hand because the rule is this one line; a query parser's operators ({@code AND}, {@code field:},
 * wildcards) would turn ordinary input such as {@code C++} or {@code what?} into errors.
 *
 * @param words   the words outside quotes, in order
 * @param phrases the quoted phrases, in order
 */
public record TextQuery(List<String> words, List<String> phrases) {
    public TextQuery {
        words = List.copyOf(words);
        phrases = List.copyOf(phrases);
    }

    /** Splits {@code text} into quoted phrases and the words around them; an unclosed quote runs to the end. */
    public static TextQuery parse(String text) {
        Objects.requireNonNull(text, "text");
        List<String> words = new ArrayList<>();
        List<String> phrases = new ArrayList<>();
        StringBuilder outside = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int open = indexOfQuote(text, i);
            if (open < 0) {
                outside.append(text, i, text.length());
                break;
            }
            outside.append(text, i, open).append(' ');
            int close = indexOfQuote(text, open + 1);
            String phrase = text.substring(open + 1, close < 0 ? text.length() : close).strip();
            if (!phrase.isEmpty()) {
                phrases.add(phrase);
            }
            i = close < 0 ? text.length() : close + 1;
        }
        for (String w : outside.toString().strip().split("\\s+")) {
            if (!w.isBlank()) {
                words.add(w);
            }
        }
        return new TextQuery(words, phrases);
    }

    private static int indexOfQuote(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\u201C' || c == '\u201D') {
                return i;
            }
        }
        return -1;
    }

    public boolean isEmpty() {
        return words.isEmpty() && phrases.isEmpty();
    }

    /** Whether some part is required (a quoted phrase). */
    public boolean hasRequired() {
        return !phrases.isEmpty();
    }

    /** The query without quote marks, e.g. for the embedding. */
    public String plainText() {
        List<String> all = new ArrayList<>(words);
        all.addAll(phrases);
        return String.join(" ", all);
    }
}
