package dev.loupe.models.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageFilesTest {

    @Test
    void recognisesImageExtensionsInAnyCase(@TempDir Path dir) throws Exception {
        for (String name : new String[] {"a.jpg", "b.JPEG", "c.jpe", "d.png", "e.Gif", "f.bmp", "g.tif", "h.TIFF",
                "i.webp", "with.dots.in.name.jpg"}) {
            assertTrue(ImageFiles.isImage(Files.createFile(dir.resolve(name))), name);
        }
        for (String name : new String[] {"notes.txt", "raw.cr2", "movie.mp4", "jpg", ".png", "image.jpg.txt", "x."}) {
            assertFalse(ImageFiles.isImage(Files.createFile(dir.resolve(name))), name);
        }
        assertFalse(ImageFiles.isImage(Files.createDirectory(dir.resolve("folder.jpg"))), "directories are not images");
        assertTrue(ImageFiles.isImage(dir.resolve("not-yet-created.png")), "decided by name for missing files");
        assertFalse(ImageFiles.isImage(null));
    }

    @Test
    void extensionIsLowerCaseWithoutTheDot() {
        assertEquals("jpeg", ImageFiles.extension("Photo.JPEG"));
        assertEquals("", ImageFiles.extension("README"));
        assertEquals("", ImageFiles.extension(".bashrc"));
        assertEquals("", ImageFiles.extension("dir.d/file"));
        assertEquals(9, ImageFiles.EXTENSIONS.size());
    }

    @Test
    void everyRecognisedExtensionIsDecodable() {
        for (String ext : ImageFiles.EXTENSIONS) {
            String format = switch (ext) {
                case "jpg", "jpeg", "jpe" -> "jpeg";
                case "tif", "tiff" -> "tiff";
                default -> ext;
            };
            assertTrue(javax.imageio.ImageIO.getImageReadersByFormatName(format).hasNext(), "a reader for ." + ext);
        }
    }
}
