/**
 * OCR with the {@code tesseract} program (Debian: {@code tesseract-ocr}, {@code tesseract-ocr-eng}): one process
 * per image, fed a grey-scale image on its standard input, its word table read from its standard output. A process
 * rather than an in-process binding (tess4j) because a crash, a hang or a runaway allocation in the native library
 * then costs one image, not the JVM; the measured price is tesseract's start-up (docs/performance.md).
 * {@link dev.loupe.text.ocr.TextPresence} is the cheap test that lets the OCR pass skip images without text.
 */
package dev.loupe.text.ocr;
