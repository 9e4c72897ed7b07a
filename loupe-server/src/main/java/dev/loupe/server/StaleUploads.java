package dev.loupe.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Upload folders of servers that died without removing theirs (killed, out of memory, power loss). Each upload
 * folder holds {@value #OWNER} with its server's process id; a folder whose process is gone is removed by the next
 * server that starts. Only folders owned by this user are touched, only their plain files are deleted, and
 * symbolic links are never followed. Folders of older Loupe versions (no owner file) go once they are a day old.
 */
final class StaleUploads {
    static final String PREFIX = "loupe-uploads-";
    static final String OWNER = "server.pid";
    private static final Duration LEGACY_AGE = Duration.ofDays(1);

    private StaleUploads() {
    }

    /** Records this process as the owner of {@code dir}. */
    static void mark(Path dir) throws IOException {
        Files.writeString(dir.resolve(OWNER), Long.toString(ProcessHandle.current().pid()), StandardCharsets.US_ASCII);
    }

    /** Removes the upload folders under {@code parent} whose servers are gone; returns how many. Never fails. */
    static int sweep(Path parent) {
        UserPrincipal me;
        try {
            Path probe = Files.createTempFile(parent, PREFIX + "probe-", ".tmp");
            try {
                me = Files.getOwner(probe, LinkOption.NOFOLLOW_LINKS);
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException | UnsupportedOperationException e) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent, PREFIX + "*")) {
            for (Path d : dirs) {
                if (stale(d, me)) {
                    removeFolder(d);
                    removed++;
                }
            }
        } catch (IOException e) {
            // an unreadable temp folder: nothing to clean
        }
        return removed;
    }

    private static boolean stale(Path d, UserPrincipal me) {
        try {
            if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS) || !me.equals(Files.getOwner(d, LinkOption.NOFOLLOW_LINKS))) {
                return false;
            }
            Path owner = d.resolve(OWNER);
            if (!Files.isRegularFile(owner, LinkOption.NOFOLLOW_LINKS)) {
                return Files.getLastModifiedTime(d, LinkOption.NOFOLLOW_LINKS).toInstant()
                        .isBefore(Instant.now().minus(LEGACY_AGE));
            }
            Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(Files.readString(owner).strip()));
            return process.isEmpty() || !process.get().isAlive();
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    private static void removeFolder(Path d) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(d)) {
            for (Path f : files) {
                if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(f)) {
                    UploadStore.deleteQuietly(f);
                }
            }
        } catch (IOException e) {
            return;
        }
        UploadStore.deleteQuietly(d);
    }
}
