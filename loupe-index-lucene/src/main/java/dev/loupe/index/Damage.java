package dev.loupe.index;

import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells the failures that mean "the files of the index are damaged" from other I/O failures (a full disk, a
 * permission), and names the file to blame. Lucene reports damage as {@link CorruptIndexException} (checksum,
 * header or footer wrong), {@link EOFException} (a file cut short), a missing file, or a format it cannot read.
 */
final class Damage {
    /** {@code path="/dir/_0.si"} in Lucene's resource descriptions. */
    private static final Pattern RESOURCE_PATH = Pattern.compile("path=\"([^\"]+)\"");
    /** A Lucene file name anywhere in a message: {@code _0.si}, {@code _0_LoupeHnsw_0.vec}, {@code segments_3}. */
    private static final Pattern FILE_NAME = Pattern.compile("(segments_[0-9a-z]+|_[0-9a-z]+(?:_[0-9A-Za-z]+)*\\.[a-z]+)");

    private Damage() {
    }

    /** The damage {@code e} (or one of its causes) reports, as an {@link IndexDamagedException}; else empty. */
    static Optional<IndexDamagedException> of(Path dir, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IndexDamagedException d) {
                return Optional.of(d);
            }
            if (isDamage(t)) {
                String file = file(t);
                return Optional.of(new IndexDamagedException(dir, file, problem(dir, file, t), e));
            }
        }
        return Optional.empty();
    }

    /** Rethrows {@code e} as damage when it is, else as the I/O failure it is. */
    static RuntimeException map(Path dir, IOException e, String doing) {
        if (lockLost(e)) {
            return lockLost(dir, e);
        }
        return of(dir, e).<RuntimeException>map(d -> d)
                .orElseGet(() -> new java.io.UncheckedIOException(doing + " " + dir + ": " + e.getMessage(), e));
    }

    /** A writer that Lucene closed ({@code AlreadyClosedException}): explained when its lock file was taken away. */
    static RuntimeException closed(Path dir, RuntimeException e) {
        return lockLost(e) ? lockLost(dir, e) : e;
    }

    /**
     * Lucene checks its {@code write.lock} before each write; when something deleted or replaced it (a clean-up of
     * the folder, another program), the check fails with the lock file's bare path.
     */
    static boolean lockLost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NoSuchFileException n && String.valueOf(n.getFile()).endsWith(WRITE_LOCK)) {
                return true;
            }
            String m = String.valueOf(t.getMessage());
            if (m.contains("changed by an external force") || (m.contains(WRITE_LOCK) && m.contains("NativeFSLock"))) {
                return true;
            }
        }
        return false;
    }

    private static IllegalStateException lockLost(Path dir, Throwable e) {
        return new IllegalStateException("the index's lock file " + dir.resolve(WRITE_LOCK) + " was deleted or "
                + "replaced while this process was writing the index (by a clean-up job or another program), so "
                + "Lucene stopped writing: what was committed before is safe, the changes since are lost — run the "
                + "command again, and keep clean-up jobs out of " + dir, e);
    }

    private static final String WRITE_LOCK = "write.lock";

    static boolean isDamage(Throwable t) {
        return t instanceof CorruptIndexException || t instanceof IndexFormatTooOldException
                || t instanceof IndexFormatTooNewException || t instanceof EOFException
                || t instanceof NoSuchFileException || t instanceof FileNotFoundException;
    }

    /** The file name (not the path) the failure names, or null. */
    static String file(Throwable t) {
        if (t instanceof NoSuchFileException n && n.getFile() != null) {
            return Path.of(n.getFile()).getFileName().toString();
        }
        String text = t instanceof CorruptIndexException c ? c.getResourceDescription() + " " + c.getMessage()
                : String.valueOf(t.getMessage());
        Matcher m = RESOURCE_PATH.matcher(text);
        if (m.find()) {
            Path p = Path.of(m.group(1)).getFileName();
            return p == null ? m.group(1) : p.toString();
        }
        Matcher name = FILE_NAME.matcher(text);
        return name.find() ? name.group(1) : null;
    }

    /** What is wrong with {@code file} of the index at {@code dir}: plain words for an empty file, else Lucene's. */
    static String problem(Path dir, String file, Throwable t) {
        if (file != null) {
            Path f = dir.resolve(file);
            try {
                if (Files.isRegularFile(f) && Files.size(f) == 0) {
                    return "the file is empty";
                }
            } catch (IOException e) {
                // fall back on Lucene's words
            }
        }
        return problem(t);
    }

    /** What is wrong, in Lucene's words without the resource description (nor its advice to run a tool). */
    static String problem(Throwable t) {
        if (t instanceof NoSuchFileException) {
            return "the file is missing";
        }
        if (t instanceof IndexFormatTooOldException || t instanceof IndexFormatTooNewException) {
            return "written in a format this Loupe cannot read (" + t.getMessage() + ")";
        }
        String m = t instanceof CorruptIndexException c ? c.getOriginalMessage() : t.getMessage();
        if (m == null || m.isBlank()) {
            m = t.getClass().getSimpleName();
        }
        if (t instanceof EOFException) {
            return "the file is cut short";
        }
        return m.replaceAll(";? ?please run checkindex for more details", "").strip();
    }
}
