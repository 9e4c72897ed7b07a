package dev.loupe.lab.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.ImageIndex;
import dev.loupe.core.text.ImageText;
import dev.loupe.learn.data.AttributePairs;
import dev.loupe.learn.data.ComposeQuery;
import dev.loupe.learn.data.FrozenTriplets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Training data for a composer from a user's index, in the forms people have: triplets (reference image,
 * modification text, target image) in a CSV or JSONL file; attribute descriptions of images in a CSV (path,
 * description); or sub-folder names ({@code DIR/red dress/…}). Descriptions are mined into pairs that differ by one
 * word ({@link AttributePairs}). Paths in a file are absolute or relative to the file's folder and must be indexed.
 * Every image of the index stays in the gallery the held-out queries search.
 */
final class ComposerExamples {
    /** Fewest training and held-out queries a run needs. */
    static final int MIN_TRAIN = 8;
    static final int MIN_HELD_OUT = 2;
    /** Images whose stored words are read in one request. */
    private static final int TEXT_BATCH = 500;

    private ComposerExamples() {
    }

    /** Triplets from {@code file}: CSV rows {@code reference,text,target} or JSONL {"reference","text","target"}. */
    static FrozenTriplets triplets(Path file, IndexVectors index, double heldOut, long seed) {
        List<AttributePairs.Mined> all = new ArrayList<>();
        boolean jsonl = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".jsonl");
        ObjectMapper json = new ObjectMapper();
        List<String> lines = lines(file);
        Path base = base(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int no = i + 1;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String ref;
            String text;
            String target;
            if (jsonl) {
                JsonNode n;
                try {
                    n = json.readTree(line);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalArgumentException(file + " line " + no + ": not a JSON object: "
                            + e.getOriginalMessage());
                }
                ref = field(n, "reference", file, no);
                text = field(n, "text", file, no);
                target = field(n, "target", file, no);
            } else {
                List<String> f = Csv.fields(line, file, no);
                if (no == 1 && f.size() == 3 && f.get(0).equalsIgnoreCase("reference")) {
                    continue;
                }
                if (f.size() != 3) {
                    throw new IllegalArgumentException(file + " line " + no + ": expected 3 fields (reference, text, "
                            + "target), got " + f.size());
                }
                ref = f.get(0);
                text = f.get(1);
                target = f.get(2);
            }
            if (text.isBlank()) {
                throw new IllegalArgumentException(file + " line " + no + ": the modification text is empty");
            }
            int s = image(index, base, ref, file, no);
            int t = image(index, base, target, file, no);
            all.add(new AttributePairs.Mined(new ComposeQuery(s, text.trim(), t, "given", "", ""), ref));
        }
        int[] keys = new int[index.count()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = i;
        }
        return split(file.getFileName().toString(), index, keys, all, heldOut, seed, "triplets");
    }

    /** Pairs mined from a CSV of {@code path,description} rows. */
    static FrozenTriplets attributes(Path file, IndexVectors index, AttributePairs.Phrase phrase, double heldOut,
                                     long seed) {
        List<String> lines = lines(file);
        Path base = base(file);
        Map<Integer, String> described = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int no = i + 1;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> f = Csv.fields(line, file, no);
            if (no == 1 && f.size() == 2 && f.get(0).equalsIgnoreCase("path")) {
                continue;
            }
            if (f.size() != 2) {
                throw new IllegalArgumentException(file + " line " + no + ": expected 2 fields (path, description), "
                        + "got " + f.size());
            }
            if (AttributePairs.words(f.get(1)).isEmpty()) {
                throw new IllegalArgumentException(file + " line " + no + ": the description of " + f.get(0)
                        + " is empty");
            }
            described.put(image(index, base, f.get(0), file, no), f.get(1));
        }
        return mined(file.getFileName().toString(), index, described, phrase, heldOut, seed);
    }

    /** Pairs mined from the sub-folder names of the indexed images under {@code dir}. */
    static FrozenTriplets folders(Path dir, IndexVectors index, AttributePairs.Phrase phrase, double heldOut,
                                  long seed) {
        Path root = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("--folders " + dir + ": no such folder");
        }
        Map<Integer, String> described = new HashMap<>();
        for (int i = 0; i < index.count(); i++) {
            Path p = Path.of(index.paths().get(i));
            if (p.startsWith(root) && p.getParent() != null && !p.getParent().equals(root)) {
                String folders = root.relativize(p.getParent()).toString().replace('_', ' ');
                if (!AttributePairs.words(folders).isEmpty()) {
                    described.put(i, folders);
                }
            }
        }
        if (described.isEmpty()) {
            throw new IllegalArgumentException("--folders " + dir + ": no indexed image is in a sub-folder of it; "
                    + "put the images in folders named by their attributes (e.g. 'red dress/') and index them with "
                    + "'loupe index " + dir + "'");
        }
        return mined(root.getFileName().toString(), index, described, phrase, heldOut, seed);
    }

    /**
     * Pairs mined from the descriptions the index stores for its images (XMP/IPTC/EXIF title, description, caption
     * and keywords, from the files or their XMP sidecars, as {@code loupe index} read them); see {@link #description}.
     */
    static FrozenTriplets metadata(ImageIndex store, IndexVectors index, AttributePairs.Phrase phrase,
                                   double heldOut, long seed) {
        Map<Integer, String> described = new HashMap<>();
        for (int from = 0; from < index.count(); from += TEXT_BATCH) {
            List<String> ids = index.ids().subList(from, Math.min(index.count(), from + TEXT_BATCH));
            Map<String, ImageText> texts = store.texts(ids);
            for (int i = 0; i < ids.size(); i++) {
                ImageText t = texts.get(ids.get(i));
                String d = t == null ? "" : description(t.metadata());
                if (!d.isEmpty()) {
                    described.put(from + i, d);
                }
            }
        }
        if (described.isEmpty()) {
            throw new IllegalArgumentException("--metadata: none of the " + index.count() + " indexed images has a "
                    + "description, title or keywords in its metadata; write them into the files (XMP or IPTC, e.g. "
                    + "with Lightroom, digiKam or exiftool) or into XMP sidecars (photo.jpg.xmp or photo.xmp), run "
                    + "'loupe index' again, or describe the images in a CSV and use --attributes");
        }
        return mined("metadata", index, described, phrase, heldOut, seed);
    }

    /**
     * The attribute description of an image from its stored metadata words (one value per line): the longest value
     * of three or more words (a description or caption, as Fashion200k's product descriptions), the first of equals;
     * when there is none, the words of the short values (keywords, a short title) in the order they were written,
     * each word once, when that makes two or more words; otherwise "" (nothing to mine).
     */
    static String description(String metadata) {
        String best = "";
        int bestWords = 2;
        java.util.LinkedHashSet<String> keywords = new java.util.LinkedHashSet<>();
        for (String line : metadata.split("\\n")) {
            List<String> w = AttributePairs.words(line);
            if (w.size() > bestWords) {
                best = String.join(" ", w);
                bestWords = w.size();
            } else {
                keywords.addAll(w);
            }
        }
        if (!best.isEmpty()) {
            return best;
        }
        return keywords.size() >= 2 ? String.join(" ", keywords) : "";
    }

    private static FrozenTriplets mined(String name, IndexVectors index, Map<Integer, String> described,
                                        AttributePairs.Phrase phrase, double heldOut, long seed) {
        List<Integer> images = described.keySet().stream().sorted().toList();
        List<String> descriptions = images.stream().map(described::get).toList();
        // images with the same description are interchangeable answers; undescribed images keep their own key
        Map<String, Integer> keyOf = new HashMap<>();
        int[] keys = new int[index.count()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = -1 - i;
        }
        for (int i : images) {
            keys[i] = keyOf.computeIfAbsent(AttributePairs.normalize(described.get(i)), k -> keyOf.size());
        }
        List<AttributePairs.Mined> local = AttributePairs.mine(descriptions, phrase, seed);
        List<AttributePairs.Mined> all = local.stream().map(m -> new AttributePairs.Mined(new ComposeQuery(
                images.get(m.query().source()), m.query().text(), images.get(m.query().target()), m.query().kind(),
                m.query().removed(), m.query().added()), m.group())).toList();
        return split(name, index, keys, all, heldOut, seed, images.size() + " described images");
    }

    static FrozenTriplets split(String name, IndexVectors index, int[] keys, List<AttributePairs.Mined> all,
                                        double heldOut, long seed, String from) {
        Map<Boolean, List<ComposeQuery>> parts = AttributePairs.split(all, heldOut, seed);
        List<ComposeQuery> train = parts.get(false);
        List<ComposeQuery> test = parts.get(true);
        if (train.size() < MIN_TRAIN || test.size() < MIN_HELD_OUT) {
            throw new IllegalArgumentException("too few pairs to train: found " + all.size() + " (from " + from
                    + "; " + train.size() + " for training, " + test.size() + " held out); need at least " + MIN_TRAIN
                    + " for training and " + MIN_HELD_OUT + " held out — describe more images so that pairs differ "
                    + "by one word, or change --held-out");
        }
        int[] gallery = new int[index.count()];
        for (int i = 0; i < gallery.length; i++) {
            gallery[i] = i;
        }
        return new FrozenTriplets(name, index.vectors(), keys, train, test, gallery);
    }

    private static int image(IndexVectors index, Path base, String path, Path file, int no) {
        if (path.isBlank()) {
            throw new IllegalArgumentException(file + " line " + no + ": an image path is empty");
        }
        int i = index.find(base, path.trim());
        if (i < 0) {
            throw new IllegalArgumentException(file + " line " + no + ": " + path.trim() + " is not in the index "
                    + "(paths are absolute or relative to " + base + "); index it with 'loupe index' first");
        }
        return i;
    }

    private static String field(JsonNode n, String name, Path file, int no) {
        JsonNode v = n.get(name);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(file + " line " + no + ": field '" + name + "' is missing or not a "
                    + "string (each line: {\"reference\": PATH, \"text\": TEXT, \"target\": PATH})");
        }
        return v.asText();
    }

    private static Path base(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        return parent != null ? parent : Path.of("").toAbsolutePath();
    }

    private static List<String> lines(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
