package dev.loupe.models.tags;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The words images are tagged with. The default is the ImageNet labels plus a list of common words (scenes,
 * colours, materials, broad categories) that the classifier never saw; {@code --vocab FILE} replaces it
 * (one word or phrase per line, {@code #} comments).
 */
public record TagVocabulary(List<String> words) {
    public TagVocabulary {
        words = List.copyOf(words);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("the tag vocabulary is empty");
        }
    }

    public static TagVocabulary defaults(List<String> imagenetLabels) {
        Set<String> all = new LinkedHashSet<>(imagenetLabels);
        try (InputStream in = TagVocabulary.class.getResourceAsStream("common-words.txt")) {
            if (in == null) {
                throw new IllegalStateException("common-words.txt resource missing");
            }
            all.addAll(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TagVocabulary(new ArrayList<>(all));
    }

    public static TagVocabulary fromFile(Path file) {
        try {
            List<String> words = parse(Files.readString(file, StandardCharsets.UTF_8));
            if (words.isEmpty()) {
                throw new IllegalArgumentException(file + ": the vocabulary file has no words (one per line expected)");
            }
            return new TagVocabulary(words);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException(file + " is not a UTF-8 text file; a vocabulary is plain text with one "
                    + "word or phrase per line", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read vocabulary file " + file + ": " + e.getMessage(), e);
        }
    }

    static List<String> parse(String text) {
        Set<String> words = new LinkedHashSet<>();
        try (BufferedReader r = new BufferedReader(new java.io.StringReader(text))) {
            String line;
            while ((line = r.readLine()) != null) {
                String w = line.strip();
                if (!w.isEmpty() && !w.startsWith("#")) {
                    words.add(w);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArrayList<>(words);
    }

    /** A stable hash of the word list, for caching its embeddings. */
    public String key() {
        return Integer.toHexString(words.hashCode());
    }

    static InputStreamReader utf8(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
