package dev.loupe.engine;

import java.util.List;

/**
 * What one {@code loupe index} run did.
 *
 * @param indexed   new files embedded and added
 * @param updated   files whose content changed, re-embedded
 * @param unchanged files skipped because size, mtime (or content hash) were unchanged
 * @param removed   index entries whose file is gone (not the old paths of moved files: those count in reused)
 * @param reused    new or changed files whose content an indexed file already had (moves, renames, copies): its
 *                  vectors were reused, nothing was embedded; not counted in {@code indexed} or {@code updated}
 * @param skipped   files that could not be read, each with its reason
 * @param warnings  files that were indexed with something left out (e.g. unreadable EXIF data)
 * @param timings   where the time went
 * @param ocr       what the OCR pass after the embedding pass did
 */
public record IndexReport(int indexed, int updated, int unchanged, int removed, int reused, List<Skipped> skipped,
                         List<Warning> warnings, StageTimings timings, OcrReport ocr) {
    public IndexReport {
        skipped = List.copyOf(skipped);
        warnings = List.copyOf(warnings);
        ocr = ocr == null ? OcrReport.NONE : ocr;
    }

    /** A run without an OCR pass. */
    public IndexReport(int indexed, int updated, int unchanged, int removed, int reused, List<Skipped> skipped,
                       List<Warning> warnings, StageTimings timings) {
        this(indexed, updated, unchanged, removed, reused, skipped, warnings, timings, OcrReport.NONE);
    }

    /** A file that was indexed, but not all of it could be used (the message says what was left out). */
    public record Warning(String path, String message) {
    }

    /**
     * What the OCR pass did.
     *
     * @param ran      whether it ran (false: OCR off, or tesseract missing — then {@code note} says why)
     * @param read     images tesseract read
     * @param withText of those, images in which it found words
     * @param noText   images the quick text test skipped (tesseract did not run)
     * @param failed   images it failed on (each in {@code warnings}; not retried by later runs)
     * @param pending  images still waiting for OCR after this run (e.g. language data missing)
     * @param warnings per-file warnings, each with its reason
     * @param seconds  wall time of the pass
     * @param note     why OCR did not run, else ""
     */
    public record OcrReport(boolean ran, int read, int withText, int noText, int failed, int pending,
                            List<Skipped> warnings, double seconds, String note) {
        public static final OcrReport NONE = new OcrReport(false, 0, 0, 0, 0, 0, List.of(), 0, "");

        public OcrReport {
            warnings = List.copyOf(warnings);
        }
    }

    /** A file that was not indexed, and why (the message says what to do). */
    public record Skipped(String path, String reason) {
    }

    /**
     * Wall-clock time of the run and CPU-side time per stage, summed over threads.
     *
     * @param images     images decoded and encoded
     * @param peakHeapMb highest heap use sampled during the run
     */
    public record StageTimings(double wallSeconds, double readMs, double decodeMs, double encodeMs, double indexMs,
                               int images, long peakHeapMb) {
        public double imagesPerSecond() {
            return wallSeconds == 0 ? 0 : images / wallSeconds;
        }
    }
}
