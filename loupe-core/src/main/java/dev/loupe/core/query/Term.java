package dev.loupe.core.query;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One term of a query: an image or a text, with the role it plays and a positive weight.
 *
 * <p>Roles: {@link Role#BASE} terms are what the query starts from (the {@code --image}, the {@code --from} result,
 * the query text, a {@code --text} composed with an image); {@link Role#PLUS} and {@link Role#MINUS} terms are the
 * analogy's added and subtracted parts ({@code --plus}, {@code --minus}). BASE and PLUS count positively,
 * MINUS negatively ({@link #sign()}). How the roles combine is defined by {@link Measure}.
 *
 * @param kind   what {@code value} names
 * @param value  the file path, the indexed id or the text; never blank
 * @param weight how much the term counts; finite and &gt; 0 (the sign comes from the role, never from the weight)
 * @param role   base, plus or minus
 */
public record Term(Kind kind, String value, float weight, Role role) {

    /** What a term's value names. */
    public enum Kind {
        /** An image file on disk, to be decoded and encoded. */
        IMAGE_PATH,
        /** An image already in the index, by its stable id (e.g. a previous result, {@code --from}). */
        IMAGE_ID,
        /** A text, embedded into the model's text space. */
        TEXT;

        /** True for the two image kinds. */
        public boolean isImage() {
            return this != TEXT;
        }
    }

    /** The part a term plays in the query. */
    public enum Role {
        /** What the query starts from: the base image, the query text, or parts of a composed query. */
        BASE("", 1),
        /** Added: the direction the result should move towards. */
        PLUS("+", 1),
        /** Subtracted: the direction the result should move away from. */
        MINUS("\u2212", -1);

        private final String symbol;
        private final int sign;

        Role(String symbol, int sign) {
            this.symbol = symbol;
            this.sign = sign;
        }

        /** +1 for BASE and PLUS, -1 for MINUS. */
        public int sign() {
            return sign;
        }

        /** "", "+" or "−", for display. */
        public String symbol() {
            return symbol;
        }
    }

    /** A weight prefix: a decimal number (or a NaN/infinity spelling, so that it is rejected, not taken as text). */
    private static final Pattern WEIGHT_PREFIX = Pattern.compile(
            "\\s*([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?|[+-]?(?i:nan|inf|infinity))\\s*:(.*)",
            Pattern.DOTALL);

    public Term {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(role, "role");
        if (value.isBlank()) {
            throw new QueryParseException("empty " + describe(kind) + " term: give a non-blank value", value);
        }
        checkWeight(weight, value);
    }

    /** A term of weight 1. */
    public static Term of(Kind kind, String value, Role role) {
        return new Term(kind, value, 1f, role);
    }

    /**
     * Parses the command-line syntax {@code [WEIGHT:]VALUE}: {@code "red"} (weight 1), {@code "2:snow"} (weight 2),
     * {@code "0.5:sand"}. The prefix is a weight only when the part before the first colon is a number, so
     * {@code "note: red"} is the text {@code "note: red"}; write {@code "1:12:30"} to search for the text
     * {@code "12:30"}. Surrounding white space of the value is removed.
     *
     * @throws QueryParseException with the offending text when the value is empty (also {@code "2:"}), or the weight
     *                             is zero, negative, not finite or too large for a float
     */
    public static Term parse(Kind kind, Role role, String text) {
        Objects.requireNonNull(text, "text");
        float weight = 1f;
        String value = text;
        Matcher m = WEIGHT_PREFIX.matcher(text);
        if (m.matches()) {
            String number = m.group(1);
            value = m.group(2);
            weight = parseWeight(number, text);
            if (value.isBlank()) {
                throw new QueryParseException("term \"" + text + "\" has a weight but nothing after \"" + number
                        + ":\"; write e.g. \"" + number + ":snow\"", text);
            }
        } else if (text.isBlank()) {
            throw new QueryParseException("empty " + describe(kind) + " term \"" + text + "\"; give a "
                    + (kind == Kind.TEXT ? "text such as \"red\" or \"2:snow\"" : "non-empty value"), text);
        }
        return new Term(kind, value.strip(), weight, role);
    }

    /** The signed weight: {@code weight * role.sign()}. */
    public float signedWeight() {
        return weight * role.sign();
    }

    /** +1 or -1, from the role. */
    public int sign() {
        return role.sign();
    }

    /** E.g. {@code −2×'blue'} or {@code [beach.jpg]}, for messages and display. */
    @Override
    public String toString() {
        String v = kind == Kind.TEXT ? "'" + value + "'" : kind == Kind.IMAGE_ID ? "[#" + value + "]" : "[" + value + "]";
        String w = weight == 1f ? "" : formatWeight(weight) + "\u00d7";
        return role.symbol() + w + v;
    }

    private static float parseWeight(String number, String text) {
        String lower = number.toLowerCase(Locale.ROOT);
        if (lower.contains("nan") || lower.contains("inf")) {
            throw new QueryParseException("weight \"" + number + "\" in term \"" + text
                    + "\" is not a finite number; use e.g. \"2:snow\" or \"0.5:sand\"", text);
        }
        float w = Float.parseFloat(number);
        if (number.strip().startsWith("-")) {
            throw new QueryParseException("weight " + number + " in term \"" + text
                    + "\" is negative; weights must be > 0 — to subtract a term use --minus", text);
        }
        if (!Float.isFinite(w)) {
            throw new QueryParseException("weight " + number + " in term \"" + text
                    + "\" is too large; use a weight between 0 and " + Float.MAX_VALUE, text);
        }
        if (w == 0f) {
            throw new QueryParseException("weight " + number + " in term \"" + text
                    + "\" is zero (or too small for a float), which would drop the term; use a weight > 0 or leave the term out",
                    text);
        }
        return w;
    }

    private static void checkWeight(float weight, String value) {
        if (!Float.isFinite(weight) || weight <= 0f) {
            throw new QueryParseException("weight " + weight + " of term \"" + value
                    + "\" must be a finite number > 0 (subtract with the MINUS role, not a negative weight)", value);
        }
    }

    private static String formatWeight(float w) {
        return w == Math.rint(w) && Math.abs(w) < 1e7 ? Integer.toString((int) w) : Float.toString(w);
    }

    private static String describe(Kind kind) {
        return switch (kind) {
            case IMAGE_PATH -> "image path";
            case IMAGE_ID -> "image id";
            case TEXT -> "text";
        };
    }
}
