package dev.loupe.engine;

import dev.loupe.core.text.ImageText;
import dev.loupe.text.FileWords;
import dev.loupe.text.MetadataText;
import dev.loupe.text.Sidecars;

import java.nio.file.Path;
import java.util.List;

/** Reads the words around an image file that the indexer stores: its name and folders, its metadata, its sidecars. */
final class ImageTexts {
    private ImageTexts() {
    }

    /** The stamp of the file's sidecars now ("" when it has none): differs from the stored one when one changed. */
    static String sidecarStamp(Path file) {
        return Sidecars.stamp(Sidecars.of(file));
    }

    /** Names and metadata of a file whose bytes are at hand; OCR still to come. */
    static ImageText read(Path file, byte[] bytes) {
        List<Sidecars.Sidecar> sidecars = Sidecars.of(file);
        return ImageText.read(FileWords.of(file), MetadataText.of(bytes, sidecars), Sidecars.stamp(sidecars));
    }
}
