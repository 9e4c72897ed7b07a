package dev.loupe.cli;

import dev.loupe.text.ocr.OcrOptions;
import picocli.CommandLine.Option;

/** The OCR pass's options of {@code index} and {@code bench index}. */
final class OcrFlags {
    @Option(names = "--ocr", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "After embedding, read the text in the images with tesseract, for text search (default: on "
                    + "when tesseract is installed; images without text-like regions are skipped quickly). "
                    + "--no-ocr leaves them queued for a later run.")
    boolean ocr = true;

    @Option(names = "--ocr-lang", paramLabel = "LANGS", description = "Tesseract languages, joined by '+' "
            + "(default: ${DEFAULT-VALUE}; each needs its package, e.g. tesseract-ocr-deu).")
    String languages = OcrOptions.DEFAULT_LANGUAGES;

    @Option(names = "--tesseract", paramLabel = "PROGRAM",
            description = "The tesseract program (default: 'tesseract' on the PATH).")
    String program = OcrOptions.DEFAULT_PROGRAM;

    /** The OCR options, or null when OCR is off. */
    OcrOptions options() {
        return ocr ? OcrOptions.defaults().withLanguages(languages).withProgram(program) : null;
    }
}
