package dev.loupe.core.query;

/**
 * A query term written in a way that cannot be read (e.g. {@code "2:"}, {@code "-1:red"}, {@code "nan:red"}).
 * {@link #offendingText()} is the term exactly as the user gave it; the message is one line that quotes it and says
 * how to write it instead.
 */
public class QueryParseException extends QueryException {
    private static final long serialVersionUID = 1L;

    private final String offendingText;

    public QueryParseException(String message, String offendingText) {
        super(message);
        this.offendingText = offendingText;
    }

    /** The term as given on the command line. */
    public String offendingText() {
        return offendingText;
    }
}
