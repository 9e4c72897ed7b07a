package dev.loupe.models.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * What the store remembers about a cached file, in {@code <name>.verified} beside it: the file's hash together with
 * its size and modification time when hashed, so that an unchanged file is trusted without re-hashing it on every
 * start. Derived files also remember the hash of their source and the recipe that made them.
 */
record Sidecar(String sha256, long size, String modified, String sourceSha256, String recipe) {
    static final String SUFFIX = ".verified";

    static Path pathFor(Path file) {
        return file.resolveSibling(file.getFileName() + SUFFIX);
    }

    /** Describes a file as it is now on disk. */
    static Sidecar of(Path file, String sha256, String sourceSha256, String recipe) throws IOException {
        return new Sidecar(sha256, Files.size(file), Files.getLastModifiedTime(file).toInstant().toString(),
                sourceSha256, recipe);
    }

    /** The record for a file, or empty if there is none or it is unreadable (then the file is simply re-hashed). */
    static Optional<Sidecar> read(Path file) {
        Path path = pathFor(file);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(path)) {
            p.load(in);
            return Optional.of(new Sidecar(p.getProperty("sha256", ""), Long.parseLong(p.getProperty("size", "-1")),
                    p.getProperty("modified", ""), p.getProperty("source.sha256", ""), p.getProperty("recipe", "")));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether the file still has the size and modification time it had when this record was made. */
    boolean describes(Path file) throws IOException {
        return Files.isRegularFile(file) && Files.size(file) == size
                && Files.getLastModifiedTime(file).toInstant().toString().equals(modified);
    }

    void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("sha256", sha256);
        p.setProperty("size", Long.toString(size));
        p.setProperty("modified", modified);
        if (!sourceSha256.isEmpty()) {
            p.setProperty("source.sha256", sourceSha256);
        }
        if (!recipe.isEmpty()) {
            p.setProperty("recipe", recipe);
        }
        Path target = pathFor(file);
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "written by the Loupe model store; delete to force re-verification");
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static void delete(Path file) throws IOException {
        Files.deleteIfExists(pathFor(file));
    }
}
