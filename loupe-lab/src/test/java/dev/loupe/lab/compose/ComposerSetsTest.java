package dev.loupe.lab.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.datasets.FashionMnist;
import dev.loupe.engine.Loupe;
import dev.loupe.lab.duplicates.LabIndex;
import dev.loupe.learn.data.ComposeQuery;
import dev.loupe.learn.data.FrozenTriplets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sets of {@code eval composers}: each is written as files, indexed and evaluated by the same command. */
class ComposerSetsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void cssLikeEditsAreEvaluatedWithEveryMethodAndBothZeroShotReferences() throws Exception {
        Path work = tmp.resolve("css");
        EndToEnd.Run r = EndToEnd.lab("eval", "composers", "--set", "css-like", "--scenes",
                "12", "--edits", "2", "--seeds", "1", "--steps", "20", "--work", work.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode root = JSON.readTree(r.out());
        assertEquals("css-like", root.get("set").asText());
        assertTrue(root.get("setup").asText().contains("224 px"), root.get("setup").asText());
        List<String> rows = List.of("zero-shot sum", "zero-shot diff", "tirg", "concat", "film", "image_only",
                "text_only");
        assertEquals(rows, iterable(root.get("summary").fieldNames()));
        // adding or changing an object has its phrase's vector to add: the diff is not the sum
        assertNotEquals(root.at("/runs/0/metrics"), root.at("/runs/1/metrics"), root.get("runs").toString());
        assertTrue(Files.readString(work.resolve("report.md")).contains("| tirg |"));
        assertEquals(2, EndToEnd.lab("eval", "composers", "--set", "nope", "--work",
                work.toString()).code());
    }

    @Test
    void theFashion200kStyleSplitHoldsOutWholeDescriptionGroups() throws Exception {
        Path dir = tmp.resolve("f200k");
        ComposerSet set = ComposerSet.fashion200kStyle(FashionMnist.read(FashionMnist.defaultFolder(), false, 20),
                20, 2, FashionMnist.defaultFolder().getParent().getParent().resolve("photos"), 0.2, dir.resolve("set"));
        try (Loupe loupe = LabIndex.build(set.images(), dir.resolve("index"), 2)) {
            FrozenTriplets data = set.examples().apply(loupe, 1L);
            assertTrue(data.test().size() >= 2 && data.train().size() >= 8, data.test() + " " + data.train());
            assertTrue(data.train().stream().allMatch(q -> q.text().matches("replace [a-z]+ with [a-z]+")),
                    data.train().toString());
            // a group of pairs (the descriptions with the swapped word blanked: "* dress", "red *") held out is
            // never trained on
            Map<Integer, String> described = descriptions(loupe, dir.resolve("set")
                    .resolve(ColoredFashionSet.ATTRIBUTES));
            Set<String> trained = data.train().stream().map(q -> group(described, q)).collect(Collectors.toSet());
            Set<String> held = data.test().stream().map(q -> group(described, q)).collect(Collectors.toSet());
            assertTrue(held.stream().noneMatch(trained::contains), held + " vs " + trained);
            assertTrue(held.size() >= 1 && trained.size() > held.size(), held + " vs " + trained);
            // any picture with the target description is a right answer: two red dresses share one key
            assertTrue(data.train().stream().anyMatch(q -> java.util.stream.IntStream.range(0, data.images().length)
                    .anyMatch(i -> i != q.target() && data.key(i) == data.key(q.target()))));
        }
    }

    /** The group of a pair: the source's description with the word the target's differs in blanked. */
    private static String group(Map<Integer, String> described, ComposeQuery q) {
        String[] a = described.get(q.source()).split(" ");
        String[] b = described.get(q.target()).split(" ");
        assertEquals(a.length, b.length, q.toString());
        int differ = 0;
        for (int i = 0; i < a.length; i++) {
            if (!a[i].equals(b[i])) {
                a[i] = "*";
                differ++;
            }
        }
        assertEquals(1, differ, q.toString());
        return String.join(" ", a);
    }

    /** Each indexed image's description, by index position. */
    private static Map<Integer, String> descriptions(Loupe loupe, Path csv) throws java.io.IOException {
        IndexVectors index = IndexVectors.read(loupe.index(), loupe.index().model().textSpace());
        Map<Integer, String> out = new HashMap<>();
        List<String> lines = Files.readAllLines(csv);
        for (int no = 2; no <= lines.size(); no++) {
            List<String> f = Csv.fields(lines.get(no - 1), csv, no);
            out.put(index.find(csv.getParent(), f.get(0)), f.get(1));
        }
        return out;
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
