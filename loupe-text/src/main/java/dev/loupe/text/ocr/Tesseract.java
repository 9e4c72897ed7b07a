package dev.loupe.text.ocr;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads the text in an image by running the {@code tesseract} program on it, one process per image: the image goes
 * in on standard input as a grey-scale PGM (decoded and size-checked by Loupe, so tesseract never parses the user's
 * file), the word table ({@code tsv}) comes out on standard output. Words below {@link OcrOptions#minConfidence} are
 * dropped. A crash, a time-out or missing language data is an {@link OcrResult.Failed} for that image, never an
 * exception. Thread-safe: each call runs its own process.
 */
public final class Tesseract {
    private final OcrOptions options;
    private final String version;
    private final Set<String> missingLanguages;

    private Tesseract(OcrOptions options, String version, Set<String> missingLanguages) {
        this.options = options;
        this.version = version;
        this.missingLanguages = missingLanguages;
    }

    /**
     * Checks that the program runs and which of the languages it has.
     *
     * @throws OcrUnavailableException when the program is not installed or does not run
     */
    public static Tesseract open(OcrOptions options) {
        String versionOut = run(options, "--version");
        String version = versionOut.lines().findFirst().orElse("tesseract").strip();
        Set<String> installed = new LinkedHashSet<>();
        String langs = run(options, "--list-langs");
        langs.lines().skip(1).map(String::strip).filter(l -> !l.isEmpty()).forEach(installed::add);
        Set<String> missing = new LinkedHashSet<>();
        for (String l : options.languages().split("\\+")) {
            if (!installed.contains(l)) {
                missing.add(l);
            }
        }
        return new Tesseract(options, version, missing);
    }

    /** Runs {@code program arg} and returns its standard output (tesseract 5 lists languages there). */
    private static String run(OcrOptions options, String arg) {
        try {
            Process p = new ProcessBuilder(options.program(), arg).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new OcrUnavailableException(options.program() + " " + arg + " did not answer within 30 s");
            }
            if (p.exitValue() != 0) {
                throw new OcrUnavailableException(options.program() + " " + arg + " failed (exit " + p.exitValue()
                        + "): " + firstLine(new String(out, StandardCharsets.UTF_8)));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new OcrUnavailableException("cannot run '" + options.program() + "' (" + e.getMessage() + "); "
                    + "install tesseract (Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-eng) or pass "
                    + "--tesseract PATH");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OcrUnavailableException("interrupted while starting tesseract");
        }
    }

    /** The program's version line, e.g. {@code tesseract 5.3.0}. */
    public String version() {
        return version;
    }

    public OcrOptions options() {
        return options;
    }

    /** The requested languages tesseract has no data for; while any is missing, every image fails (retryably). */
    public Set<String> missingLanguages() {
        return missingLanguages;
    }

    /**
     * Reads the text in {@code image}: finds the line-shaped regions ({@link TextRegions}); none, and the answer is
     * {@link OcrResult.NoText} without starting tesseract; else tesseract reads the regions, binarised and stacked,
     * and — when there are {@link #PAGE_LINES} or more, as on a page or a screen — the whole image as a page too.
     */
    public OcrResult read(BufferedImage image) {
        OcrResult.Failed missing = missingLanguage();
        if (missing != null) {
            return missing;
        }
        TextRegions.Found regions = TextRegions.find(image);
        if (regions.isEmpty()) {
            return new OcrResult.NoText();
        }
        OcrResult lines = run(pgm(TextRegions.collage(regions), options.maxPixels()), "6");
        if (regions.uprightLines() < PAGE_LINES || !(lines instanceof OcrResult.Text found)) {
            return lines;
        }
        // many lines: a page or a screen, which tesseract's own layout analysis reads best; keep both readings
        OcrResult page = readPage(image);
        if (!(page instanceof OcrResult.Text whole)) {
            return lines;
        }
        return new OcrResult.Text((whole.text() + "\n" + found.text()).strip(), whole.words() + found.words());
    }

    /** From this many line-shaped regions on, the image is also read as a page (see {@link #read}). */
    static final int PAGE_LINES = 4;

    /** Reads the text of the whole image with tesseract's own page layout analysis (for documents and scans). */
    public OcrResult readPage(BufferedImage image) {
        OcrResult.Failed missing = missingLanguage();
        return missing != null ? missing : run(pgm(image, options.maxPixels()), "3");
    }

    private OcrResult.Failed missingLanguage() {
        if (!missingLanguages.isEmpty()) {
            String l = missingLanguages.iterator().next();
            return new OcrResult.Failed("tesseract has no language data for '" + l + "'; install it (Debian/Ubuntu: "
                    + "apt-get install tesseract-ocr-" + l.toLowerCase(Locale.ROOT).replace('_', '-')
                    + ") or choose other languages with --ocr-lang; the image stays queued for OCR", true);
        }
        return null;
    }

    private OcrResult run(byte[] pgm, String psm) {
        Process p;
        try {
            ProcessBuilder pb = new ProcessBuilder(options.program(), "stdin", "stdout", "-l", options.languages(),
                    "--psm", psm, "tsv");
            pb.environment().put("OMP_THREAD_LIMIT", "1"); // the pass runs one process per core itself
            p = pb.start();
        } catch (IOException e) {
            return new OcrResult.Failed("cannot run '" + options.program() + "': " + e.getMessage(), true);
        }
        CompletableFuture<byte[]> out = drain(p.getInputStream());
        CompletableFuture<byte[]> err = drain(p.getErrorStream());
        try (OutputStream in = p.getOutputStream()) {
            in.write(pgm);
        } catch (IOException e) {
            // tesseract exited before reading all of it; its exit status says why
        }
        try {
            if (!p.waitFor(options.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                return new OcrResult.Failed("OCR gave up after " + options.timeout().toSeconds() + " s (a huge or very "
                        + "busy image); the image is searchable by its other words", false);
            }
            int exit = p.exitValue();
            String stderr = new String(err.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8);
            if (exit != 0) {
                return failure(exit, stderr);
            }
            return parseTsv(new String(out.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8), options.minConfidence());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new OcrResult.Failed("OCR was interrupted", true);
        } catch (Exception e) {
            p.destroyForcibly();
            return new OcrResult.Failed("cannot read tesseract's output: " + e, false);
        }
    }

    private static OcrResult.Failed failure(int exit, String stderr) {
        if (stderr.contains("Failed loading language") || stderr.contains("Error opening data file")) {
            return new OcrResult.Failed("tesseract cannot load its language data (" + firstLine(stderr) + "); install "
                    + "it or choose other languages with --ocr-lang; the image stays queued for OCR", true);
        }
        if (exit > 128) {
            int signal = exit - 128;
            return new OcrResult.Failed("tesseract crashed on this image (signal " + signal + signalName(signal)
                    + "); the image is searchable by its other words", false);
        }
        return new OcrResult.Failed("tesseract failed on this image (exit " + exit + ": " + firstLine(stderr) + ")",
                false);
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 6 -> ", SIGABRT";
            case 9 -> ", SIGKILL: out of memory?";
            case 11 -> ", SIGSEGV";
            default -> "";
        };
    }

    private static String firstLine(String s) {
        return s.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("no message");
    }

    private static CompletableFuture<byte[]> drain(InputStream in) {
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (in) {
                f.complete(in.readAllBytes());
            } catch (IOException e) {
                f.complete(new byte[0]);
            }
        });
        return f;
    }

    /**
     * Tesseract's word table to text: level-5 rows are words ({@code level page block par line word left top width
     * height conf text}); words of one line are joined by spaces, lines by newlines.
     */
    static OcrResult.Text parseTsv(String tsv, int minConfidence) {
        StringBuilder text = new StringBuilder();
        String line = null;
        int words = 0;
        for (String row : tsv.split("\n")) {
            String[] c = row.split("\t", -1);
            if (c.length < 12 || !c[0].equals("5")) {
                continue;
            }
            String word = c[11].strip();
            double conf;
            try {
                conf = Double.parseDouble(c[10]);
            } catch (NumberFormatException e) {
                continue;
            }
            if (conf < minConfidence || word.codePoints().noneMatch(Character::isLetterOrDigit)) {
                continue;
            }
            String key = c[2] + "." + c[3] + "." + c[4];
            if (line != null && !line.equals(key)) {
                text.append('\n');
            } else if (line != null) {
                text.append(' ');
            }
            line = key;
            text.append(word);
            words++;
        }
        return new OcrResult.Text(text.toString(), words);
    }

    /** The image as an 8-bit grey-scale PGM on white (transparency flattened), scaled down to {@code maxPixels}. */
    static byte[] pgm(BufferedImage image, long maxPixels) {
        int w = image.getWidth();
        int h = image.getHeight();
        double scale = Math.min(1.0, Math.sqrt((double) maxPixels / ((double) w * h)));
        int tw = Math.max(1, (int) Math.round(w * scale));
        int th = Math.max(1, (int) Math.round(h * scale));
        BufferedImage grey = new BufferedImage(tw, th, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, tw, th);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, tw, th, null);
        } finally {
            g.dispose();
        }
        byte[] pixels = ((DataBufferByte) grey.getRaster().getDataBuffer()).getData();
        byte[] header = ("P5\n" + tw + " " + th + "\n255\n").getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream(header.length + pixels.length);
        out.writeBytes(header);
        int stride = grey.getRaster().getSampleModel() instanceof java.awt.image.ComponentSampleModel csm
                ? csm.getScanlineStride() : tw;
        if (stride == tw) {
            out.writeBytes(pixels);
        } else {
            for (int y = 0; y < th; y++) {
                out.write(pixels, y * stride, tw);
            }
        }
        return out.toByteArray();
    }

}
