package dev.loupe.text.ocr;

import dev.loupe.text.WordsTestSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Real tesseract on the words test set, and every way it can fail, each a per-image result. */
class TesseractTest {
    static final Path PHOTOS = Path.of(System.getProperty("loupe.shared", "../shared")).resolve("photos");

    @TempDir
    Path tmp;

    private OcrResult read(Tesseract t, Path file) throws Exception {
        return t.read(ImageIO.read(file.toFile()));
    }

    @Test
    void readsTheBakerySignAndThePrintedPage() throws Exception {
        WordsTestSet.write(PHOTOS, tmp);
        Tesseract t = Tesseract.open(OcrOptions.defaults());
        assertTrue(t.version().startsWith("tesseract"), t.version());
        OcrResult sign = read(t, tmp.resolve("signs/sign-00.png"));
        assertTrue(WordsTestSet.words(((OcrResult.Text) sign).text()).contains("bakery"), sign.toString());
        List<String> page = WordsTestSet.words(((OcrResult.Text) read(t, tmp.resolve("pages/scan-0001.png"))).text());
        assertTrue(page.containsAll(List.of("q3", "revenue", "umbrellas", "rotterdam")), page.toString());
    }

    @Test
    void anImageWithoutTextLikeRegionsIsSkippedWithoutRunningTesseract() throws Exception {
        Tesseract t = Tesseract.open(OcrOptions.defaults().withProgram(script("exit 99")));
        BufferedImage blank = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        assertInstanceOf(OcrResult.NoText.class, t.read(blank));
    }

    @Test
    void aCrashIsAFailureOfThatImage() throws Exception {
        Tesseract t = Tesseract.open(OcrOptions.defaults().withProgram(script("cat > /dev/null; kill -SEGV $$")));
        OcrResult.Failed f = assertInstanceOf(OcrResult.Failed.class, read(t, PHOTOS.resolve("page.png")));
        assertTrue(f.reason().contains("crashed") && f.reason().contains("SIGSEGV"), f.reason());
        assertFalse(f.retryable());
    }

    @Test
    void aHangIsGivenUpAfterTheTimeout() throws Exception {
        Tesseract t = Tesseract.open(OcrOptions.defaults().withProgram(script("cat > /dev/null; sleep 30"))
                .withTimeout(Duration.ofMillis(500)));
        long t0 = System.nanoTime();
        OcrResult.Failed f = assertInstanceOf(OcrResult.Failed.class, read(t, PHOTOS.resolve("page.png")));
        assertTrue(f.reason().contains("gave up"), f.reason());
        assertTrue((System.nanoTime() - t0) / 1e9 < 20, "the hung process was killed");
    }

    @Test
    void missingLanguageDataLeavesTheImageQueued() throws Exception {
        Tesseract t = Tesseract.open(OcrOptions.defaults().withLanguages("eng+xyz"));
        assertEquals(java.util.Set.of("xyz"), t.missingLanguages());
        OcrResult.Failed f = assertInstanceOf(OcrResult.Failed.class, read(t, PHOTOS.resolve("page.png")));
        assertTrue(f.retryable());
        assertTrue(f.reason().contains("'xyz'") && f.reason().contains("tesseract-ocr-xyz"), f.reason());
    }

    @Test
    void aMissingProgramSaysHowToInstallIt() {
        OcrUnavailableException e = assertThrows(OcrUnavailableException.class,
                () -> Tesseract.open(OcrOptions.defaults().withProgram(tmp.resolve("no-tesseract").toString())));
        assertTrue(e.getMessage().contains("apt-get install tesseract-ocr"), e.getMessage());
    }

    @Test
    void hugeImagesAreScaledDownBeforeTesseractSeesThem() {
        BufferedImage big = new BufferedImage(6000, 5000, BufferedImage.TYPE_BYTE_GRAY);
        byte[] pgm = Tesseract.pgm(big, 1_000_000);
        String header = new String(pgm, 0, 20, java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("P5\n1095 913\n"), header);
    }

    @Test
    void wordsBelowTheConfidenceAreDropped() {
        String tsv = """
                level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext
                5\t1\t1\t1\t1\t1\t0\t0\t10\t10\t96.5\tFRESH
                5\t1\t1\t1\t1\t2\t0\t0\t10\t10\t91.0\tBAKERY
                5\t1\t1\t1\t2\t1\t0\t0\t10\t10\t12.0\tee
                5\t1\t1\t1\t3\t1\t0\t0\t10\t10\t88.0\tOPEN
                5\t1\t1\t1\t3\t2\t0\t0\t10\t10\t95.0\t|
                """;
        OcrResult.Text t = Tesseract.parseTsv(tsv, 50);
        assertEquals("FRESH BAKERY\nOPEN", t.text());
        assertEquals(3, t.words());
    }

    /** A stand-in for tesseract: answers --version and --list-langs like it, and runs {@code body} on an image. */
    private String script(String body) throws Exception {
        Path s = tmp.resolve("fake-tesseract-" + Math.abs(body.hashCode()));
        Files.writeString(s, """
                #!/bin/sh
                case "$1" in
                  --version) echo "tesseract 5.3.0 (stand-in)"; exit 0;;
                  --list-langs) echo 'List of available languages in "/x" (1):'; echo eng; exit 0;;
                esac
                """ + body + "\n");
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwxr-xr-x"));
        return s.toString();
    }
}
