package dev.loupe.classify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelledFoldersTest {
    @TempDir
    Path root;

    private Path file(String rel) throws Exception {
        Path f = root.resolve(rel);
        Files.createDirectories(f.getParent());
        Files.write(f, new byte[] {1, 2, 3});
        return f;
    }

    private String error(Path dir) {
        return assertThrows(IllegalArgumentException.class, () -> LabelledFolders.read(dir)).getMessage();
    }

    @Test
    void subFolderNamesAreLabelsAndNonImagesAreReported() throws Exception {
        file("cats/a.jpg");
        file("cats/deeper/b.PNG");
        file("dogs/c.webp");
        file("dogs/notes.txt");
        file("readme.md");
        file("dogs/.DS_Store");
        LabelledFolders f = LabelledFolders.read(root);
        assertEquals(List.of("cats", "dogs"), f.labels());
        assertEquals(3, f.count());
        assertEquals(2, f.images().get("cats").size());
        assertEquals(2, f.skipped().size(), f.skipped().toString());
        assertTrue(f.skipped().stream().anyMatch(s -> s.file().endsWith("notes.txt")));
    }

    @Test
    void missingEmptyAndOneLabelFoldersAreClearErrors() throws Exception {
        assertTrue(error(root.resolve("nope")).contains("does not exist"));
        assertTrue(error(root).contains("has no sub-folders"), error(root));
        file("cats/a.jpg");
        String one = error(root);
        assertTrue(one.contains("only one label ('cats')"), one);
        Files.createDirectories(root.resolve("dogs"));
        String empty = error(root);
        assertTrue(empty.contains("dogs") && empty.contains("holds no image"), empty);
        file("dogs/only-text.txt");
        assertTrue(error(root).contains("holds no image"));
    }

    @Test
    void unreadableImagesAreSkippedUnlessALabelEndsEmpty() throws Exception {
        Path a = file("cats/a.jpg");
        Path b = file("cats/b.jpg");
        Path c = file("dogs/c.jpg");
        LabelledFolders f = LabelledFolders.read(root);
        LabelledFolders kept = f.withoutUnreadable(Map.of(b, "truncated JPEG"));
        assertEquals(List.of(a), kept.images().get("cats"));
        assertTrue(kept.skipped().stream().anyMatch(s -> s.file().equals(b) && s.reason().equals("truncated JPEG")));
        var e = assertThrows(IllegalArgumentException.class, () -> f.withoutUnreadable(Map.of(c, "not an image")));
        assertTrue(e.getMessage().contains("label 'dogs' has no readable image: c.jpg (not an image)"), e.getMessage());
    }
}
