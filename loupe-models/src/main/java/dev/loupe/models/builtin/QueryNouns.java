package dev.loupe.models.builtin;

import dev.loupe.models.wordnet.ClassHierarchy;
import dev.loupe.models.wordnet.WordNet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which of the model's labels a text query names ("two dogs and a boat" → dog, boat): the lemmas of the class
 * hierarchy with the label of the node each names, and the irregular plurals — all that {@link BuiltinHierarchy#namedIn}
 * reads, without the hierarchy itself. Every text query asks, so a one-shot search reads this small file (cached
 * beside the hierarchy) instead of parsing and walking the whole hierarchy (docs/quality.md, "Search through the
 * product path"). Immutable and thread-safe.
 */
final class QueryNouns {
    private static final String FORMAT = "loupe-query-nouns-1";

    /** Lemma → the label of the node it names; "" when that node is too near WordNet's root to count. */
    private final Map<String, String> labels;
    private final Map<String, String> irregular;

    private QueryNouns(Map<String, String> labels, Map<String, String> irregular) {
        this.labels = Map.copyOf(labels);
        this.irregular = Map.copyOf(irregular);
    }

    /** The nouns of {@code h} as labels, as {@link BuiltinHierarchy#namedIn} finds them. */
    static QueryNouns of(BuiltinHierarchy h) {
        Map<String, String> labels = new HashMap<>();
        for (String lemma : h.tree().lemmas()) {
            ClassHierarchy.Node n = h.tree().named(lemma).orElseThrow();
            labels.put(lemma, h.depth(n) >= BuiltinHierarchy.MIN_DEPTH ? h.display(n) : "");
        }
        return new QueryNouns(labels, h.tree().irregularPlurals());
    }

    /**
     * From {@code file}, or made from the hierarchy and written there the first time (a torn or foreign file is
     * made again).
     */
    static QueryNouns load(Path file, Supplier<BuiltinHierarchy> hierarchy) {
        if (Files.isRegularFile(file)) {
            try {
                return fromText(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                // made again below
            }
        }
        QueryNouns nouns = of(hierarchy.get());
        BuiltinHierarchy.write(file, nouns.toText());
        return nouns;
    }

    /** The labels a text names, in order, longest phrase first. */
    List<String> namedIn(String text) {
        return BuiltinHierarchy.scan(text, this::named);
    }

    private Optional<String> named(String phrase) {
        for (String form : ClassHierarchy.forms(WordNet.normalize(phrase), irregular)) {
            String label = labels.get(form);
            if (label != null) {
                return label.isEmpty() ? Optional.empty() : Optional.of(label);
            }
        }
        return Optional.empty();
    }

    String toText() {
        StringBuilder sb = new StringBuilder(FORMAT).append('\n');
        labels.forEach((lemma, label) -> sb.append("N\t").append(lemma).append('\t').append(label).append('\n'));
        irregular.forEach((plural, singular) -> sb.append("X\t").append(plural).append('\t').append(singular)
                .append('\n'));
        return sb.toString();
    }

    static QueryNouns fromText(String text) {
        String[] lines = text.split("\n");
        if (!lines[0].equals(FORMAT)) {
            throw new IllegalArgumentException("not a " + FORMAT + " file");
        }
        Map<String, String> labels = new HashMap<>();
        Map<String, String> irregular = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split("\t", -1);
            if (f.length != 3 || !(f[0].equals("N") || f[0].equals("X"))) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + lines[i]);
            }
            (f[0].equals("N") ? labels : irregular).put(f[1], f[2]);
        }
        return new QueryNouns(labels, irregular);
    }
}
