package dev.loupe.models.wordnet;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.models.onnx.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * imagenet-synsets.txt and imagenet-simple-labels.json name the same class on every line: the plain label is one of
 * the synset's synonyms (up to spelling: "bottle cap" / "bottlecap", "Dobermann" / "Doberman"), shares a word with
 * them, or is a WordNet noun within two hypernym steps of the synset ("duck" / drake, "military cap" / shako).
 */
class ImagenetSynsetsTest {
    /** Lines whose plain label is a renaming WordNet does not relate to the synset (checked by hand). */
    private static final Map<Integer, String> RENAMED = Map.of(393, "clownfish", 439, "military cap", 505,
            "coffeemaker", 520, "infant bed", 584, "barrette", 699, "pan flute", 896, "sink", 913, "shipwreck", 930,
            "baguette", 977, "shoal");

    private static WordNet wordNet;
    private static List<String> labels;
    private static ImagenetSynsets synsets;

    @BeforeAll
    static void load() throws IOException {
        wordNet = WordNet.load();
        labels = Arrays.asList(new ObjectMapper().readValue(SharedData.model("imagenet-simple-labels.json").toFile(),
                String[].class));
        synsets = ImagenetSynsets.read(SharedData.model("imagenet-synsets.txt"), 1000);
    }

    @Test
    void everyLineNamesTheSameClassInBothFiles() {
        List<String> disagree = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            if (!agree(labels.get(i), i) && !labels.get(i).equals(RENAMED.get(i))) {
                disagree.add(i + ": " + labels.get(i) + " / " + synsets.synonyms().get(i));
            }
        }
        assertEquals(List.of(), disagree);
        for (var renamed : RENAMED.entrySet()) {
            assertEquals(renamed.getValue(), labels.get(renamed.getKey()), "renamed line " + renamed.getKey());
        }
    }

    @Test
    void theCheckNoticesAListShiftedByOneLine() {
        int agreeShifted = 0;
        for (int i = 0; i + 1 < labels.size(); i++) {
            agreeShifted += agree(labels.get(i + 1), i) ? 1 : 0;
        }
        assertTrue(agreeShifted < 250, agreeShifted + " of 999 shifted lines still agree");
    }

    @Test
    void everyClassIsAWordNetNounWithTheSynonymsTheFileGives() {
        for (int i = 0; i < synsets.size(); i++) {
            WordNet.Synset s = wordNet.synset(synsets.wnids().get(i)).orElseThrow();
            assertEquals(synsets.wnids().get(i), s.wnid());
            assertEquals(s.words().get(0).toLowerCase(), synsets.synonyms().get(i).get(0).toLowerCase(), "line " + i);
        }
    }

    private boolean agree(String label, int line) {
        List<String> synonyms = synsets.synonyms().get(line);
        String l = compact(label);
        Set<String> labelWords = words(label);
        for (String s : synonyms) {
            String c = compact(s);
            if (c.equals(l) || l.startsWith(c) || c.startsWith(l)) {
                return true;
            }
            Set<String> shared = words(s);
            shared.retainAll(labelWords);
            if (!shared.isEmpty()) {
                return true;
            }
        }
        WordNet.Synset synset = wordNet.synset(synsets.wnids().get(line)).orElseThrow();
        String[] parts = label.split(" ");
        List<String> forms = new ArrayList<>(wordNet.baseForms(label));
        forms.addAll(wordNet.baseForms(parts[parts.length - 1]));
        for (String form : forms) {
            for (WordNet.Synset sense : wordNet.senses(form)) {
                if (within(synset, sense.offset(), 2) || within(sense, synset.offset(), 2)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean within(WordNet.Synset from, int target, int hops) {
        if (from.offset() == target) {
            return true;
        }
        if (hops == 0) {
            return false;
        }
        for (int h : from.hypernyms()) {
            if (within(wordNet.synset(h).orElseThrow(), target, hops - 1)) {
                return true;
            }
        }
        return false;
    }

    private static String compact(String s) {
        String c = s.toLowerCase().replaceAll("[^a-z0-9]", "");
        return c.endsWith("s") ? c.substring(0, c.length() - 1) : c;
    }

    private static Set<String> words(String s) {
        Set<String> out = new HashSet<>();
        for (String w : s.toLowerCase().split("[^a-z0-9]+")) {
            if (w.length() > 2) {
                out.add(w.endsWith("s") ? w.substring(0, w.length() - 1) : w);
            }
        }
        return out;
    }
}
