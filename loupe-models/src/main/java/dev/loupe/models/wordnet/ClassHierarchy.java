package dev.loupe.models.wordnet;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The part of WordNet's noun hierarchy above a classifier's classes: every class and every hypernym of a class
 * (for ImageNet-1k about 1,800 synsets), each knowing which classes it covers. The probability of a node is the sum
 * of the probabilities of the classes it covers ({@link #probabilities}); "cat" is the sum over the domestic and wild
 * cats, "animal" over some 400 classes.
 *
 * <p>Build it once from {@link WordNet} ({@link #build}) and keep its {@link #toText() text form} (a few hundred
 * kilobytes), which {@link #fromText} reads back without WordNet. Immutable and thread-safe.
 */
public final class ClassHierarchy {
    /**
     * A synset of the hierarchy.
     *
     * @param index      its position in {@link #nodes()}; classes come first, so a class's node index is its class
     *                   index
     * @param offset     its WordNet 3.0 noun offset
     * @param words      its lemmas, most common first
     * @param parents    node indices of its hypernyms (empty for the root, {@code entity})
     * @param classes    the class indices it covers, ascending (a class covers itself)
     * @param classIndex its class index, or -1 if it is no class
     * @param gloss      its definition (kept for classes only, "" otherwise)
     */
    public record Node(int index, int offset, List<String> words, int[] parents, int[] classes, int classIndex,
                       String gloss) {
        public String name() {
            return words.get(0);
        }

        public boolean isClass() {
            return classIndex >= 0;
        }

        @Override
        public String toString() {
            return String.format("n%08d %s (%d classes)", offset, words, classes.length);
        }
    }

    private final int classCount;
    private final List<Node> nodes;
    private final Map<Integer, Node> byOffset = new HashMap<>();
    private final Map<String, int[]> byLemma;
    private final Map<String, String> irregular;

    private ClassHierarchy(int classCount, List<Node> nodes, Map<String, int[]> byLemma, Map<String, String> irregular) {
        this.classCount = classCount;
        this.nodes = List.copyOf(nodes);
        this.byLemma = byLemma;
        this.irregular = irregular;
        for (Node n : nodes) {
            byOffset.put(n.offset(), n);
        }
    }

    /**
     * The hierarchy above the given classes.
     *
     * @param classes WordNet ids of the classes, in the classifier's output order
     * @throws IllegalArgumentException if an id is no WordNet 3.0 noun
     */
    public static ClassHierarchy build(WordNet wordNet, List<String> classes) {
        Map<Integer, WordNet.Synset> found = new LinkedHashMap<>();
        Map<Integer, Integer> classOf = new HashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            String wnid = classes.get(c);
            WordNet.Synset s = wordNet.synset(wnid).orElseThrow(() -> new IllegalArgumentException("class " + wnid
                    + " is no WordNet 3.0 noun synset"));
            found.put(s.offset(), s);
            classOf.put(s.offset(), c);
        }
        Deque<WordNet.Synset> todo = new ArrayDeque<>(found.values());
        while (!todo.isEmpty()) {
            for (int h : todo.pop().hypernyms()) {
                if (!found.containsKey(h)) {
                    WordNet.Synset parent = wordNet.synset(h).orElseThrow();
                    found.put(h, parent);
                    todo.push(parent);
                }
            }
        }
        // classes first (node index = class index), then the ancestors in offset order
        List<WordNet.Synset> ordered = new ArrayList<>(found.size());
        for (String wnid : classes) {
            ordered.add(found.get(Integer.parseInt(wnid.substring(1))));
        }
        found.values().stream().filter(s -> !classOf.containsKey(s.offset()))
                .sorted((a, b) -> Integer.compare(a.offset(), b.offset())).forEach(ordered::add);
        List<String> lines = new ArrayList<>();
        for (WordNet.Synset s : ordered) {
            Integer c = classOf.get(s.offset());
            lines.add(nodeLine(s.offset(), c == null ? -1 : c, s.hypernyms(), s.words(), c == null ? "" : s.gloss()));
        }
        Map<String, int[]> senses = new LinkedHashMap<>();
        Map<String, String> irregular = new LinkedHashMap<>();
        for (WordNet.Synset s : ordered) {
            for (String w : s.words()) {
                String lemma = WordNet.normalize(w);
                senses.computeIfAbsent(lemma, l -> wordNet.senses(l).stream().mapToInt(WordNet.Synset::offset)
                        .filter(found::containsKey).toArray());
            }
        }
        wordNet.exceptions().forEach((inflected, base) -> {
            if (senses.containsKey(base) && !senses.containsKey(inflected)) {
                irregular.put(inflected, base);
            }
        });
        return parse(classes.size(), lines, senses, irregular);
    }

    private static String nodeLine(int offset, int classIndex, int[] parents, List<String> words, String gloss) {
        StringBuilder sb = new StringBuilder("N\t").append(offset).append('\t').append(classIndex).append('\t');
        for (int i = 0; i < parents.length; i++) {
            sb.append(i == 0 ? "" : ",").append(parents[i]);
        }
        return sb.append('\t').append(String.join("|", words)).append('\t').append(gloss).toString();
    }

    /** The text form: one line per node, lemma and irregular-plural lines; read back with {@link #fromText}. */
    public String toText() {
        StringBuilder sb = new StringBuilder(FORMAT).append('\t').append(classCount).append('\n');
        for (Node n : nodes) {
            int[] parentOffsets = Arrays.stream(n.parents()).map(p -> nodes.get(p).offset()).toArray();
            sb.append(nodeLine(n.offset(), n.classIndex(), parentOffsets, n.words(), n.gloss())).append('\n');
        }
        byLemma.forEach((lemma, idx) -> {
            sb.append("L\t").append(lemma).append('\t');
            for (int i = 0; i < idx.length; i++) {
                sb.append(i == 0 ? "" : ",").append(nodes.get(idx[i]).offset());
            }
            sb.append('\n');
        });
        irregular.forEach((inflected, base) -> sb.append("X\t").append(inflected).append('\t').append(base)
                .append('\n'));
        return sb.toString();
    }

    private static final String FORMAT = "loupe-class-hierarchy-1";

    /**
     * Reads {@link #toText()}'s output.
     *
     * @throws IllegalArgumentException if the text is not such a hierarchy
     */
    public static ClassHierarchy fromText(String text) {
        String[] lines = text.split("\n");
        String[] head = lines[0].split("\t");
        if (head.length != 2 || !head[0].equals(FORMAT)) {
            throw new IllegalArgumentException("not a class hierarchy (" + FORMAT + ") file");
        }
        List<String> nodeLines = new ArrayList<>();
        Map<String, int[]> senses = new LinkedHashMap<>();
        Map<String, String> irregular = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split("\t", -1);
            switch (f[0]) {
                case "N" -> nodeLines.add(lines[i]);
                case "L" -> senses.put(f[1], f[2].isEmpty() ? new int[0]
                        : Arrays.stream(f[2].split(",")).mapToInt(Integer::parseInt).toArray());
                case "X" -> irregular.put(f[1], f[2]);
                default -> throw new IllegalArgumentException("line " + (i + 1) + " of a class hierarchy: " + lines[i]);
            }
        }
        return parse(Integer.parseInt(head[1]), nodeLines, senses, irregular);
    }

    /** Builds nodes from their lines ("N offset class parents words gloss") and lemma senses given as offsets. */
    private static ClassHierarchy parse(int classCount, List<String> nodeLines, Map<String, int[]> senseOffsets,
                                        Map<String, String> irregular) {
        Map<Integer, Integer> index = new HashMap<>();
        for (int i = 0; i < nodeLines.size(); i++) {
            index.put(Integer.parseInt(nodeLines.get(i).split("\t", -1)[1]), i);
        }
        int n = nodeLines.size();
        int[][] parents = new int[n][];
        String[][] fields = new String[n][];
        for (int i = 0; i < n; i++) {
            fields[i] = nodeLines.get(i).split("\t", -1);
            String p = fields[i][3];
            parents[i] = p.isEmpty() ? new int[0] : Arrays.stream(p.split(",")).mapToInt(o -> {
                Integer at = index.get(Integer.parseInt(o));
                if (at == null) {
                    throw new IllegalArgumentException("node " + fields[0][1] + " has a parent outside the hierarchy");
                }
                return at;
            }).toArray();
        }
        BitSet[] covered = new BitSet[n];
        for (int i = 0; i < n; i++) {
            covered[i] = new BitSet(classCount);
        }
        for (int i = 0; i < n; i++) {
            int c = Integer.parseInt(fields[i][2]);
            if (c >= 0) {
                markUp(i, c, parents, covered);
            }
        }
        List<Node> nodes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int c = Integer.parseInt(fields[i][2]);
            if (c >= 0 && c != i) {
                throw new IllegalArgumentException("class " + c + " must be node " + c + ", is node " + i);
            }
            nodes.add(new Node(i, Integer.parseInt(fields[i][1]), List.of(fields[i][4].split("\\|")), parents[i],
                    covered[i].stream().toArray(), c, fields[i][5]));
        }
        Map<String, int[]> byLemma = new LinkedHashMap<>();
        senseOffsets.forEach((lemma, offsets) -> byLemma.put(lemma, Arrays.stream(offsets).map(index::get).toArray()));
        return new ClassHierarchy(classCount, nodes, byLemma, irregular);
    }

    private static void markUp(int node, int classIndex, int[][] parents, BitSet[] covered) {
        if (covered[node].get(classIndex)) {
            return;
        }
        covered[node].set(classIndex);
        for (int p : parents[node]) {
            markUp(p, classIndex, parents, covered);
        }
    }

    public int classCount() {
        return classCount;
    }

    public List<Node> nodes() {
        return nodes;
    }

    public Optional<Node> node(int offset) {
        return Optional.ofNullable(byOffset.get(offset));
    }

    /**
     * The node a word or phrase names ("cat", "dogs", "tabby cat"): among its noun senses that lie in the hierarchy,
     * the most frequent one; plurals are reduced to their singular first.
     */
    public Optional<Node> named(String word) {
        String w = WordNet.normalize(word);
        for (String form : forms(w)) {
            int[] idx = byLemma.get(form);
            if (idx != null && idx.length > 0) {
                return Optional.of(nodes.get(idx[0]));
            }
        }
        return Optional.empty();
    }

    private List<String> forms(String w) {
        return forms(w, irregular);
    }

    /**
     * The forms a normalised noun may have in this hierarchy's lemma list, in the order {@link #named} tries them:
     * the word, its singular if it is an irregular plural ({@code irregular}), then the regular plural endings removed.
     */
    public static List<String> forms(String w, Map<String, String> irregular) {
        List<String> out = new ArrayList<>(3);
        out.add(w);
        String irr = irregular.get(w);
        if (irr != null) {
            out.add(irr);
        }
        for (String[] rule : PLURALS) {
            if (w.endsWith(rule[0]) && w.length() > rule[0].length() + 1) {
                out.add(w.substring(0, w.length() - rule[0].length()) + rule[1]);
            }
        }
        return out;
    }

    /** The lemmas that name a node of the hierarchy ({@link #named} finds each). */
    public java.util.Set<String> lemmas() {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        byLemma.forEach((lemma, idx) -> {
            if (idx.length > 0) {
                out.add(lemma);
            }
        });
        return out;
    }

    /** Irregular plurals of the lemmas and their singulars ("geese" → "goose"). */
    public Map<String, String> irregularPlurals() {
        return java.util.Collections.unmodifiableMap(irregular);
    }

    private static final String[][] PLURALS = {{"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"},
            {"shes", "sh"}, {"men", "man"}, {"ies", "y"}};

    /** The probability of every node: the sum of the probabilities of the classes it covers. */
    public float[] probabilities(float[] classProbabilities) {
        if (classProbabilities.length != classCount) {
            throw new IllegalArgumentException("expected " + classCount + " class probabilities, got "
                    + classProbabilities.length);
        }
        float[] out = new float[nodes.size()];
        for (Node n : nodes) {
            double sum = 0;
            for (int c : n.classes()) {
                sum += classProbabilities[c];
            }
            out[n.index()] = (float) sum;
        }
        return out;
    }

    /**
     * The chain from a node up to the root, following each node's first hypernym: tabby cat, domestic cat, cat,
     * feline, carnivore, …, entity.
     */
    public List<Node> path(Node from) {
        List<Node> out = new ArrayList<>();
        for (Node n = from; ; n = nodes.get(n.parents()[0])) {
            out.add(n);
            if (n.parents().length == 0) {
                return out;
            }
        }
    }

    /**
     * The hierarchy node nearest above a WordNet noun that is not in the hierarchy itself ("giraffe" → ruminant),
     * following hypernyms breadth first from its most frequent sense, at most {@code maxHops} steps; empty if the
     * word is no noun or nothing within reach covers a class.
     *
     * @return the node and the number of hops to it
     */
    public Optional<Map.Entry<Node, Integer>> nearestAbove(WordNet wordNet, String word, int maxHops) {
        for (String form : wordNet.baseForms(word)) {
            List<WordNet.Synset> senses = wordNet.senses(form);
            if (senses.isEmpty()) {
                continue;
            }
            List<WordNet.Synset> level = List.of(senses.get(0));
            for (int hop = 0; hop <= maxHops && !level.isEmpty(); hop++) {
                for (WordNet.Synset s : level) {
                    Node n = byOffset.get(s.offset());
                    if (n != null) {
                        return Optional.of(Map.entry(n, hop));
                    }
                }
                List<WordNet.Synset> next = new ArrayList<>();
                for (WordNet.Synset s : level) {
                    for (int h : s.hypernyms()) {
                        wordNet.synset(h).ifPresent(next::add);
                    }
                }
                level = next;
            }
            return Optional.empty();
        }
        return Optional.empty();
    }
}
