package dev.loupe.lab.compose;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Training data for a text→image head from a user's index: labelled folders (the sub-folder name is the label,
 * DeViSE's "class") or an image–caption CSV ({@code path,caption}, VSE's pairs). Paths in a file are absolute or
 * relative to the file's folder and must be indexed. The images are split, not the pairs: every pair of a held-out
 * image is held out, and the held-out images are the gallery their texts search.
 *
 * @param name   what the data is (the folder's or file's name)
 * @param images the indexed images the pairs use (indices into the index's vectors)
 * @param texts  the distinct texts (labels or captions)
 * @param train  training pairs {@code [image, text]}
 * @param test   held-out pairs
 */
record HeadExamples(String name, List<Integer> images, List<String> texts, List<int[]> train, List<int[]> test) {
    /** Fewest training pairs, held-out images and distinct training texts a run needs. */
    static final int MIN_TRAIN = 8;
    static final int MIN_HELD_OUT = 2;
    static final int MIN_TEXTS = 2;

    /** The indexed images under {@code dir}, labelled by their sub-folder's name ({@code _} reads as a space). */
    static HeadExamples folders(Path dir, IndexVectors index, double heldOut, long seed) {
        Path root = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("--folders " + dir + ": no such folder");
        }
        Map<Integer, List<String>> labelled = new LinkedHashMap<>();
        for (int i = 0; i < index.count(); i++) {
            Path p = Path.of(index.paths().get(i));
            if (p.startsWith(root) && p.getParent() != null && !p.getParent().equals(root)) {
                String label = root.relativize(p.getParent()).toString().replace('_', ' ')
                        .replace(p.getFileSystem().getSeparator(), " ").trim();
                if (!label.isEmpty()) {
                    labelled.put(i, List.of(label));
                }
            }
        }
        if (labelled.isEmpty()) {
            throw new IllegalArgumentException("--folders " + dir + ": no indexed image is in a sub-folder of it; "
                    + "put the images in folders named by their label (e.g. 'ankle boot/') and index them with "
                    + "'loupe index " + dir + "'");
        }
        return split(root.getFileName().toString(), labelled, heldOut, seed, "labelled images");
    }

    /** Image–caption pairs from a CSV of {@code path,caption} rows (an image may have several captions). */
    static HeadExamples captions(Path file, IndexVectors index, double heldOut, long seed) {
        Path base = file.toAbsolutePath().normalize().getParent();
        Map<Integer, List<String>> captioned = new LinkedHashMap<>();
        for (Csv.Row row : Csv.rows(file, List.of("path", "caption"))) {
            List<String> f = row.fields();
            int no = row.no();
            String path = f.get(0).trim();
            if (path.isEmpty()) {
                throw new IllegalArgumentException(file + " line " + no + ": the image path is empty");
            }
            if (f.get(1).isBlank()) {
                throw new IllegalArgumentException(file + " line " + no + ": the caption of " + path + " is empty");
            }
            int image = index.find(base, path);
            if (image < 0) {
                throw new IllegalArgumentException(file + " line " + no + ": " + path + " is not in the index (paths "
                        + "are absolute or relative to " + base + "); index it with 'loupe index' first");
            }
            captioned.computeIfAbsent(image, k -> new ArrayList<>()).add(f.get(1).trim());
        }
        return split(file.getFileName().toString(), captioned, heldOut, seed, "captioned images");
    }

    private static HeadExamples split(String name, Map<Integer, List<String>> byImage, double heldOut, long seed,
                                      String what) {
        if (!(heldOut > 0 && heldOut < 1)) {
            throw new IllegalArgumentException("--held-out must be between 0 and 1 (exclusive), got " + heldOut);
        }
        List<Integer> images = new ArrayList<>(byImage.keySet());
        Collections.sort(images);
        List<Integer> shuffled = new ArrayList<>(images);
        Collections.shuffle(shuffled, new Random(seed));
        int nTest = (int) Math.round(shuffled.size() * heldOut);
        Set<Integer> test = new HashSet<>(shuffled.subList(0, nTest));
        List<String> texts = new ArrayList<>();
        Map<String, Integer> textIds = new LinkedHashMap<>();
        List<int[]> trainPairs = new ArrayList<>();
        List<int[]> testPairs = new ArrayList<>();
        Set<Integer> trainTexts = new HashSet<>();
        for (int image : images) {
            for (String t : byImage.get(image)) {
                int id = textIds.computeIfAbsent(t, k -> {
                    texts.add(k);
                    return texts.size() - 1;
                });
                if (test.contains(image)) {
                    testPairs.add(new int[] {image, id});
                } else {
                    trainPairs.add(new int[] {image, id});
                    trainTexts.add(id);
                }
            }
        }
        if (trainPairs.size() < MIN_TRAIN || nTest < MIN_HELD_OUT || trainTexts.size() < MIN_TEXTS) {
            throw new IllegalArgumentException("too few examples to train: found " + images.size() + " " + what
                    + " with " + texts.size() + " distinct texts (" + trainPairs.size() + " training pairs, " + nTest
                    + " held-out images); need at least " + MIN_TRAIN + " training pairs, " + MIN_HELD_OUT
                    + " held-out images and " + MIN_TEXTS + " distinct texts — add more examples or change "
                    + "--held-out");
        }
        return new HeadExamples(name, images, List.copyOf(texts), List.copyOf(trainPairs), List.copyOf(testPairs));
    }
}
