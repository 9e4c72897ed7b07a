package dev.loupe.engine.search;

import dev.loupe.core.ImageIndex;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.Model;
import dev.loupe.models.image.ImageDecodeException;
import dev.loupe.models.image.ImageDecoder;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The vectors of a query image given as a file: read from the index when the file is indexed and unchanged, else
 * decoded (pixel limit, orientation) and encoded now.
 */
public final class QueryImages {
    private final Model model;
    private final ImageIndex index;
    private final ImageDecoder decoder;

    /** @param index the index to look files up in, or null when there is none (e.g. {@code loupe tags}) */
    public QueryImages(Model model, ImageIndex index, ImageDecoder decoder) {
        this.model = model;
        this.index = index;
        this.decoder = decoder;
    }

    /** The vectors of {@code image}, which may or may not be indexed. */
    public ImageVectors vectorsOf(Path image) {
        Path abs = image.toAbsolutePath().normalize();
        requireFile(abs, image);
        if (index != null) {
            var indexed = index.byPath(abs.toString());
            if (indexed.isPresent() && sameFile(abs, indexed.get())) {
                var stored = index.vectors(indexed.get().id());
                if (stored.isPresent()) {
                    return stored.get();
                }
            }
        }
        return model.encodeImage(decode(abs));
    }

    /** Decodes a file safely; a file that cannot be read is a clear usage error naming it. */
    public BufferedImage decode(Path file) {
        requireFile(file, file);
        try {
            return decoder.decode(file).image();
        } catch (ImageDecodeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static void requireFile(Path file, Path asGiven) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such image file: " + asGiven + " — check the path");
        }
    }

    private static boolean sameFile(Path file, ImageRecord r) {
        try {
            return Files.size(file) == r.size() && Files.getLastModifiedTime(file).toMillis() == r.mtimeMillis();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
