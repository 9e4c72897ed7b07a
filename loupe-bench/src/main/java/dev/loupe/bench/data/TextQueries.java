package dev.loupe.bench.data;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The bench's text queries, all real captions and labels: the Fashion-MNIST class names in a few phrasings a
 * shopper would type, the captions of the shared photos, then ImageNet's 1,000 class labels (as the builtin model
 * installs them) until the wanted count is reached.
 */
public final class TextQueries {
    private static final List<String> TEMPLATES = List.of("%s", "a %s", "a photo of a %s", "a %s on a white background",
            "a black and white %s");
    /** Words for composed queries {@code [image] + "word"}: what one adds to a garment. */
    public static final List<String> MODIFIERS = List.of("red", "blue", "black", "white", "striped", "checked",
            "leather", "denim", "wool", "floral", "long", "short", "sleeveless", "warm", "summer", "winter", "sport",
            "elegant", "casual", "for children");

    private TextQueries() {
    }

    /**
     * @param count          how many queries
     * @param captions       {@code captions.tsv} of the shared photos (file, caption, ...), or null
     * @param imagenetLabels {@code imagenet-simple-labels.json}, or null
     */
    public static List<String> build(int count, Path captions, Path imagenetLabels, long seed) {
        Set<String> out = new LinkedHashSet<>();
        for (String w : FashionVectors.WORDS) {
            for (String t : TEMPLATES) {
                out.add(String.format(t, w));
            }
        }
        if (captions != null && Files.isRegularFile(captions)) {
            try {
                for (String line : Files.readAllLines(captions, StandardCharsets.UTF_8)) {
                    String[] cols = line.split("\t");
                    if (cols.length >= 2 && !cols[0].equals("file")) {
                        out.add(cols[1].trim());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read captions " + captions + ": " + e.getMessage(), e);
            }
        }
        if (imagenetLabels != null && Files.isRegularFile(imagenetLabels)) {
            try {
                List<String> labels = new ArrayList<>(List.of(new ObjectMapper().readValue(imagenetLabels.toFile(),
                        String[].class)));
                Collections.shuffle(labels, new Random(seed));
                out.addAll(labels);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read ImageNet labels " + imagenetLabels + ": " + e.getMessage(), e);
            }
        }
        List<String> all = new ArrayList<>(out);
        if (all.size() < count) {
            throw new IllegalArgumentException("only " + all.size() + " distinct text queries available (captions "
                    + captions + ", ImageNet labels " + imagenetLabels + "); ask for fewer queries");
        }
        return List.copyOf(all.subList(0, count));
    }
}
