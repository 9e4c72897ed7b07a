package dev.loupe.models.wordnet;

import dev.loupe.models.onnx.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hierarchy above the 1000 ImageNet classes, built from the real WordNet 3.0 data jar. */
class ClassHierarchyTest {
    private static WordNet wordNet;
    private static ClassHierarchy tree;

    @BeforeAll
    static void build() throws IOException {
        wordNet = WordNet.load();
        tree = ClassHierarchy.build(wordNet, ImagenetSynsets.read(SharedData.model("imagenet-synsets.txt"), 1000)
                .wnids());
    }

    @Test
    void readsWordNetNouns() {
        assertEquals(82_115, wordNet.size());
        WordNet.Synset tabby = wordNet.synset("n02123045").orElseThrow();
        assertEquals(List.of("tabby", "tabby cat"), tabby.words());
        assertEquals("a cat with a grey or tawny coat mottled with black", tabby.gloss());
        assertEquals("cat", wordNet.senses("Cat").get(0).name()); // the feline before "guy", "kat", ...
        assertEquals(List.of("goose"), wordNet.baseForms("geese"));
        assertEquals(List.of("box"), wordNet.baseForms("boxes"));
    }

    @Test
    void classesComeFirstAndAncestorsCoverTheirDescendants() {
        assertEquals(1000, tree.classCount());
        ClassHierarchy.Node tabby = tree.nodes().get(281);
        assertEquals(281, tabby.classIndex());
        assertArrayEquals(new int[]{281}, tabby.classes());
        List<String> up = tree.path(tabby).stream().map(ClassHierarchy.Node::name).toList();
        assertEquals(List.of("tabby", "domestic cat", "cat", "feline", "carnivore"), up.subList(0, 5));
        assertEquals("entity", up.get(up.size() - 1));

        ClassHierarchy.Node cat = tree.named("cat").orElseThrow();
        assertArrayEquals(new int[]{281, 282, 283, 284, 285, 286, 287}, cat.classes()); // 5 house cats, cougar, lynx
        ClassHierarchy.Node animal = tree.named("animals").orElseThrow();
        assertTrue(animal.classes().length > 350 && animal.classes().length < 450, animal.toString());
        assertEquals("dog", tree.named("dogs").orElseThrow().name());
        assertTrue(tree.named("giraffe").isEmpty(), "no giraffe class, so no giraffe node");
        assertEquals("ruminant", tree.nearestAbove(wordNet, "giraffe", 2).orElseThrow().getKey().name());
    }

    @Test
    void aNodesProbabilityIsTheSumOverItsClasses() {
        float[] p = new float[1000];
        p[281] = 0.5f; // tabby
        p[285] = 0.2f; // Egyptian cat
        p[291] = 0.1f; // lion: a big cat, not a cat
        p[340] = 0.2f; // zebra
        float[] nodes = tree.probabilities(p);
        assertEquals(0.7f, nodes[tree.named("cat").orElseThrow().index()], 1e-6);
        assertEquals(0.8f, nodes[tree.named("feline").orElseThrow().index()], 1e-6);
        assertEquals(1.0f, nodes[tree.named("animal").orElseThrow().index()], 1e-6);
        assertEquals(0.5f, nodes[281], 1e-6);
    }

    @Test
    void theTextFormReadsBackWithoutWordNet() {
        ClassHierarchy back = ClassHierarchy.fromText(tree.toText());
        assertEquals(tree.nodes().size(), back.nodes().size());
        for (int i = 0; i < tree.nodes().size(); i++) {
            ClassHierarchy.Node a = tree.nodes().get(i);
            ClassHierarchy.Node b = back.nodes().get(i);
            assertEquals(a.offset(), b.offset());
            assertEquals(a.words(), b.words());
            assertArrayEquals(a.parents(), b.parents());
            assertArrayEquals(a.classes(), b.classes());
            assertEquals(a.gloss(), b.gloss());
        }
        assertEquals(tree.named("mice").map(ClassHierarchy.Node::offset), back.named("mice").map(ClassHierarchy.Node::offset));
        assertEquals(tree.toText(), back.toText());
    }
}
