package dev.loupe.engine.duplicates;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageIndex;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The images a duplicate search looks at: all indexed ones, or those under the given folders and files. */
public final class DuplicateScope {
    private DuplicateScope() {
    }

    /**
     * The filter for {@code paths} (none: every indexed image). Each path must exist and hold indexed images; the
     * error names the one that does not and says what to do.
     */
    public static ImageFilter of(ImageIndex index, List<Path> paths) {
        if (paths.isEmpty()) {
            return ImageFilter.NONE;
        }
        Set<String> ids = new HashSet<>();
        for (Path p : paths) {
            Path abs = p.toAbsolutePath().normalize();
            if (!Files.exists(abs)) {
                throw new IllegalArgumentException("no such file or folder: " + p + " — check the path");
            }
            int before = ids.size();
            if (Files.isDirectory(abs)) {
                index.forEach(ImageFilter.NONE.inFolder(abs.toString()), Set.of(), (r, v) -> ids.add(r.id()));
            } else {
                index.byPath(abs.toString()).ifPresent(r -> ids.add(r.id()));
            }
            if (ids.size() == before) {
                throw new IllegalArgumentException("no indexed images in " + p + "; index it first with 'loupe index "
                        + p + "' (and the same --index)");
            }
        }
        return ImageFilter.withIds(ids);
    }
}
