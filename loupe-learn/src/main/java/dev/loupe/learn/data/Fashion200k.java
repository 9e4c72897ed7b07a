package dev.loupe.learn.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reader for the public Fashion200k layout: {@code labels/*_train_detect_all.txt} and
 * {@code labels/*_test_detect_all.txt}, each line {@code image-path TAB detection-score TAB caption}, image paths
 * relative to the dataset root. As in TIRG, a query pairs two images whose captions differ in exactly one word;
 * the text is {@code replace OLD with NEW}.
 *
 * @param root         dataset root (holding {@code labels/} and the image folders)
 * @param imageSize    images are scaled to this square size
 * @param maxPerSplit  at most this many images are read per split (0 = all)
 */
public record Fashion200k(Path root, int imageSize, int maxPerSplit) {
    /** One labelled image line. */
    public record Item(String path, String caption) {
    }

    /** Reads the label files of one split ({@code train} or {@code test}). */
    public List<Item> items(String split) {
        Path labels = root.resolve("labels");
        if (!Files.isDirectory(labels)) {
            throw new IllegalArgumentException("fashion200k: no labels/ folder in " + root);
        }
        List<Item> items = new ArrayList<>();
        try (Stream<Path> files = Files.list(labels)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith("_" + split + "_detect_all.txt"))
                    .sorted().toList()) {
                int lineNo = 0;
                for (String line : Files.readAllLines(f)) {
                    lineNo++;
                    if (line.isBlank()) {
                        continue;
                    }
                    String[] parts = line.split("\t");
                    if (parts.length < 3) {
                        throw new IllegalArgumentException(f + ":" + lineNo
                                + ": expected 'path TAB score TAB caption', got: " + line);
                    }
                    items.add(new Item(parts[0].trim(), normalize(parts[2])));
                    if (maxPerSplit > 0 && items.size() >= maxPerSplit) {
                        return items;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("fashion200k: cannot read " + labels + ": " + e.getMessage(), e);
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException("fashion200k: no *_" + split + "_detect_all.txt lines in " + labels);
        }
        return items;
    }

    /** Loads both splits and builds one-word-difference queries. */
    public ComposeData load() {
        ImageBank bank = new ImageBank(imageSize);
        List<Integer> keys = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        Map<String, Integer> keyIds = new HashMap<>();
        List<ComposeQuery> train = new ArrayList<>();
        List<ComposeQuery> test = new ArrayList<>();
        List<Integer> gallery = new ArrayList<>();
        for (String split : List.of("train", "test")) {
            List<Item> items = items(split);
            int first = bank.count();
            for (Item it : items) {
                bank.add(Images.read(root.resolve(it.path())));
                keys.add(keyIds.computeIfAbsent(it.caption(), k -> keyIds.size()));
                captions.add(it.caption());
                if (split.equals("test")) {
                    gallery.add(bank.count() - 1);
                }
            }
            List<ComposeQuery> out = split.equals("train") ? train : test;
            for (int[] pair : oneWordPairs(items)) {
                String[] diff = oneWordDiff(items.get(pair[0]).caption(), items.get(pair[1]).caption());
                out.add(new ComposeQuery(first + pair[0], "replace " + diff[0] + " with " + diff[1], first + pair[1],
                        "replace", diff[0], diff[1]));
            }
        }
        return new ComposeData("fashion200k", bank, keys.stream().mapToInt(Integer::intValue).toArray(), captions,
                train, test, gallery.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Ordered pairs (i, j) of items whose captions differ in exactly one word, at most {@link #PAIRS_PER_ITEM} per
     * source item, found by bucketing captions with each word masked in turn (linear in the number of items).
     */
    static List<int[]> oneWordPairs(List<Item> items) {
        Map<String, List<Integer>> buckets = new java.util.LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String[] w = items.get(i).caption().split(" ");
            for (int k = 0; k < w.length; k++) {
                String[] masked = w.clone();
                masked[k] = "\t"; // cannot occur in a caption (the label files are tab-separated)
                buckets.computeIfAbsent(k + "|" + String.join(" ", masked), x -> new ArrayList<>()).add(i);
            }
        }
        Map<Integer, List<Integer>> targets = new java.util.TreeMap<>();
        for (List<Integer> b : buckets.values()) {
            for (int i : b) {
                for (int j : b) {
                    List<Integer> t = targets.computeIfAbsent(i, x -> new ArrayList<>());
                    if (i != j && t.size() < PAIRS_PER_ITEM && !items.get(i).caption().equals(items.get(j).caption())
                            && !t.contains(j)) {
                        t.add(j);
                    }
                }
            }
        }
        List<int[]> pairs = new ArrayList<>();
        targets.forEach((i, ts) -> ts.forEach(j -> pairs.add(new int[] {i, j})));
        return pairs;
    }

    /** Most targets paired with one source image. */
    static final int PAIRS_PER_ITEM = 5;

    static String normalize(String caption) {
        return caption.toLowerCase(java.util.Locale.ROOT).trim().replaceAll("\\s+", " ");
    }

    /** {old, new} when the captions have the same words but one, else null. */
    static String[] oneWordDiff(String a, String b) {
        String[] x = a.split(" ");
        String[] y = b.split(" ");
        if (x.length != y.length) {
            return null;
        }
        int at = -1;
        for (int i = 0; i < x.length; i++) {
            if (!x[i].equals(y[i])) {
                if (at >= 0) {
                    return null;
                }
                at = i;
            }
        }
        return at < 0 ? null : new String[] {x[at], y[at]};
    }
}
