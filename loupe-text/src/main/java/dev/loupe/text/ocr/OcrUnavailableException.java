package dev.loupe.text.ocr;

/** OCR cannot run at all (tesseract is not installed or does not start); the message says how to fix it. */
public final class OcrUnavailableException extends RuntimeException {
    public OcrUnavailableException(String message) {
        super(message);
    }
}
