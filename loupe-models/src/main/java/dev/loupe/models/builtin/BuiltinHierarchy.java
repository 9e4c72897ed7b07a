package dev.loupe.models.builtin;

import dev.loupe.core.Vectors;
import dev.loupe.models.wordnet.ClassHierarchy;
import dev.loupe.models.wordnet.ImagenetSynsets;
import dev.loupe.models.wordnet.WordNet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The builtin model's classes in WordNet's noun hierarchy ({@link ClassHierarchy}), with what the model does with it:
 * which hierarchy nouns a query names ({@link #namedIn}; {@link QueryNouns} for search), how a node is shown
 * ({@link #display}, {@link #path}). The hierarchy is derived from WordNet
 * once and cached beside the embeddings (reading WordNet takes seconds; the cached text form a fraction of one).
 * Immutable and thread-safe.
 */
final class BuiltinHierarchy {
    /** Nodes this close to WordNet's root (entity, physical entity, object, whole, abstraction ...) say nothing. */
    static final int MIN_DEPTH = 4;
    /** The longest phrase looked up in a query, in words ("cup of coffee" is no noun; "tabby cat" is). */
    private static final int MAX_PHRASE = 4;
    private static final Set<String> STOP_WORDS = Set.of("a", "an", "the", "of", "in", "on", "at", "to", "by", "for",
            "from", "with", "and", "or", "some", "several", "its", "his", "her", "their", "this", "that", "these",
            "those", "is", "are", "photo", "picture", "image");

    private final ClassHierarchy tree;
    private final List<String> labels;
    private final int[] depth;

    BuiltinHierarchy(ClassHierarchy tree, List<String> labels) {
        if (tree.classCount() != labels.size()) {
            throw new IllegalArgumentException("the hierarchy has " + tree.classCount() + " classes, the labels "
                    + labels.size());
        }
        this.tree = tree;
        this.labels = List.copyOf(labels);
        this.depth = new int[tree.nodes().size()];
        for (ClassHierarchy.Node n : tree.nodes()) {
            depth[n.index()] = tree.path(n).size() - 1;
        }
    }

    /**
     * The hierarchy of the classes listed in {@code synsetsFile} (line i = class i = {@code labels.get(i)}), from the
     * cache in {@code cacheDir} or, the first time, from WordNet.
     */
    static BuiltinHierarchy load(Path synsetsFile, List<String> labels, Path cacheDir, Supplier<WordNet> wordNet) {
        ImagenetSynsets synsets = ImagenetSynsets.read(synsetsFile, labels.size());
        Path cached = cacheDir.resolve("hierarchy-" + key(synsets) + ".txt");
        if (Files.isRegularFile(cached)) {
            try {
                return new BuiltinHierarchy(ClassHierarchy.fromText(Files.readString(cached, StandardCharsets.UTF_8)),
                        labels);
            } catch (IOException | RuntimeException e) {
                // a torn or foreign file: build it again
            }
        }
        ClassHierarchy tree;
        try {
            tree = ClassHierarchy.build(wordNet.get(), synsets.wnids());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(synsetsFile + ": " + e.getMessage() + " — delete the file from the model "
                    + "cache and run again to reinstall it", e);
        }
        write(cached, tree.toText());
        return new BuiltinHierarchy(tree, labels);
    }

    private static String key(ImagenetSynsets synsets) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(String.join(",", synsets.wnids())
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "hierarchy-", ".part");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    ClassHierarchy tree() {
        return tree;
    }

    /** Steps from WordNet's root ({@code entity} = 0). */
    int depth(ClassHierarchy.Node node) {
        return depth[node.index()];
    }

    /** What a node is called: a class by its label ("tabby cat"), any other node by its first lemma ("cat"). */
    String display(ClassHierarchy.Node node) {
        return node.isClass() ? labels.get(node.classIndex()) : node.name();
    }

    /**
     * The hierarchy nouns a text names, in order, longest phrase first ("a tabby cat on a sofa" → tabby cat, sofa is
     * no hierarchy noun); nouns near WordNet's root are skipped.
     */
    List<ClassHierarchy.Node> namedIn(String text) {
        return scan(text, phrase -> tree.named(phrase).filter(x -> depth(x) >= MIN_DEPTH));
    }

    /**
     * What a text names, in order: at each word (stop words skipped) the longest phrase of up to four words that
     * {@code lookup} knows, else the word moves on.
     */
    static <T> List<T> scan(String text, java.util.function.Function<String, java.util.Optional<T>> lookup) {
        String[] words = text.toLowerCase(java.util.Locale.ROOT).split("[^a-z0-9'-]+");
        Set<T> out = new LinkedHashSet<>();
        for (int i = 0; i < words.length; ) {
            int used = 1;
            if (!words[i].isEmpty() && !STOP_WORDS.contains(words[i])) {
                for (int n = Math.min(MAX_PHRASE, words.length - i); n >= 1; n--) {
                    var found = lookup.apply(String.join(" ", java.util.Arrays.copyOfRange(words, i, i + n)));
                    if (found.isPresent()) {
                        out.add(found.get());
                        used = n;
                        break;
                    }
                }
            }
            i += used;
        }
        return new ArrayList<>(out);
    }

    /** Where {@link QueryNouns} of these classes and labels are cached. */
    static Path nounsFile(Path synsetsFile, List<String> labels, Path cacheDir) {
        return cacheDir.resolve("query-nouns-" + key(ImagenetSynsets.read(synsetsFile, labels.size())) + "-"
                + Integer.toHexString(labels.hashCode()) + "-" + MIN_DEPTH + ".txt");
    }

    /**
     * The names on the way up from a node, ending at the most general one that {@code keep} accepts ("tabby cat <
     * domestic cat < cat < feline < … < animal" when the vocabulary has "animal"); just the node when none does.
     */
    List<String> path(ClassHierarchy.Node from, java.util.function.Predicate<String> keep) {
        List<ClassHierarchy.Node> up = tree.path(from);
        int last = 0;
        for (int i = 1; i < up.size(); i++) {
            if (depth(up.get(i)) >= MIN_DEPTH && keep.test(display(up.get(i)))) {
                last = i;
            }
        }
        List<String> out = new ArrayList<>(last + 1);
        for (int i = 0; i <= last; i++) {
            out.add(display(up.get(i)));
        }
        return out;
    }
}
