package dev.loupe.engine;

import java.util.List;

/**
 * What one {@code loupe index} run did.
 *
 * @param indexed   new files embedded and added
 * @param updated   files whose content changed, re-embedded
 * @param unchanged files skipped because size, mtime (or content hash) were unchanged
 * @param removed   index entries whose file is gone
 * @param skipped   files that could not be read, each with its reason
 * @param warnings  files that were indexed with something left out (e.g. unreadable EXIF data)
 * @param timings   where the time went
 */
public record IndexReport(int indexed, int updated, int unchanged, int removed, List<Skipped> skipped,
                         List<Warning> warnings, StageTimings timings) {
    public IndexReport {
        skipped = List.copyOf(skipped);
        warnings = List.copyOf(warnings);
    }

    /** A file that was indexed, but not all of it could be used (the message says what was left out). */
    public record Warning(String path, String message) {
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
