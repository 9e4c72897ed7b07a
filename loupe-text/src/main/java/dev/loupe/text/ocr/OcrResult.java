package dev.loupe.text.ocr;

/** What OCR made of one image. */
public sealed interface OcrResult {
    /**
     * The recognised text, lines in reading order ("" when there is none).
     *
     * @param words how many words were kept
     */
    record Text(String text, int words) implements OcrResult {
    }

    /** The quick test found nothing that looks like text; tesseract did not run. */
    record NoText() implements OcrResult {
    }

    /**
     * OCR failed for this image.
     *
     * @param reason    what happened and what to do, for the per-file warning
     * @param retryable true when the cause is outside the image (language data missing): the image stays pending,
     *                  so OCR reads it once the cause is fixed; false for a crash or time-out on this image
     */
    record Failed(String reason, boolean retryable) implements OcrResult {
    }
}
