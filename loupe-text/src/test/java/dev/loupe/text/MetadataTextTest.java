package dev.loupe.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keywords, titles, descriptions and people from XMP sidecars (both conventions) and from the file itself. */
class MetadataTextTest {
    static final Path PHOTOS = Path.of(System.getProperty("loupe.shared", "../shared")).resolve("photos");

    @TempDir
    Path tmp;

    @Test
    void readsDarktableAndLightroomSidecarsAndEmbeddedXmp() throws Exception {
        List<WordsTestSet.Item> items = WordsTestSet.write(PHOTOS, tmp);
        Path darktable = tmp.resolve("tagged/IMG_2041.jpg"); // IMG_2041.jpg.xmp
        List<Sidecars.Sidecar> sidecars = Sidecars.of(darktable);
        assertEquals(1, sidecars.size());
        String words = MetadataText.of(Files.readAllBytes(darktable), sidecars);
        assertTrue(words.contains("Sunday with Grandma"), words);
        assertTrue(words.contains("Grandma with her dog and her horse at the farm"), words);
        assertTrue(words.lines().toList().containsAll(List.of("grandma", "farm", "family", "Grandma")), words);

        Path lightroom = tmp.resolve("tagged/IMG_2042.jpg"); // IMG_2042.xmp
        String kite = MetadataText.of(Files.readAllBytes(lightroom), Sidecars.of(lightroom));
        assertTrue(kite.contains("festival") && kite.contains("Scheveningen"), kite);

        Path embedded = tmp.resolve("tagged/IMG_2044.jpg"); // XMP inside the JPEG, no sidecar
        assertTrue(Sidecars.of(embedded).isEmpty());
        String eagle = MetadataText.of(Files.readAllBytes(embedded), List.of());
        assertTrue(eagle.contains("falconry") && eagle.contains("Henk"), eagle);
        assertEquals(items.size(), items.stream().distinct().count());
    }

    @Test
    void aBrokenSidecarOrFileGivesNoWordsAndNoError() throws Exception {
        Path photo = Files.copy(PHOTOS.resolve("dog.jpg"), tmp.resolve("dog.jpg"));
        Files.writeString(tmp.resolve("dog.xmp"), "<x:xmpmeta><rdf:RDF>not closed");
        List<Sidecars.Sidecar> sidecars = Sidecars.of(photo);
        assertEquals(1, sidecars.size());
        String words = MetadataText.of(Files.readAllBytes(photo), sidecars);
        assertTrue(words.isEmpty() || !words.contains("not closed"), words);
        assertEquals("", MetadataText.of(new byte[]{1, 2, 3}, List.of()));
        assertTrue(Sidecars.stamp(sidecars).startsWith("dog.xmp:"), Sidecars.stamp(sidecars));
    }
}
