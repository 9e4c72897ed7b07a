package dev.loupe.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code loupe models list} shows about one model.
 *
 * @param name          the name used with {@code --model}
 * @param family        {@code builtin} or {@code clip}
 * @param source        {@code builtin}, {@code shipped} (a descriptor shipped with Loupe) or {@code custom}
 *                      (installed from the user's descriptor)
 * @param installed     whether all its files are in the model cache
 * @param bytesOnDisk   the size of its files in the cache now
 * @param downloadBytes the size of a full download: exact where the descriptor gives sizes, else estimated from
 *                      the sizes the host shows; -1 if unknown
 * @param licence       licence of the weights
 * @param quality       published quality numbers, in words
 * @param citation      where those numbers come from
 * @param directory     the folder its files are installed into
 * @param languages     the languages its text tower reads, in words, or null when the descriptor does not say
 * @param relevance     the model's own relevance calibration (SigLIP's logit scale and bias), or null when the
 *                      engine measures one
 */
public record ModelStatus(String name, String displayName, String family, String source, boolean installed,
                          long bytesOnDisk, long downloadBytes, String licence, String quality, String citation,
                          Path directory, List<FileStatus> files, String languages,
                          dev.loupe.core.Relevance relevance) {
    public ModelStatus {
        files = List.copyOf(files);
    }

    /**
     * One file of a model.
     *
     * @param sha256 the checksum it is verified against, or null when the descriptor publishes none
     * @param bytes  its size on disk, or 0 when it is not installed
     */
    public record FileStatus(String name, String url, String sha256, boolean installed, long bytes) {
    }
}
