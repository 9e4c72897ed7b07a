package dev.loupe.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The folders that hold indexed images, kept in {@value #FILE} beside Lucene's files and rewritten at each commit
 * that added a folder. It is what {@code loupe check --repair} rebuilds a damaged index from when Lucene's own files
 * no longer say which images were indexed (an unreadable commit or segment). A plain text file, one folder a line
 * (a backslash and a line break in a name are escaped as {@code \\} and {@code \n}), outside Lucene's file names, so
 * Lucene leaves it alone. Thread-safe.
 */
final class FolderList {
    static final String FILE = "loupe-folders.txt";

    private final Path file;
    private final Set<String> folders = new ConcurrentSkipListSet<>();
    private volatile boolean changed;

    private FolderList(Path file) {
        this.file = file;
    }

    /** The list of the index at {@code dir}; with {@code fresh}, an empty one that replaces it at the next write. */
    static FolderList open(Path dir, boolean fresh) {
        FolderList list = new FolderList(dir.resolve(FILE));
        if (fresh) {
            list.changed = true;
        } else {
            read(dir).forEach(p -> list.folders.add(p.toString()));
        }
        return list;
    }

    /** The folders recorded for the index at {@code dir}; empty when there is no list (or it cannot be read). */
    static List<Path> read(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return List.of();
        }
        try {
            Set<Path> out = new TreeSet<>();
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (!line.isEmpty()) {
                    out.add(Path.of(unescape(line)));
                }
            }
            return new ArrayList<>(out);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** Records the folder of an indexed image. */
    void addImage(String path) {
        Path parent = Path.of(path).getParent();
        if (parent != null) {
            addFolder(parent);
        }
    }

    void addFolder(Path folder) {
        if (folders.add(folder.toString())) {
            changed = true;
        }
    }

    /** Writes the list if it changed since the last write (atomically: a killed run leaves the old or new one). */
    void writeIfChanged() {
        if (!changed) {
            return;
        }
        changed = false;
        StringBuilder text = new StringBuilder();
        for (String f : folders) {
            text.append(escape(f)).append('\n');
        }
        Path tmp = file.resolveSibling(FILE + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            changed = true;
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n");
    }

    static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(n == 'n' ? '\n' : n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
