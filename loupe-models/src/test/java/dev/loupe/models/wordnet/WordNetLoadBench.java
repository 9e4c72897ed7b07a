package dev.loupe.models.wordnet;

import dev.loupe.models.onnx.SharedData;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.PointerType;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.dictionary.Dictionary;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * What reading WordNet 3.0 costs, Loupe's own reader ({@link WordNet#load}) against extjwnl's {@code Dictionary}
 * over the same data jar: time to load and to walk the hypernyms of the 1000 ImageNet classes, and the heap held.
 * Then what the derived {@link ClassHierarchy} costs to build, write and read back. Not a test: run with
 * {@code java -cp <test classpath> -Dloupe.shared=../shared dev.loupe.models.wordnet.WordNetLoadBench [extjwnl]}
 * (one reader per JVM, so that neither warms the other's caches).
 */
public final class WordNetLoadBench {
    private WordNetLoadBench() {
    }

    public static void main(String[] args) throws Exception {
        ImagenetSynsets classes = ImagenetSynsets.read(SharedData.model("imagenet-synsets.txt"), 1000);
        long heap0 = used();
        long t0 = System.nanoTime();
        if (args.length > 0 && args[0].equals("extjwnl")) {
            Dictionary d = Dictionary.getDefaultResourceInstance();
            Set<Long> seen = new HashSet<>();
            Deque<Synset> todo = new ArrayDeque<>();
            for (String wnid : classes.wnids()) {
                todo.push(d.getSynsetAt(POS.NOUN, Long.parseLong(wnid.substring(1))));
            }
            long t1 = System.nanoTime();
            while (!todo.isEmpty()) {
                Synset s = todo.pop();
                if (seen.add(s.getOffset())) {
                    for (var p : s.getPointers(PointerType.HYPERNYM)) {
                        todo.push(p.getTargetSynset());
                    }
                    for (var p : s.getPointers(PointerType.INSTANCE_HYPERNYM)) {
                        todo.push(p.getTargetSynset());
                    }
                }
            }
            d.getIndexWord(POS.NOUN, "giraffe").getSenses();
            long t2 = System.nanoTime();
            report("extjwnl Dictionary", t1 - t0, t2 - t1, seen.size(), heap0, d);
            return;
        }
        WordNet wn = WordNet.load();
        long t1 = System.nanoTime();
        ClassHierarchy h = ClassHierarchy.build(wn, classes.wnids());
        long t2 = System.nanoTime();
        report("Loupe's reader (data.noun, index.noun, noun.exc)", t1 - t0, t2 - t1, h.nodes().size(), heap0, wn);
        String text = h.toText();
        long t3 = System.nanoTime();
        ClassHierarchy back = ClassHierarchy.fromText(text);
        long t4 = System.nanoTime();
        System.out.printf("ClassHierarchy: %d nodes, text form %d kB, read back in %.0f ms (%d nodes)%n",
                h.nodes().size(), text.length() / 1000, (t4 - t3) / 1e6, back.nodes().size());
    }

    private static void report(String what, long loadNanos, long walkNanos, int synsets, long heap0, Object keep) {
        System.gc();
        System.out.printf("%s: load %.0f ms, hypernyms of the 1000 classes %.0f ms (%d synsets), heap held %d MB%n",
                what, loadNanos / 1e6, walkNanos / 1e6, synsets, (used() - heap0) / 1_000_000);
        System.out.println(keep.hashCode() != 0 ? "" : " ");
    }

    private static long used() {
        System.gc();
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
