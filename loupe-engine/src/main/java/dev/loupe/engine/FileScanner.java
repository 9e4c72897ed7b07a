package dev.loupe.engine;

import dev.loupe.models.image.ImageFiles;

import java.io.IOException;
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
        try {
            if (!Files.isRegularFile(file)) {
                return; // dangling link or a folder named like an image
            }
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            String p = file.toAbsolutePath().normalize().toString();
            found.put(p, new Found(Path.of(p), a.size(), a.lastModifiedTime().toMillis()));
        } catch (NoSuchFileException e) {
            // vanished between listing and stat: nothing to index
        } catch (IOException e) {
            problems.accept(file.toString(), "cannot read attributes: " + e.getMessage());
        }
    }

    /** True when {@code path} is one of the roots or lies below one. */
    static boolean under(List<Path> roots, String path) {
        Path p = Path.of(path);
        return roots.stream().anyMatch(p::startsWith);
    }
}
