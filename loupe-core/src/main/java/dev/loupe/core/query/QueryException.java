package dev.loupe.core.query;

/**
 * A query that cannot be answered as written: its terms cancel out, a term resolved to a zero-length vector, the
 * terms live in spaces of different dimension, … The message is one line meant for the user and says what to change.
 */
public class QueryException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public QueryException(String message) {
        super(message);
    }
}
