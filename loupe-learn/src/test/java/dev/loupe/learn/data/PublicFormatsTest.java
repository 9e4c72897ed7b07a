package dev.loupe.learn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fashion200k and MIT-States readers on tiny fixtures written here. */
class PublicFormatsTest {
    @TempDir
    Path root;

    static void image(Path p, Color c) throws Exception {
        Files.createDirectories(p.getParent());
        BufferedImage img = new BufferedImage(20, 30, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, 20, 30);
        g.dispose();
        ImageIO.write(img, p.toString().endsWith(".png") ? "png" : "jpg", p.toFile());
    }

    @Test
    void fashion200kPairsCaptionsThatDifferInOneWord() throws Exception {
        String[][] train = {{"women/dresses/1/a.png", "black crochet shift dress"},
                {"women/dresses/2/b.png", "red crochet shift dress"}, {"women/dresses/3/c.png", "long blue gown"}};
        String[][] test = {{"women/tops/4/d.png", "white cotton top"}, {"women/tops/5/e.png", "white silk top"}};
        StringBuilder tr = new StringBuilder();
        for (String[] t : train) {
            image(root.resolve(t[0]), Color.RED);
            tr.append(t[0]).append("\t0.9\t").append(t[1].toUpperCase()).append('\n');
        }
        StringBuilder te = new StringBuilder();
        for (String[] t : test) {
            image(root.resolve(t[0]), Color.BLUE);
            te.append(t[0]).append("\t0.8\t").append(t[1]).append('\n');
        }
        Files.createDirectories(root.resolve("labels"));
        Files.writeString(root.resolve("labels/dress_train_detect_all.txt"), tr);
        Files.writeString(root.resolve("labels/top_test_detect_all.txt"), te);
        ComposeData d = new Fashion200k(root, 16, 0).load();
        assertEquals(5, d.images().count());
        assertEquals(16, d.images().size());
        assertEquals(2, d.train().size(), "black<->red both ways");
        assertEquals("replace black with red", d.train().get(0).text());
        assertEquals(2, d.test().size());
        assertEquals("replace cotton with silk", d.test().get(0).text());
        assertEquals(2, d.gallery().length);

        Files.writeString(root.resolve("labels/dress_train_detect_all.txt"), "no tabs here\n");
        var e = assertThrows(IllegalArgumentException.class, () -> new Fashion200k(root, 16, 0).load());
        assertTrue(e.getMessage().contains("dress_train_detect_all.txt:1"), e.getMessage());
    }

    @Test
    void mitStatesQueriesAskForAnotherStateOfTheSameNoun() throws Exception {
        String[] folders = {"ripe apple", "rotten apple", "old car", "new car", "broken car", "dry river", "wet river",
                "adj apple"};
        for (String f : folders) {
            for (int i = 0; i < 2; i++) {
                image(root.resolve("images/" + f + "/img" + i + ".jpg"), Color.GREEN);
            }
        }
        ComposeData d = new MitStates(root, 16, 0.34, 0, 3).load();
        assertEquals(14, d.images().count(), "the 'adj' folder is skipped");
        int queries = d.train().size() + d.test().size();
        assertEquals(2 * 2 * 1 + 3 * 2 * 2 + 2 * 2 * 1, queries);
        for (ComposeQuery q : d.train()) {
            String src = d.captions().get(q.source());
            String dst = d.captions().get(q.target());
            assertEquals(src.split(" ")[1], dst.split(" ")[1], "same noun");
            assertEquals(q.text(), dst.split(" ")[0], "text names the target state");
        }
        java.util.Set<String> trainNouns = new java.util.HashSet<>();
        d.train().forEach(q -> trainNouns.add(d.captions().get(q.source()).split(" ")[1]));
        d.test().forEach(q -> assertTrue(!trainNouns.contains(d.captions().get(q.source()).split(" ")[1])));
        assertTrue(!d.test().isEmpty());
    }
}
