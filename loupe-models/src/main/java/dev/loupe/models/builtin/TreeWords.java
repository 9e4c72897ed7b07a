package dev.loupe.models.builtin;

import dev.loupe.core.Vectors;
import dev.loupe.models.wordnet.ClassHierarchy;
import dev.loupe.models.wordnet.WordNet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Tag words as probabilities from the class hierarchy. Each word of a vocabulary gets a row of class weights, so that
 * its probability for an image is {@code sum_c weight(c) p(c | image)}:
 * <ul>
 *   <li>a class label ("tabby cat") or a hierarchy noun ("cat", "animal"): weight 1 on every class it covers, so its
 *   probability is exactly the sum of its descendants' probabilities;</li>
 *   <li>another WordNet noun ("giraffe", "sofa"): zero-shot over the tree, ConSE-style — the classes under its
 *   nearest hierarchy ancestor (its siblings and cousins: for giraffe, the ruminants), weighted by a softmax of
 *   their text similarity to the word, so the word's probability is that of the classes that look most like it;</li>
 *   <li>anything else ("photo", "texture"): no row; it is scored in the text space only.</li>
 * </ul>
 * The rows depend on the vocabulary, the hierarchy and the tag text space, and are computed once per vocabulary
 * (WordNet is read only if some word needs it). Immutable and thread-safe.
 */
final class TreeWords {
    /** How a word got its row. */
    enum Kind { CLASS, NODE, ZERO_SHOT, NONE }

    /** One word's row: the node it hangs on (its own, or its nearest ancestor for zero-shot words; -1 if none). */
    record Row(Kind kind, int node, int[] classes, float[] weights) {
        static final Row NONE = new Row(Kind.NONE, -1, new int[0], new float[0]);
    }

    private final List<String> words;
    private final List<Row> rows;

    TreeWords(List<String> words, List<Row> rows) {
        if (words.size() != rows.size()) {
            throw new IllegalArgumentException(words.size() + " words but " + rows.size() + " rows");
        }
        this.words = List.copyOf(words);
        this.rows = List.copyOf(rows);
    }

    /**
     * The rows of a vocabulary.
     *
     * @param wordEmbeddings  the words' unit embeddings in the tag text space
     * @param classEmbeddings the classes' unit embeddings in the same space
     * @param recipe          zero-shot settings: how far up to look for a hierarchy ancestor, and the softmax
     *                        temperature over its classes
     */
    static TreeWords of(List<String> words, List<String> labels, BuiltinHierarchy hierarchy, Supplier<WordNet> wordNet,
                        float[][] wordEmbeddings, float[][] classEmbeddings, BuiltinRecipe.TreeRecipe recipe) {
        Map<String, Integer> labelIndex = new HashMap<>();
        for (int c = 0; c < labels.size(); c++) {
            labelIndex.putIfAbsent(labels.get(c), c);
        }
        ClassHierarchy tree = hierarchy.tree();
        WordNet[] loaded = new WordNet[1]; // read WordNet once, and only if some word needs it
        Supplier<WordNet> once = () -> loaded[0] != null ? loaded[0] : (loaded[0] = wordNet.get());
        List<Row> rows = new ArrayList<>(words.size());
        for (int w = 0; w < words.size(); w++) {
            String word = words.get(w);
            Integer c = labelIndex.get(word);
            Optional<ClassHierarchy.Node> named = c != null ? Optional.of(tree.nodes().get(c))
                    : tree.named(word).filter(n -> hierarchy.depth(n) >= BuiltinHierarchy.MIN_DEPTH);
            if (named.isPresent()) {
                ClassHierarchy.Node n = named.get();
                float[] ones = new float[n.classes().length];
                java.util.Arrays.fill(ones, 1f);
                rows.add(new Row(n.isClass() ? Kind.CLASS : Kind.NODE, n.index(), n.classes(), ones));
                continue;
            }
            Optional<ClassHierarchy.Node> above = recipe.maxHops() <= 0 ? Optional.empty()
                    : tree.nearestAbove(once.get(), word, recipe.maxHops()).map(Map.Entry::getKey)
                    .map(n -> cousinsRoot(tree, n, recipe.minClasses()))
                    .filter(n -> hierarchy.depth(n) >= recipe.minDepth());
            rows.add(above.map(n -> zeroShot(n, wordEmbeddings[rows.size()], classEmbeddings,
                    recipe.zeroShotTemperature())).orElse(Row.NONE));
        }
        return new TreeWords(words, rows);
    }

    /** The node itself, or the first on its way up that covers at least {@code minClasses} classes. */
    private static ClassHierarchy.Node cousinsRoot(ClassHierarchy tree, ClassHierarchy.Node node, int minClasses) {
        ClassHierarchy.Node n = node;
        while (n.classes().length < minClasses && n.parents().length > 0) {
            n = tree.nodes().get(n.parents()[0]);
        }
        return n;
    }

    private static Row zeroShot(ClassHierarchy.Node above, float[] word, float[][] classEmbeddings, float temperature) {
        int[] classes = above.classes();
        float[] w = new float[classes.length];
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < classes.length; i++) {
            w[i] = Vectors.dot(word, classEmbeddings[classes[i]]) / temperature;
            max = Math.max(max, w[i]);
        }
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) Math.exp(w[i] - max);
            sum += w[i];
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= (float) sum;
        }
        return new Row(Kind.ZERO_SHOT, above.index(), classes, w);
    }

    List<String> words() {
        return words;
    }

    Row row(int word) {
        return rows.get(word);
    }

    /**
     * Each word's share of the classes under a uniform class distribution: its probability before seeing the image
     * (NaN for words without a row).
     */
    float[] priors(int classCount) {
        float[] out = new float[words.size()];
        for (int w = 0; w < out.length; w++) {
            Row r = rows.get(w);
            double sum = 0;
            for (float x : r.weights()) {
                sum += x;
            }
            out[w] = r.kind() == Kind.NONE ? Float.NaN : (float) (sum / classCount);
        }
        return out;
    }

    /** Every word's probability given the classes' (NaN for words without a row). */
    float[] probabilities(float[] classProbabilities) {
        float[] out = new float[words.size()];
        for (int w = 0; w < out.length; w++) {
            Row r = rows.get(w);
            if (r.kind() == Kind.NONE) {
                out[w] = Float.NaN;
                continue;
            }
            double p = 0;
            for (int i = 0; i < r.classes().length; i++) {
                p += r.weights()[i] * classProbabilities[r.classes()[i]];
            }
            out[w] = (float) p;
        }
        return out;
    }

    /** The text form: one line per word, "KIND node class:weight,…"; read back with {@link #fromText}. */
    String toText() {
        StringBuilder sb = new StringBuilder();
        for (Row r : rows) {
            sb.append(r.kind()).append('\t').append(r.node()).append('\t');
            for (int i = 0; i < r.classes().length; i++) {
                sb.append(i == 0 ? "" : ",").append(r.classes()[i]).append(':').append(r.weights()[i]);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Reads {@link #toText()}'s output for the same words; throws IllegalArgumentException if it does not fit. */
    static TreeWords fromText(List<String> words, String text) {
        String[] lines = text.split("\n");
        if (lines.length != words.size()) {
            throw new IllegalArgumentException("expected " + words.size() + " rows, found " + lines.length);
        }
        List<Row> rows = new ArrayList<>(lines.length);
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            String[] cells = f[2].isEmpty() ? new String[0] : f[2].split(",");
            int[] classes = new int[cells.length];
            float[] weights = new float[cells.length];
            for (int i = 0; i < cells.length; i++) {
                int colon = cells[i].indexOf(':');
                classes[i] = Integer.parseInt(cells[i].substring(0, colon));
                weights[i] = Float.parseFloat(cells[i].substring(colon + 1));
            }
            rows.add(new Row(Kind.valueOf(f[0]), Integer.parseInt(f[1]), classes, weights));
        }
        return new TreeWords(words, rows);
    }

    /** How many words have a row of each kind. */
    Map<Kind, Long> counts() {
        Map<Kind, Long> out = new java.util.EnumMap<>(Kind.class);
        rows.forEach(r -> out.merge(r.kind(), 1L, Long::sum));
        return out;
    }
}
