package dev.loupe.cli;

import dev.loupe.engine.LoupeHome;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * {@code $LOUPE_HOME/run/server}: how the launcher finds a running {@code loupe serve} to answer {@code loupe search}
 * (its address, the secret of {@code POST /api/cli}, the token if the server has one, its index). Lines of
 * {@code key=value}, which a shell reads without a JSON parser; readable by its owner only, since the secret lets a
 * caller run a search that reads any file the server can. Removed when the server stops; a file left by a killed
 * server is harmless (the launcher cannot connect and runs the command itself) and the next server replaces it.
 */
final class RunFile implements AutoCloseable {
    private final Path file;
    private final String content;

    private RunFile(Path file, String content) {
        this.file = file;
        this.content = content;
    }

    static Path of(LoupeHome home) {
        return home.root().resolve("run").resolve("server");
    }

    /** Writes the file (atomically, owner-only); a failure is reported and serving goes on without the fast path. */
    static RunFile write(LoupeHome home, String url, String secret, String token, String index) {
        Path file = of(home);
        StringBuilder sb = new StringBuilder();
        sb.append("url=").append(url).append('\n');
        sb.append("secret=").append(secret).append('\n');
        sb.append("token=").append(token == null ? "" : token).append('\n');
        sb.append("pid=").append(ProcessHandle.current().pid()).append('\n');
        sb.append("index=").append(index.replace('\n', ' ')).append('\n');
        String content = sb.toString();
        try {
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            Files.createDirectories(file.getParent());
            if (posix) {
                Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwx------"));
            }
            Path tmp = Files.createTempFile(file.getParent(), "server", ".tmp");
            try {
                if (posix) {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                }
                Files.writeString(tmp, content, StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            return new RunFile(file, content);
        } catch (IOException e) {
            System.err.println("loupe: cannot write " + file + " (" + e.getMessage() + "); 'loupe search' will not "
                    + "use this server");
            return new RunFile(null, content);
        }
    }

    /** Removes the file if it is still this server's (a newer server may have replaced it). */
    @Override
    public void close() {
        if (file == null) {
            return;
        }
        try {
            if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(content)) {
                Files.delete(file);
            }
        } catch (IOException e) {
            System.err.println("loupe: cannot remove " + file + ": " + e.getMessage());
        }
    }
}
