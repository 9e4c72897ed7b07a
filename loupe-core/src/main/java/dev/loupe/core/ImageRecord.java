package dev.loupe.core;

import java.util.Objects;

/**
 * What the index stores about one image file besides its vectors.
 *
 * @param id           stable id of the file (derived from its absolute path), used by queries such as {@code --from}
 * @param path         absolute, normalized path
 * @param size         file size in bytes
 * @param mtimeMillis  last-modified time
 * @param contentHash  hex SHA-256 of the file's bytes
 * @param width        pixel width after EXIF orientation
 * @param height       pixel height after EXIF orientation
 * @param takenMillis  EXIF capture date, or -1 when unknown
 */
public record ImageRecord(String id, String path, long size, long mtimeMillis, String contentHash,
                          int width, int height, long takenMillis) {
    public ImageRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(contentHash, "contentHash");
    }
}
