package dev.loupe.index;

import java.nio.file.Path;

/**
 * The index on disk is damaged: a file is truncated, emptied, overwritten or missing. The message names the index,
 * the file and what is wrong, and says how to recover: {@code loupe check --repair} (which rebuilds the index from
 * the photo folders and keeps the damaged copy beside it) or a backup. Never "no index": the user's index is there,
 * and it must not look as if it could simply be built again on top.
 */
public final class IndexDamagedException extends IllegalStateException {
    private final transient Path dir;
    private final String file;

    public IndexDamagedException(Path dir, String file, String problem, Throwable cause) {
        super("the index " + dir + " is damaged: " + (file == null ? "" : file + ": ") + problem
                + " — repair it with '" + repairCommand(dir) + "' (it rebuilds the index from the photo folders and "
                + "keeps the damaged copy beside it), or restore " + dir + " from a backup", cause);
        this.dir = dir;
        this.file = file;
    }

    /** The command that repairs the index at {@code dir}. */
    public static String repairCommand(Path dir) {
        return "loupe check --repair --index " + dir;
    }

    public Path dir() {
        return dir;
    }

    /** The damaged file's name inside the index folder, or null when no single file is to blame. */
    public String file() {
        return file;
    }
}
