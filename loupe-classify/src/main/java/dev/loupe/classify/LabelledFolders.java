package dev.loupe.classify;

import dev.loupe.core.Labels;
import dev.loupe.models.image.ImageFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A folder of labelled images: each sub-folder's name is a label and the images inside it (at any depth) are its
 * examples, e.g. {@code labelled/holiday/*.jpg}, {@code labelled/work/*.jpg}. Files that are not images by name
 * are reported in {@link #skipped()}; images that turn out unreadable are dropped later with
 * {@link #withoutUnreadable}.
 *
 * @param root    the folder
 * @param images  label → its image files, labels sorted by name, files sorted by path
 * @param skipped files left out, with the reason
 */
public record LabelledFolders(Path root, Map<String, List<Path>> images, List<Skipped> skipped) {
    /** A file that is not used, and why. */
    public record Skipped(Path file, String reason) {
    }

    public LabelledFolders {
        Map<String, List<Path>> copy = new LinkedHashMap<>();
        images.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        images = Collections.unmodifiableMap(copy);
        skipped = List.copyOf(skipped);
    }

    /**
     * Reads the label folders under {@code root}.
     *
     * @throws IllegalArgumentException when the folder is missing or empty, has fewer than two labels, or a label
     *                                  folder holds no image; the message names the folder and says what to do
     */
    public static LabelledFolders read(Path root) {
        Path dir = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("labels folder " + root + " does not exist; make one sub-folder per "
                    + "label, e.g. " + root + "/holiday/, and put example images in each");
        }
        Map<String, List<Path>> byLabel = new TreeMap<>();
        List<Skipped> skipped = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            for (Path sub : children.sorted().toList()) {
                String name = sub.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                if (!Files.isDirectory(sub)) {
                    skipped.add(new Skipped(sub, "not in a label sub-folder"));
                    continue;
                }
                try {
                    Labels.check(name);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("label folder " + sub + ": " + e.getMessage(), e);
                }
                byLabel.put(name, imagesIn(sub, skipped));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list labels folder " + root + ": " + e.getMessage(), e);
        }
        if (byLabel.isEmpty()) {
            throw new IllegalArgumentException("labels folder " + root + " has no sub-folders; make one sub-folder "
                    + "per label (its name is the label) and put example images in each");
        }
        for (Map.Entry<String, List<Path>> e : byLabel.entrySet()) {
            if (e.getValue().isEmpty()) {
                throw new IllegalArgumentException("label folder " + dir.resolve(e.getKey()) + " holds no image "
                        + "(jpg, png, gif, bmp, tiff, webp); add some or remove the folder");
            }
        }
        if (byLabel.size() < 2) {
            throw new IllegalArgumentException("labels folder " + root + " has only one label ('"
                    + byLabel.keySet().iterator().next() + "'); a classifier needs at least two — add a folder of "
                    + "examples for another label (e.g. 'other')");
        }
        return new LabelledFolders(dir, byLabel, skipped);
    }

    private static List<Path> imagesIn(Path labelDir, List<Skipped> skipped) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(labelDir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                if (f.getFileName().toString().startsWith(".")) {
                    continue;
                }
                if (ImageFiles.isImage(f)) {
                    out.add(f);
                } else {
                    skipped.add(new Skipped(f, "not an image file (by its name)"));
                }
            }
        }
        return out;
    }

    public List<String> labels() {
        return List.copyOf(images.keySet());
    }

    public int count() {
        return images.values().stream().mapToInt(List::size).sum();
    }

    /**
     * These folders without the files that could not be read ({@code unreadable}: file → reason), which join
     * {@link #skipped()}.
     *
     * @throws IllegalArgumentException when a label is left without any readable image
     */
    public LabelledFolders withoutUnreadable(Map<Path, String> unreadable) {
        if (unreadable.isEmpty()) {
            return this;
        }
        Map<String, List<Path>> kept = new LinkedHashMap<>();
        List<Skipped> skippedNow = new ArrayList<>(skipped);
        for (Map.Entry<String, List<Path>> e : images.entrySet()) {
            List<Path> ok = new ArrayList<>();
            List<String> reasons = new ArrayList<>();
            for (Path f : e.getValue()) {
                String why = unreadable.get(f);
                if (why == null) {
                    ok.add(f);
                } else {
                    skippedNow.add(new Skipped(f, why));
                    reasons.add(f.getFileName() + " (" + why + ")");
                }
            }
            if (ok.isEmpty()) {
                throw new IllegalArgumentException("label '" + e.getKey() + "' has no readable image: "
                        + String.join(", ", reasons) + "; add readable images to " + root.resolve(e.getKey()));
            }
            kept.put(e.getKey(), ok);
        }
        return new LabelledFolders(root, kept, skippedNow);
    }
}
