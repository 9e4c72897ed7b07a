package dev.loupe.engine;

import dev.loupe.core.ImageIds;
import dev.loupe.core.ImageIndex;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.text.ImageText;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The indexed images by content hash, as an index run found them: a file whose content is already indexed under
 * another path — it was moved, renamed or copied — takes that image's vectors and OCR text instead of being decoded
 * and embedded again. Filled before the run's workers start; read-only (and so thread-safe) after.
 */
final class StoredContent {
    /**
     * A file whose content {@code from} has.
     *
     * @param moved  {@code from} is gone: the file was moved or renamed (else copied)
     * @param update the file's path was indexed with other content before
     */
    record Reused(ImageRecord record, ImageVectors vectors, ImageText text, String from, boolean moved,
                  boolean update) {
    }

    private final ImageIndex index;
    private final Map<String, ImageRecord> byHash = new HashMap<>();

    StoredContent(ImageIndex index) {
        this.index = index;
    }

    void add(ImageRecord r) {
        byHash.putIfAbsent(r.contentHash(), r);
    }

    /**
     * The stored vectors for a file with this content at another path, or null when no indexed image has them.
     * The pixel size and capture date are the content's, so they are taken along.
     */
    Reused find(FileScanner.Found f, String hash, ImageText text, boolean update) {
        ImageRecord source = byHash.get(hash);
        String path = f.path().toString();
        if (source == null || source.path().equals(path)) {
            return null;
        }
        ImageVectors vectors = index.vectors(source.id()).orElse(null);
        if (vectors == null) {
            return null;
        }
        ImageText stored = index.text(source.id()).orElse(ImageText.UNREAD);
        ImageRecord rec = new ImageRecord(ImageIds.forPath(path), path, f.size(), f.mtimeMillis(), hash,
                source.width(), source.height(), source.takenMillis());
        return new Reused(rec, vectors, text.withOcr(stored.ocrState(), stored.ocr(), stored.ocrNote()),
                source.path(), !Files.exists(Path.of(source.path())), update);
    }
}
