package dev.loupe.models.wordnet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * WordNet 3.0's nouns: every noun synset with its words, hypernyms and gloss, and every noun lemma with its senses in
 * WordNet's order (most frequent first). Read from {@code data.noun} and {@code index.noun} of the
 * {@code net.sf.extjwnl:extjwnl-data-wn30} jar on the class path.
 *
 * <p>Parsed here rather than through extjwnl's {@code Dictionary} because Loupe needs only these two files and
 * three fields of each line; {@code WordNetLoadBench} (tests) measures both ways. Loading takes about a second and
 * some 100 MB of heap while it lasts: callers derive what they need ({@link ClassHierarchy}, per-word class
 * weights), cache it, and drop this object. Immutable and thread-safe.
 */
public final class WordNet {
    /** Where the extjwnl data jar keeps the WordNet 3.0 database files. */
    static final String RESOURCES = "/net/sf/extjwnl/data/wordnet/wn30/";

    /**
     * A noun synset.
     *
     * @param offset    its byte offset in data.noun: the WordNet 3.0 id ({@code n} + 8 digits in ImageNet's wnids)
     * @param words     its lemmas as written ("tabby", "tabby cat"), most common first
     * @param hypernyms offsets of its hypernyms and instance hypernyms
     * @param gloss     its definition (without the example sentences)
     */
    public record Synset(int offset, List<String> words, int[] hypernyms, String gloss) {
        public Synset {
            words = List.copyOf(words);
        }

        /** The ImageNet-style id, e.g. {@code n02123045}. */
        public String wnid() {
            return String.format(Locale.ROOT, "n%08d", offset);
        }

        /** Its first lemma. */
        public String name() {
            return words.get(0);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Synset s && s.offset == offset;
        }

        @Override
        public int hashCode() {
            return offset;
        }

        @Override
        public String toString() {
            return wnid() + " " + words;
        }
    }

    private final Map<Integer, Synset> synsets;
    private final Map<String, int[]> senses;
    private final Map<String, String> exceptions;

    private WordNet(Map<Integer, Synset> synsets, Map<String, int[]> senses, Map<String, String> exceptions) {
        this.synsets = synsets;
        this.senses = senses;
        this.exceptions = exceptions;
    }

    /** Reads WordNet 3.0 from the extjwnl data jar on the class path. */
    public static WordNet load() {
        try (BufferedReader data = resource("data.noun"); BufferedReader index = resource("index.noun");
             BufferedReader exc = resource("noun.exc")) {
            return parse(data, index, exc);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read WordNet 3.0 from the extjwnl-data-wn30 jar: " + e.getMessage(), e);
        }
    }

    private static BufferedReader resource(String name) {
        InputStream in = WordNet.class.getResourceAsStream(RESOURCES + name);
        if (in == null) {
            throw new IllegalStateException("WordNet file " + name + " is missing from the class path: Loupe needs the "
                    + "jar net.sf.extjwnl:extjwnl-data-wn30 beside it (reinstall Loupe)");
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    /** Parses data.noun, index.noun and noun.exc (WordNet's wndb(5) format). */
    static WordNet parse(BufferedReader dataNoun, BufferedReader indexNoun, BufferedReader nounExc) throws IOException {
        Map<Integer, Synset> synsets = new HashMap<>(120_000);
        String line;
        int lineNo = 0;
        while ((line = dataNoun.readLine()) != null) {
            lineNo++;
            if (line.startsWith("  ")) {
                continue; // licence header
            }
            try {
                Synset s = parseSynset(line);
                synsets.put(s.offset(), s);
            } catch (RuntimeException e) {
                throw new IllegalStateException("data.noun line " + lineNo + " is not a WordNet synset: " + e, e);
            }
        }
        Map<String, int[]> senses = new HashMap<>(150_000);
        while ((line = indexNoun.readLine()) != null) {
            if (line.startsWith("  ")) {
                continue;
            }
            String[] f = line.split(" ");
            int pointerTypes = Integer.parseInt(f[3]);
            int count = Integer.parseInt(f[2]);
            int first = 4 + pointerTypes + 2;
            int[] offsets = new int[count];
            for (int i = 0; i < count; i++) {
                offsets[i] = Integer.parseInt(f[first + i]);
            }
            senses.put(f[0].replace('_', ' '), offsets); // index.noun lemmas are lower case already
        }
        Map<String, String> exceptions = new HashMap<>();
        while ((line = nounExc.readLine()) != null) {
            String[] f = line.split(" ");
            if (f.length >= 2) {
                exceptions.putIfAbsent(normalize(f[0]), normalize(f[1]));
            }
        }
        return new WordNet(synsets, senses, exceptions);
    }

    /** One data.noun line: offset lex_filenum ss_type w_cnt (word lex_id)* p_cnt (ptr offset pos st)* | gloss. */
    private static Synset parseSynset(String line) {
        int bar = line.indexOf(" | ");
        String[] f = (bar < 0 ? line : line.substring(0, bar)).split(" ");
        int offset = Integer.parseInt(f[0]);
        int wordCount = Integer.parseInt(f[3], 16);
        List<String> words = new ArrayList<>(wordCount);
        int i = 4;
        for (int w = 0; w < wordCount; w++, i += 2) {
            words.add(f[i].replace('_', ' '));
        }
        int pointers = Integer.parseInt(f[i++]);
        int[] hypernyms = new int[pointers];
        int h = 0;
        for (int p = 0; p < pointers; p++, i += 4) {
            if (f[i].equals("@") || f[i].equals("@i")) {
                hypernyms[h++] = Integer.parseInt(f[i + 1]);
            }
        }
        String gloss = bar < 0 ? "" : definition(line.substring(bar + 3).strip());
        return new Synset(offset, words, Arrays.copyOf(hypernyms, h), gloss);
    }

    /** The gloss without its quoted example sentences: "a cat with a grey or tawny coat mottled with black". */
    private static String definition(String gloss) {
        int quote = gloss.indexOf("; \"");
        String d = quote < 0 ? gloss : gloss.substring(0, quote);
        return d.startsWith("\"") ? "" : d.strip();
    }

    /** Lower case, spaces for underscores, single spaces: how lemmas are looked up. */
    public static String normalize(String word) {
        String w = word.strip().toLowerCase(Locale.ROOT).replace('_', ' ');
        return w.contains("  ") ? w.replaceAll(" +", " ") : w;
    }

    /**
     * The base forms a noun may have, WordNet's morphy for nouns: the word itself, an irregular plural's singular
     * (noun.exc: "geese" → "goose"), and the regular plural endings removed ("boxes" → "box", "ponies" → "pony").
     * Only forms that are WordNet nouns are returned.
     */
    public List<String> baseForms(String word) {
        String w = normalize(word);
        List<String> out = new ArrayList<>(2);
        if (senses.containsKey(w)) {
            out.add(w);
        }
        String irregular = exceptions.get(w);
        if (irregular != null && senses.containsKey(irregular) && !out.contains(irregular)) {
            out.add(irregular);
        }
        for (String[] rule : PLURALS) {
            if (w.endsWith(rule[0]) && w.length() > rule[0].length()) {
                String base = w.substring(0, w.length() - rule[0].length()) + rule[1];
                if (senses.containsKey(base) && !out.contains(base)) {
                    out.add(base);
                }
            }
        }
        return out;
    }

    /** WordNet's detachment rules for nouns (morphy(7WN)). */
    private static final String[][] PLURALS = {{"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"},
            {"shes", "sh"}, {"men", "man"}, {"ies", "y"}};

    /** Irregular plurals of noun.exc ("geese" → "goose"). */
    Map<String, String> exceptions() {
        return exceptions;
    }

    public int size() {
        return synsets.size();
    }

    public Optional<Synset> synset(int offset) {
        return Optional.ofNullable(synsets.get(offset));
    }

    /** The synset with an ImageNet-style id ({@code n02123045}). */
    public Optional<Synset> synset(String wnid) {
        if (!wnid.matches("n\\d{8}")) {
            return Optional.empty();
        }
        return synset(Integer.parseInt(wnid.substring(1)));
    }

    /** The noun senses of a word or phrase ("tabby cat", "Cat"), most frequent first; empty if it is no noun. */
    public List<Synset> senses(String word) {
        int[] offsets = senses.get(normalize(word));
        if (offsets == null) {
            return List.of();
        }
        List<Synset> out = new ArrayList<>(offsets.length);
        for (int o : offsets) {
            synset(o).ifPresent(out::add);
        }
        return out;
    }
}
