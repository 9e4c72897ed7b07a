package dev.loupe.text.ocr;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How OCR runs.
 *
 * @param program       the tesseract program: a path, or a name looked up on the PATH
 * @param languages     tesseract's language codes joined by {@code +} (e.g. {@code eng+deu})
 * @param timeout       an image that takes longer is given up (a huge or pathological image), with a warning
 * @param maxPixels     larger images are scaled down to this many pixels before OCR (memory and time)
 * @param minConfidence words tesseract is less sure of (0..100) are dropped: on photos without text it reads
 *                      texture as short junk words, nearly all below this
 */
public record OcrOptions(String program, String languages, Duration timeout, long maxPixels, int minConfidence) {
    public static final String DEFAULT_PROGRAM = "tesseract";
    public static final String DEFAULT_LANGUAGES = "eng";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final long DEFAULT_MAX_PIXELS = 16_000_000L;
    public static final int DEFAULT_MIN_CONFIDENCE = 50;

    public OcrOptions {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(timeout, "timeout");
        if (program.isBlank()) {
            throw new IllegalArgumentException("the tesseract program is empty; give a path or leave the option out");
        }
        if (languages == null || !languages.matches("[A-Za-z0-9_]+(\\+[A-Za-z0-9_]+)*")) {
            throw new IllegalArgumentException("--ocr-lang must be tesseract language codes joined by '+', e.g. "
                    + "'eng' or 'eng+deu', got '" + languages + "'");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the OCR time-out must be positive, got " + timeout);
        }
        if (maxPixels < 10_000) {
            throw new IllegalArgumentException("the OCR pixel limit must be at least 10000, got " + maxPixels);
        }
        if (minConfidence < 0 || minConfidence > 100) {
            throw new IllegalArgumentException("the OCR word confidence must be 0 to 100, got " + minConfidence);
        }
    }

    public static OcrOptions defaults() {
        return new OcrOptions(DEFAULT_PROGRAM, DEFAULT_LANGUAGES, DEFAULT_TIMEOUT, DEFAULT_MAX_PIXELS,
                DEFAULT_MIN_CONFIDENCE);
    }

    public OcrOptions withProgram(String p) {
        return new OcrOptions(p, languages, timeout, maxPixels, minConfidence);
    }

    public OcrOptions withLanguages(String l) {
        return new OcrOptions(program, l, timeout, maxPixels, minConfidence);
    }

    public OcrOptions withTimeout(Duration t) {
        return new OcrOptions(program, languages, t, maxPixels, minConfidence);
    }

    public OcrOptions withMaxPixels(long p) {
        return new OcrOptions(program, languages, timeout, p, minConfidence);
    }

    public OcrOptions withMinConfidence(int c) {
        return new OcrOptions(program, languages, timeout, maxPixels, c);
    }

    /** The program as a path when it names one (has a separator), else null (looked up on the PATH). */
    Path programPath() {
        return program.contains("/") ? Path.of(program) : null;
    }
}
