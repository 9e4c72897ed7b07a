package dev.loupe.lab.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.datasets.FashionMnist;
import dev.loupe.lab.duplicates.LabIndex;
import dev.loupe.learn.data.ColoredFashion;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train composer --metadata}: the descriptions people write into their photos (XMP in a JPEG, an IPTC
 * caption, an XMP sidecar next to a PNG, keywords only) are read by the product's indexer and mined into one-word
 * pairs, as an attribute CSV would be.
 */
class ComposerMetadataTest {
    private static final int ITEMS = 6;
    private static final int COLORS = 4; // red, green, blue, yellow
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static EndToEnd.Run train(Path index, String name) {
        return EndToEnd.lab("train", "composer", "--index", index.toString(), "--metadata", "--name", name, "--steps", "150",
                "--json");
    }

    @Test
    void descriptionsInTheFilesAndSidecarsBecomeTrainingPairs() throws Exception {
        FashionMnist split = FashionMnist.read(FashionMnist.defaultFolder(), false, ITEMS);
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        for (int item = 0; item < ITEMS; item++) {
            String noun = FashionMnist.NOUNS.get(split.labels()[item]);
            for (int c = 0; c < COLORS; c++) {
                String color = ColoredFashion.COLORS.get(c);
                String d = color + " " + noun + " " + item;
                String base = String.format("%02d-%s", item, color);
                switch (item % 3) {
                    case 0 -> Files.write(photos.resolve(base + ".jpg"), withSegment(jpeg(split, item, c),
                            xmpSegment(xmp("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + d
                                    + "</rdf:li></rdf:Alt></dc:description>"))));
                    case 1 -> Files.write(photos.resolve(base + ".jpg"), withSegment(jpeg(split, item, c),
                            iptcCaption(d)));
                    default -> {
                        ImageIO.write(ColoredFashionSet.image(split, item, c), "png",
                                photos.resolve(base + ".png").toFile());
                        // keywords only, in a sidecar as digiKam writes it (photo.xmp)
                        Files.writeString(photos.resolve(base + ".xmp"), xmp("<dc:subject><rdf:Bag><rdf:li>" + color
                                + "</rdf:li><rdf:li>" + noun + "</rdf:li><rdf:li>" + item
                                + "</rdf:li></rdf:Bag></dc:subject>"));
                    }
                }
            }
        }
        // photos nobody described stay in the gallery but give no pairs
        ImageIO.write(ColoredFashionSet.image(split, 0, 4), "png", photos.resolve("undescribed.png").toFile());
        Path index = tmp.resolve("index");
        LabIndex.build(photos, index, 2).close();

        EndToEnd.Run r = train(index, "from-metadata");
        assertEquals(0, r.code(), r.err());
        JsonNode s = JSON.readTree(r.out());
        assertEquals(ITEMS * COLORS + 1, s.get("images").asInt());
        // every described photo pairs with its three other colours: 6 items x 4 colours x 3 = 72 queries, split by item
        assertEquals(ITEMS * COLORS * (COLORS - 1), s.get("trainQueries").asInt() + s.get("heldOutQueries").asInt());
        assertEquals(COLORS * (COLORS - 1), s.get("heldOutQueries").asInt()); // one item of six held out
        assertTrue(Files.isRegularFile(index.resolve("composers").resolve("from-metadata.lcmp")));
    }

    @Test
    void anIndexWithoutDescriptionsOrWithTooFewIsRefusedWithWhatToDo() throws Exception {
        FashionMnist split = FashionMnist.read(FashionMnist.defaultFolder(), false, 2);
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        for (int c = 0; c < 3; c++) {
            ImageIO.write(ColoredFashionSet.image(split, 0, c), "png", photos.resolve(c + ".png").toFile());
        }
        Path index = tmp.resolve("index");
        LabIndex.build(photos, index, 2).close();
        EndToEnd.Run r = train(index, "none");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("none of the 3 indexed images has a description") && r.err().contains("sidecar")
                && r.err().contains("--attributes"), r.err());

        Files.write(photos.resolve("a.jpg"), withSegment(jpeg(split, 1, 0), iptcCaption("red shirt 1")));
        Files.write(photos.resolve("b.jpg"), withSegment(jpeg(split, 1, 2), iptcCaption("blue shirt 1")));
        LabIndex.build(photos, index, 2).close();
        r = train(index, "few");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("too few pairs to train: found 2 (from 2 described images")
                && r.err().contains("need at least 8"), r.err());
        assertTrue(!Files.exists(index.resolve("composers").resolve("few.lcmp")));
    }

    @Test
    void theDescriptionIsTheLongestPhraseElseTheKeywords() {
        assertEquals("red leather jacket",
                ComposerExamples.description("Red jacket\nred leather jacket\nred\nleather"));
        assertEquals("red t shirt 2", ComposerExamples.description("red\nt-shirt\n2"));
        assertEquals("red jacket", ComposerExamples.description("Red jacket\nred\njacket"));
        assertEquals("", ComposerExamples.description("jacket"));
        assertEquals("", ComposerExamples.description(""));
    }

    private static byte[] jpeg(FashionMnist split, int item, int color) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ImageIO.write(ColoredFashionSet.image(split, item, color), "jpg", b);
        return b.toByteArray();
    }

    private static String xmp(String properties) {
        return "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">"
                + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                + "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">" + properties
                + "</rdf:Description></rdf:RDF></x:xmpmeta>";
    }

    /** APP1 with the XMP namespace header, as Adobe's tools embed XMP in a JPEG. */
    private static byte[] xmpSegment(String xmp) {
        byte[] header = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.ISO_8859_1);
        return segment(0xE1, concat(header, xmp.getBytes(StandardCharsets.UTF_8)));
    }

    /** APP13 "Photoshop 3.0" with an IPTC-IIM resource (8BIM 0x0404) holding the caption (2:120). */
    private static byte[] iptcCaption(String caption) {
        byte[] text = caption.getBytes(StandardCharsets.UTF_8);
        byte[] iptc = concat(new byte[] {0x1C, 2, 120, (byte) (text.length >> 8), (byte) text.length}, text);
        byte[] head = concat("Photoshop 3.0\0".getBytes(StandardCharsets.ISO_8859_1),
                concat("8BIM".getBytes(StandardCharsets.ISO_8859_1), new byte[] {0x04, 0x04, 0, 0,
                        (byte) (iptc.length >> 24), (byte) (iptc.length >> 16), (byte) (iptc.length >> 8),
                        (byte) iptc.length}));
        byte[] body = concat(head, iptc);
        if (iptc.length % 2 == 1) {
            body = concat(body, new byte[] {0});
        }
        return segment(0xED, body);
    }

    private static byte[] segment(int marker, byte[] body) {
        int len = body.length + 2;
        return concat(new byte[] {(byte) 0xFF, (byte) marker, (byte) (len >> 8), (byte) len}, body);
    }

    /** The JPEG with {@code segment} right after its start-of-image marker. */
    private static byte[] withSegment(byte[] jpeg, byte[] segment) {
        return concat(concat(new byte[] {jpeg[0], jpeg[1]}, segment), java.util.Arrays.copyOfRange(jpeg, 2,
                jpeg.length));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
