package dev.loupe.learn.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Word vocabulary for the LSTM text encoder: lower-case tokens split on anything but letters, digits and
 * hyphens. Index 0 pads, index 1 stands for unknown words.
 */
public final class Vocabulary {
    public static final int PAD = 0;
    public static final int UNKNOWN = 1;
    private final List<String> words;
    private final Map<String, Integer> index = new HashMap<>();

    public Vocabulary(List<String> words) {
        this.words = List.copyOf(words);
        for (int i = 0; i < this.words.size(); i++) {
            index.put(this.words.get(i), i);
        }
        if (!"<pad>".equals(this.words.get(PAD)) || !"<unk>".equals(this.words.get(UNKNOWN))) {
            throw new IllegalArgumentException("vocabulary must start with <pad> and <unk>");
        }
    }

    /** Builds a vocabulary of every token in {@code texts}, sorted so that it does not depend on text order. */
    public static Vocabulary of(Collection<String> texts) {
        TreeSet<String> all = new TreeSet<>();
        for (String t : texts) {
            all.addAll(tokenize(t));
        }
        List<String> w = new ArrayList<>(List.of("<pad>", "<unk>"));
        w.addAll(all);
        return new Vocabulary(w);
    }

    public static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        for (String s : text.toLowerCase(Locale.ROOT).split("[^a-z0-9-]+")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    public int size() {
        return words.size();
    }

    public List<String> words() {
        return words;
    }

    /** Token ids of {@code text}, truncated or padded with {@link #PAD} to {@code length}. */
    public int[] encode(String text, int length) {
        int[] ids = new int[length];
        List<String> toks = tokenize(text);
        for (int i = 0; i < Math.min(length, toks.size()); i++) {
            ids[i] = index.getOrDefault(toks.get(i), UNKNOWN);
        }
        return ids;
    }

    /** The longest tokenized length among {@code texts} (at least 1). */
    public static int maxLength(Collection<String> texts) {
        int m = 1;
        for (String t : texts) {
            m = Math.max(m, tokenize(t).size());
        }
        return m;
    }
}
