package dev.loupe.server;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageIndex;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which folders {@code POST /api/index} may index: with {@code --root}, only folders inside those; without, only
 * folders that already hold indexed images (the ones a person indexed with {@code loupe index}) and the folders
 * inside them. Links are resolved: a link inside an allowed folder that leads out of it is outside. The answer for
 * a folder outside is the same whether it exists or not, so the API cannot be used to probe the file system.
 */
final class IndexScope {
    private final ImageIndex index;
    private final List<Path> roots;

    IndexScope(ImageIndex index, List<Path> configuredRoots) {
        this.index = index;
        this.roots = configuredRoots;
    }

    /** {@code requested} (absolute, normalised) if it may be indexed; 403 when outside, 400 when it does not exist. */
    Path check(String field, Path requested) {
        List<Path> allowed = allowed();
        boolean lexicallyInside = allowed.stream().anyMatch(requested::startsWith);
        Path real = realOrNull(requested);
        boolean inside = real != null && allowed.stream().map(IndexScope::realOrNull)
                .anyMatch(a -> a != null && real.startsWith(a));
        if (inside) {
            return requested;
        }
        if (lexicallyInside && !Files.exists(requested)) {
            throw ApiException.badRequest("field '" + field + "': no such file or folder " + requested);
        }
        throw new ApiException(403, "field '" + field + "': " + requested + " is not a folder this server may index: "
                + (roots.isEmpty()
                ? "without --root it indexes only folders that already hold indexed images (GET /api/folders lists "
                + "them); index others with 'loupe index DIR', or start the server with --root DIR"
                : "it indexes only inside its --root folders " + roots + "; start it with --root for that folder"));
    }

    /** The configured roots, or the folders of the indexed images. */
    private List<Path> allowed() {
        if (!roots.isEmpty()) {
            return roots;
        }
        Set<Path> folders = new TreeSet<>();
        index.forEach(ImageFilter.NONE, Set.of(), (record, none) -> {
            Path parent = Path.of(record.path()).getParent();
            if (parent != null) {
                folders.add(parent);
            }
        });
        return new ArrayList<>(folders);
    }

    private static Path realOrNull(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return null;
        }
    }
}
