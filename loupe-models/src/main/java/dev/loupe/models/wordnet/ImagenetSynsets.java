package dev.loupe.models.wordnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The ImageNet-1k classes as WordNet 3.0 noun synsets, in the classifier's output order: the file
 * {@code imagenet-synsets.txt}, one class a line, {@code n02123045 tabby, tabby cat}.
 *
 * @param wnids    the WordNet ids ({@code n} + 8-digit noun offset), line i = class i
 * @param synonyms each class's synonyms as the file gives them
 */
public record ImagenetSynsets(List<String> wnids, List<List<String>> synonyms) {
    private static final Pattern LINE = Pattern.compile("(n\\d{8}) (\\S.*)");

    public ImagenetSynsets {
        wnids = List.copyOf(wnids);
        synonyms = synonyms.stream().map(List::copyOf).toList();
        if (wnids.size() != synonyms.size()) {
            throw new IllegalArgumentException(wnids.size() + " wnids but " + synonyms.size() + " synonym lists");
        }
    }

    /**
     * Reads the file and checks it has {@code expectedClasses} well-formed lines.
     *
     * @throws IllegalStateException naming the file and line, with what to do, if it is not such a file
     */
    public static ImagenetSynsets read(Path file, int expectedClasses) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ImageNet synset list " + file + ": " + e.getMessage()
                    + " — delete it from the model cache and run again to reinstall it", e);
        }
        List<String> wnids = new ArrayList<>(lines.size());
        List<List<String>> synonyms = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            var m = LINE.matcher(lines.get(i).strip());
            if (!m.matches()) {
                throw new IllegalStateException(file + " line " + (i + 1) + ": expected 'n<8 digits> synonym, ...', got '"
                        + lines.get(i) + "' — delete the file from the model cache and run again to reinstall it");
            }
            wnids.add(m.group(1));
            synonyms.add(Arrays.stream(m.group(2).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
        }
        if (wnids.size() != expectedClasses) {
            throw new IllegalStateException(file + ": expected " + expectedClasses + " ImageNet classes, found "
                    + wnids.size() + " — delete it from the model cache and run again to reinstall it");
        }
        return new ImagenetSynsets(wnids, synonyms);
    }

    public int size() {
        return wnids.size();
    }
}
