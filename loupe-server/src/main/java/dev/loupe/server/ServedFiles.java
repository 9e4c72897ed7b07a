package dev.loupe.server;

import dev.loupe.core.ImageIds;
import dev.loupe.core.ImageIndex;
import dev.loupe.core.ImageRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Decides which file, if any, an image id may be served from. Clients never name files: an id is looked up in the
 * index, and the file it names is served only when its real location (every symbolic link resolved) is inside an
 * allowed folder:
 * <ul>
 *   <li>a root given with {@code --root}, or</li>
 *   <li>the very folder the index recorded for it (so an index built with {@code loupe index} is served
 *       without configuration, but a link that leads out of that folder is not followed).</li>
 * </ul>
 * Index runs through the API add no folder to these: they may only index folders that are already allowed
 * ({@link IndexScope}), so indexing can never make a link out of them servable.
 * Thread-safe.
 */
final class ServedFiles {
    private final ImageIndex index;
    private final List<Path> roots;

    ServedFiles(ImageIndex index, List<Path> configuredRoots) {
        this.index = index;
        this.roots = configuredRoots.stream().map(r -> r.toAbsolutePath().normalize()).sorted().toList();
    }

    List<Path> roots() {
        return roots;
    }

    /** The indexed record of {@code id}; 400 for something that is not an id, 404 for an unknown one. */
    ImageRecord record(String id) {
        if (id == null || !ImageIds.looksLikeId(id)) {
            throw ApiException.badRequest("'" + abbreviate(id) + "' is not an image id: ids are 16 hex digits "
                    + "(as in a search hit) or an upload id from POST /api/images");
        }
        return index.byId(id).orElseThrow(() -> ApiException.notFound("no indexed image has id " + id
                + " (was it removed by a later index run?)"));
    }

    /** The real file behind an indexed record, if it may be served; 403 when it leads outside, 404 when gone. */
    Path file(ImageRecord record) {
        Path stored = Path.of(record.path());
        Path real;
        try {
            real = stored.toRealPath();
        } catch (IOException e) {
            throw ApiException.notFound("the file of image " + record.id() + " is gone from " + record.path()
                    + "; run an index run again to drop it");
        }
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw ApiException.notFound("image " + record.id() + " is not a regular file any more");
        }
        if (!allowed(stored, real)) {
            throw new ApiException(403, "image " + record.id() + " is not served: its file resolves to a place "
                    + "outside the indexed folders (a symbolic link?); serve that folder with --root DIR if this is intended");
        }
        return real;
    }

    private boolean allowed(Path stored, Path real) {
        Path parent = stored.getParent();
        if (parent != null && real.getParent() != null && real.getParent().equals(realOrNull(parent))) {
            return true;
        }
        for (Path root : roots) {
            Path r = realOrNull(root);
            if (r != null && real.startsWith(r)) {
                return true;
            }
        }
        return false;
    }

    private static Path realOrNull(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return null;
        }
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
