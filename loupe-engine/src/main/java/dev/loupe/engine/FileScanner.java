package dev.loupe.engine;

import dev.loupe.models.image.ImageFiles;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Finds the image files under the roots (files given directly are taken as they are). Unreadable folders are
 * reported, not fatal. Symbolic links to files are followed; links to folders are not, so cycles cannot happen.
 * Anything named like an image that is not one is reported with what it is: a dangling link, a link loop, a named
 * pipe or device (never opened: reading a pipe would block), a name that is not valid in the file-name encoding.
 */
final class FileScanner {

    /** A file found by the scan, with the attributes that decide whether it changed. */
    record Found(Path path, long size, long mtimeMillis) {
    }

    /** Normalised absolute roots; fails on a root that does not exist. */
    static List<Path> roots(List<Path> roots) {
        List<Path> out = new ArrayList<>();
        for (Path r : roots) {
            Path abs = r.toAbsolutePath().normalize();
            if (!Files.exists(abs)) {
                throw new IllegalArgumentException("no such file or folder: " + r + " — check the path");
            }
            out.add(abs);
        }
        return out;
    }

    /** Image files under {@code roots}, sorted by path, without duplicates. */
    static List<Found> scan(List<Path> roots, BiConsumer<String, String> problems) {
        TreeMap<String, Found> found = new TreeMap<>();
        for (Path root : roots) {
            if (Files.isRegularFile(root)) {
                add(root, found, problems);
                continue;
            }
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (ImageFiles.isImage(file)) {
                            add(file, found, problems);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        problems.accept(file.toString(), "cannot read: " + e.getMessage() + " — check its permissions");
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                problems.accept(root.toString(), "cannot scan: " + e.getMessage());
            }
        }
        return new ArrayList<>(found.values());
    }

    private static void add(Path file, TreeMap<String, Found> found, BiConsumer<String, String> problems) {
        String p = file.toAbsolutePath().normalize().toString();
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class); // of the link's target
        } catch (NoSuchFileException e) {
            if (Files.isSymbolicLink(file)) {
                problems.accept(p, "a symbolic link to " + target(file) + ", which does not exist");
            }
            return; // otherwise it vanished between listing and stat: nothing to index
        } catch (FileSystemException e) {
            problems.accept(p, Files.isSymbolicLink(file) && String.valueOf(e.getReason()).contains("symbolic link")
                    ? "a symbolic link loop (" + e.getReason() + ")" : "cannot read attributes: " + e.getMessage());
            return;
        } catch (IOException e) {
            problems.accept(p, "cannot read attributes: " + e.getMessage());
            return;
        }
        if (a.isDirectory()) {
            return; // a folder named like an image
        }
        if (!a.isRegularFile()) {
            problems.accept(p, "not a regular file but " + kind(file) + "; only image files are indexed");
            return;
        }
        if (!Files.exists(Path.of(p))) {
            // the name's bytes are not valid in the file-name encoding (sun.jnu.encoding, UTF-8 in a UTF-8 locale):
            // as text it names no file, so the index could never open it again
            problems.accept(p, "its name is not valid " + System.getProperty("sun.jnu.encoding", "UTF-8")
                    + " (shown with \uFFFD or ?); rename it, e.g. with convmv -f latin1 -t utf8 --notest");
            return;
        }
        found.put(p, new Found(Path.of(p), a.size(), a.lastModifiedTime().toMillis()));
    }

    /** What a non-regular file is: a named pipe, a device, a socket (from the Unix file mode when known). */
    private static String kind(Path file) {
        try {
            int type = ((Integer) Files.getAttribute(file, "unix:mode")) & 0170000;
            return switch (type) {
                case 0010000 -> "a named pipe (FIFO)";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | RuntimeException e) {
            return "a special file";
        }
    }

    private static String target(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "a missing file";
        }
    }

    /** True when {@code path} is one of the roots or lies below one. */
    static boolean under(List<Path> roots, String path) {
        Path p = Path.of(path);
        return roots.stream().anyMatch(p::startsWith);
    }
}
