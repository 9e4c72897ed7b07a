package dev.loupe.learn.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Mines composed-retrieval pairs from short attribute descriptions the way Fashion200k's are made: two images whose
 * descriptions have the same words except one ("black leather jacket", "red leather jacket") give the query
 * (first image, "red") → second image, and the reverse. Each image gets at most one target per other word in the
 * same slot (picked at random with the seed), so a slot shared by thousands of images stays linear in size. A word
 * with a digit in it ("sku123", "42") is an identifier, not an attribute: it stays part of the description (so
 * "red dress 42" and "blue dress 42" pair up) but is never the word swapped.
 */
public final class AttributePairs {
    /** How the modification text of a mined pair reads. */
    public enum Phrase {
        /** the new word alone: "red" */
        WORD,
        /** Fashion200k's form: "replace black with red" */
        REPLACE;

        String text(String removed, String added) {
            return this == WORD ? added : "replace " + removed + " with " + added;
        }
    }

    /**
     * One mined query and its group: queries of one group (the description with the changed word blanked) go
     * together to the training or the held-out part, so a held-out item is not seen in training in another colour.
     */
    public record Mined(ComposeQuery query, String group) {
    }

    private AttributePairs() {
    }

    /** The words of a description: lower case, split at anything that is not a letter or digit. */
    public static List<String> words(String description) {
        List<String> out = new ArrayList<>();
        for (String w : description.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /** The content key text of a description: its words joined by one space. */
    public static String normalize(String description) {
        return String.join(" ", words(description));
    }

    /** Pairs between images (indices into {@code descriptions}) whose descriptions differ in exactly one word. */
    public static List<Mined> mine(List<String> descriptions, Phrase phrase, long seed) {
        // slot key ("* leather jacket") -> word in the slot -> images
        Map<String, Map<String, List<Integer>>> slots = new TreeMap<>();
        for (int i = 0; i < descriptions.size(); i++) {
            List<String> w = words(descriptions.get(i));
            for (int p = 0; p < w.size(); p++) {
                if (w.get(p).chars().anyMatch(Character::isDigit)) {
                    continue;
                }
                List<String> blank = new ArrayList<>(w);
                blank.set(p, "*");
                slots.computeIfAbsent(String.join(" ", blank), k -> new TreeMap<>())
                        .computeIfAbsent(w.get(p), k -> new ArrayList<>()).add(i);
            }
        }
        Random rnd = new Random(seed);
        List<Mined> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, List<Integer>>> slot : slots.entrySet()) {
            Map<String, List<Integer>> byWord = slot.getValue();
            if (byWord.size() < 2) {
                continue;
            }
            for (Map.Entry<String, List<Integer>> from : byWord.entrySet()) {
                for (int source : from.getValue()) {
                    for (Map.Entry<String, List<Integer>> to : byWord.entrySet()) {
                        if (to.getKey().equals(from.getKey())) {
                            continue;
                        }
                        List<Integer> targets = to.getValue();
                        int target = targets.get(rnd.nextInt(targets.size()));
                        String removed = from.getKey();
                        String added = to.getKey();
                        out.add(new Mined(new ComposeQuery(source, phrase.text(removed, added), target, "replace",
                                removed, added), slot.getKey()));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Splits mined (or given) queries by group: a seeded {@code heldOut} fraction of the groups (at least one)
     * becomes the held-out part, the rest the training part.
     */
    public static Map<Boolean, List<ComposeQuery>> split(List<Mined> all, double heldOut, long seed) {
        if (!(heldOut > 0 && heldOut < 1)) {
            throw new IllegalArgumentException("--held-out must be a fraction between 0 and 1 (exclusive), got "
                    + heldOut);
        }
        List<String> groups = new ArrayList<>(new java.util.TreeSet<>(all.stream().map(Mined::group).toList()));
        Collections.shuffle(groups, new Random(seed * 31 + 7));
        int n = groups.isEmpty() ? 0 : Math.max(1, (int) Math.round(groups.size() * heldOut));
        java.util.Set<String> test = new java.util.HashSet<>(groups.subList(0, Math.min(n, groups.size())));
        Map<Boolean, List<ComposeQuery>> out = new LinkedHashMap<>();
        out.put(false, new ArrayList<>());
        out.put(true, new ArrayList<>());
        for (Mined m : all) {
            out.get(test.contains(m.group())).add(m.query());
        }
        return out;
    }
}
