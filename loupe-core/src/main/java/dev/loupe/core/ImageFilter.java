package dev.loupe.core;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Restricts a search to some images, e.g. {@code loupe search "beach" --label holiday --folder ~/Photos/2024}.
 * Every index pushes the whole filter down into its search (pre-filtering), so a filter that matches 1 % of the
 * images still yields k hits without over-fetching. An image passes when it satisfies every part that is set:
 * <ul>
 *   <li>{@code anyLabel}: it carries at least one of these labels with a confidence of at least
 *       {@code minConfidence}, among the labels set on it ({@link WritableImageIndex#setLabels}, e.g. by
 *       {@code loupe classify}) or those its model read off it while encoding ({@link ImageVectors#labels()}, a
 *       probability: "animal", "cat" for the builtin model) — a model's label counts only from
 *       {@code minModelConfidence} up, the model's own threshold ({@link Model#labelThreshold()}, set by the search
 *       engine): below it the index keeps a model's probability as evidence for ranking, not as a label;</li>
 *   <li>{@code anyId}: its id is one of these (the kNN classifier searches only among labelled examples);</li>
 *   <li>{@code folder}: its path lies in this folder or below (an absolute path ending with the separator);</li>
 *   <li>{@code date}: its date ({@link #dateOf}: the EXIF capture time, else the file's modification time) lies in
 *       this range, epoch milliseconds, both ends inclusive;</li>
 *   <li>{@code bytes}, {@code width}, {@code height}: its file size and pixel dimensions lie in these ranges.</li>
 * </ul>
 * A part that is {@code null} (a set or the folder) or {@link Range#ALL} does not restrict; {@link #NONE} lets
 * everything pass. Build filters with {@link #NONE} and the {@code with…} methods.
 */
public record ImageFilter(Set<String> anyLabel, float minConfidence, float minModelConfidence, Set<String> anyId,
                          String folder, Range date, Range bytes, Range width, Range height) {
    /** Lets every image pass. */
    public static final ImageFilter NONE = new ImageFilter(null, 0f, 0f, null, null, Range.ALL, Range.ALL, Range.ALL,
            Range.ALL);

    /** An inclusive range of longs; {@link #ALL} does not restrict. */
    public record Range(long min, long max) {
        public static final Range ALL = new Range(Long.MIN_VALUE, Long.MAX_VALUE);

        public Range {
            if (min > max) {
                throw new IllegalArgumentException("a range's lower end " + min + " is above its upper end " + max
                        + "; swap them");
            }
        }

        public static Range atLeast(long min) {
            return new Range(min, Long.MAX_VALUE);
        }

        public static Range atMost(long max) {
            return new Range(Long.MIN_VALUE, max);
        }

        public boolean isAll() {
            return min == Long.MIN_VALUE && max == Long.MAX_VALUE;
        }

        public boolean contains(long v) {
            return v >= min && v <= max;
        }
    }

    public ImageFilter {
        anyLabel = anyLabel == null ? null : Set.copyOf(anyLabel);
        anyId = anyId == null ? null : Set.copyOf(anyId);
        if (anyLabel != null) {
            anyLabel.forEach(Labels::check);
        }
        if (!(minConfidence >= 0f && minConfidence <= 1f)) {
            throw new IllegalArgumentException("label confidence must be between 0 and 1, got " + minConfidence);
        }
        if (!(minModelConfidence >= 0f && minModelConfidence <= 1f)) {
            throw new IllegalArgumentException("a model label's least probability must be between 0 and 1, got "
                    + minModelConfidence);
        }
        if (folder != null) {
            folder = folderPrefix(folder);
        }
        date = Objects.requireNonNullElse(date, Range.ALL);
        bytes = Objects.requireNonNullElse(bytes, Range.ALL);
        width = Objects.requireNonNullElse(width, Range.ALL);
        height = Objects.requireNonNullElse(height, Range.ALL);
    }

    /** Images carrying at least one of {@code labels} (any confidence). */
    public static ImageFilter withLabel(String... labels) {
        return NONE.withLabels(Set.of(labels), 0f);
    }

    /** Only these images. */
    public static ImageFilter withIds(Collection<String> ids) {
        return NONE.withIdsOnly(ids);
    }

    /** This filter, restricted to images carrying one of {@code labels} with at least {@code minConfidence}. */
    public ImageFilter withLabels(Collection<String> labels, float minConfidence) {
        return new ImageFilter(Set.copyOf(labels), minConfidence, minModelConfidence, anyId, folder, date, bytes,
                width, height);
    }

    /**
     * This filter with a model's labels counting only from {@code probability} up (the model's own label threshold;
     * the least confidence asked for still applies when it is higher).
     */
    public ImageFilter withMinModelConfidence(float probability) {
        return new ImageFilter(anyLabel, minConfidence, probability, anyId, folder, date, bytes, width, height);
    }

    /** The least probability a model's label needs to pass: the higher of the two thresholds. */
    public float modelLabelFloor() {
        return Math.max(minConfidence, minModelConfidence);
    }

    /** This filter, restricted to these image ids. */
    public ImageFilter withIdsOnly(Collection<String> ids) {
        return new ImageFilter(anyLabel, minConfidence, minModelConfidence, Set.copyOf(ids), folder, date, bytes,
                width, height);
    }

    /** This filter, restricted to images in {@code absoluteFolder} or below. */
    public ImageFilter inFolder(String absoluteFolder) {
        return new ImageFilter(anyLabel, minConfidence, minModelConfidence, anyId, absoluteFolder, date, bytes,
                width, height);
    }

    /** This filter, restricted to images dated (see {@link #dateOf}) within {@code range}. */
    public ImageFilter datedIn(Range range) {
        return new ImageFilter(anyLabel, minConfidence, minModelConfidence, anyId, folder, range, bytes, width,
                height);
    }

    /** This filter, restricted by file size in bytes and pixel dimensions. */
    public ImageFilter sized(Range fileBytes, Range pixelWidth, Range pixelHeight) {
        return new ImageFilter(anyLabel, minConfidence, minModelConfidence, anyId, folder, date, fileBytes,
                pixelWidth, pixelHeight);
    }

    /** True when this filter lets every image pass. */
    public boolean isNone() {
        return anyLabel == null && anyId == null && folder == null && date.isAll() && bytes.isAll() && width.isAll()
                && height.isAll();
    }

    /** Whether {@link #test} needs the image's labels. */
    public boolean needsLabels() {
        return anyLabel != null;
    }

    /** The date an image is filtered and sorted by: its EXIF capture time, else its file's modification time. */
    public static long dateOf(ImageRecord r) {
        return r.takenMillis() >= 0 ? r.takenMillis() : r.mtimeMillis();
    }

    /** Whether an image with this record and these labels of its own, and none from its model, passes. */
    public boolean test(ImageRecord r, Map<String, Float> labels) {
        return test(r, labels, Map.of());
    }

    /**
     * Whether an image with this record, its own labels and its model's passes: the reference semantics every
     * index's pushed-down filter must agree with.
     */
    public boolean test(ImageRecord r, Map<String, Float> labels, Map<String, Float> modelLabels) {
        Objects.requireNonNull(r, "record");
        if (anyId != null && !anyId.contains(r.id())) {
            return false;
        }
        if (folder != null && !r.path().startsWith(folder)) {
            return false;
        }
        if (!date.contains(dateOf(r)) || !bytes.contains(r.size()) || !width.contains(r.width())
                || !height.contains(r.height())) {
            return false;
        }
        if (anyLabel == null) {
            return true;
        }
        for (String l : anyLabel) {
            Float c = labels.get(l);
            Float p = modelLabels.get(l);
            if (c != null && c >= minConfidence || p != null && p >= modelLabelFloor()) {
                return true;
            }
        }
        return false;
    }

    /** An absolute folder as a path prefix: normalised, with one trailing separator. */
    private static String folderPrefix(String folder) {
        java.nio.file.Path p = java.nio.file.Path.of(folder.strip());
        if (!p.isAbsolute()) {
            throw new IllegalArgumentException("the folder filter must be an absolute path, got '" + folder + "'");
        }
        String s = p.normalize().toString();
        String sep = p.getFileSystem().getSeparator();
        return s.endsWith(sep) ? s : s + sep;
    }
}
