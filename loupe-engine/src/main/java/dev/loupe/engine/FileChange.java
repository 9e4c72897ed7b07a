package dev.loupe.engine;

/**
 * What an index run did to one file ({@link IndexProgress#changed}), for a watched library's event lines.
 *
 * @param kind what happened
 * @param path the file's absolute path
 * @param from for {@link Kind#MOVED} and {@link Kind#COPIED}: the indexed file whose vectors were reused; else null
 * @param note for {@link Kind#SKIPPED}: why; else null
 */
public record FileChange(Kind kind, String path, String from, String note) {
    public enum Kind {
        /** A new file, embedded. */
        ADDED,
        /** A file whose content changed, embedded again. */
        UPDATED,
        /** A new path whose content was at an indexed path that is gone (a move or rename): vectors reused. */
        MOVED,
        /** A new path whose content another indexed file has (a copy): vectors reused. */
        COPIED,
        /** An indexed file that is gone (not a move). */
        REMOVED,
        /** A file that could not be indexed. */
        SKIPPED
    }

    public static FileChange of(Kind kind, String path) {
        return new FileChange(kind, path, null, null);
    }
}
