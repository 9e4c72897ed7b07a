package dev.loupe.models.clip;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * OpenAI CLIP's 49,408-token byte-level BPE vocabulary, built from the merges file
 * {@code bpe_simple_vocab_16e6.txt.gz} exactly as CLIP's reference tokenizer builds it: the 256 byte characters,
 * the same 256 with the end-of-word marker {@code </w>}, one token per merge (the first 48,894 merges of the file),
 * then {@code <start_of_text>} (49406) and {@code <end_of_text>} (49407).
 *
 * <p>Immutable and thread-safe. Merge ranks are kept in a hash map keyed by the pair of token ids.
 */
public final class ClipBpeVocabulary {
    /** Number of merges CLIP uses: 49152 - 256 - 2. */
    public static final int MERGE_COUNT = 49152 - 256 - 2;
    public static final String START_TOKEN = "<start_of_text>";
    public static final String END_TOKEN = "<end_of_text>";
    /** Suffix marking the last symbol of a word. */
    public static final String END_OF_WORD = "</w>";

    private final ByteLevelAlphabet alphabet = new ByteLevelAlphabet();
    private final String[] tokens;
    private final Map<String, Integer> ids;
    private final List<String> merges;
    private final Map<Long, Integer> rankOfPair;
    private final int[] mergedIdOfRank;

    private ClipBpeVocabulary(List<String> mergeLines, String source) {
        int size = 512 + mergeLines.size() + 2;
        tokens = new String[size];
        for (int i = 0; i < 256; i++) {
            String c = String.valueOf(alphabet.charOf(alphabet.byteAt(i)));
            tokens[i] = c;
            tokens[256 + i] = c + END_OF_WORD;
        }
        String[][] pairs = new String[mergeLines.size()][];
        for (int r = 0; r < mergeLines.size(); r++) {
            String line = mergeLines.get(r);
            int space = line.indexOf(' ');
            if (space <= 0 || space == line.length() - 1 || line.indexOf(' ', space + 1) >= 0) {
                throw new IllegalArgumentException("BPE merges file " + source + ": line " + (r + 2)
                        + " is not two symbols separated by one space: '" + line
                        + "'; use OpenAI CLIP's bpe_simple_vocab_16e6.txt.gz");
            }
            pairs[r] = new String[] {line.substring(0, space), line.substring(space + 1)};
            tokens[512 + r] = pairs[r][0] + pairs[r][1];
        }
        tokens[size - 2] = START_TOKEN;
        tokens[size - 1] = END_TOKEN;

        ids = new HashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
            ids.put(tokens[i], i); // a later duplicate wins, as in the reference's dict(zip(vocab, range))
        }
        rankOfPair = new HashMap<>(mergeLines.size() * 2);
        mergedIdOfRank = new int[mergeLines.size()];
        for (int r = 0; r < pairs.length; r++) {
            Integer left = ids.get(pairs[r][0]);
            Integer right = ids.get(pairs[r][1]);
            mergedIdOfRank[r] = ids.get(tokens[512 + r]);
            if (left != null && right != null) { // a pair of non-tokens can never be formed, so never fires
                rankOfPair.put(pairKey(left, right), r);
            }
        }
        merges = Collections.unmodifiableList(new ArrayList<>(mergeLines));
    }

    /** Loads the merges file, gzip-compressed (as shipped by CLIP) or plain text. */
    public static ClipBpeVocabulary load(Path mergesFile) {
        try (InputStream in = Files.newInputStream(mergesFile)) {
            return load(in, mergesFile.toString());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("BPE merges file " + mergesFile + " does not exist; download "
                    + "bpe_simple_vocab_16e6.txt.gz (see the model descriptor) or give its path", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read BPE merges file " + mergesFile, e);
        }
    }

    /** Loads merges from a stream; {@code source} names it in error messages. */
    public static ClipBpeVocabulary load(InputStream raw, String source) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        InputStream body = gzip ? new GZIPInputStream(in, 1 << 16) : in;
        List<String> lines = new ArrayList<>(MERGE_COUNT);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            if (header == null) {
                throw new IllegalArgumentException("BPE merges file " + source + " is empty");
            }
            String line;
            while (lines.size() < MERGE_COUNT && (line = reader.readLine()) != null) {
                lines.add(line);
            }
        }
        if (lines.size() < MERGE_COUNT) {
            throw new IllegalArgumentException("BPE merges file " + source + " has " + lines.size()
                    + " merges, CLIP needs " + MERGE_COUNT + "; use OpenAI CLIP's bpe_simple_vocab_16e6.txt.gz");
        }
        return new ClipBpeVocabulary(lines, source);
    }

    public int size() {
        return tokens.length;
    }

    /** The token string of {@code id}, byte-level characters with an optional {@code </w>} suffix. */
    public String token(int id) {
        return tokens[id];
    }

    /** The id of a token string, or -1. */
    public int id(String token) {
        Integer id = ids.get(token);
        return id == null ? -1 : id;
    }

    public int startTokenId() {
        return tokens.length - 2;
    }

    public int endTokenId() {
        return tokens.length - 1;
    }

    /** The merges in rank order, each as {@code "left right"}. */
    public List<String> merges() {
        return merges;
    }

    /** All token strings in id order (a copy). */
    public List<String> tokens() {
        return Arrays.asList(tokens.clone());
    }

    ByteLevelAlphabet alphabet() {
        return alphabet;
    }

    /** Rank of merging token {@code left} with token {@code right}, or -1 when no merge joins them. */
    int rank(int left, int right) {
        Integer r = rankOfPair.get(pairKey(left, right));
        return r == null ? -1 : r;
    }

    /** The token produced by the merge of rank {@code rank}. */
    int mergedId(int rank) {
        return mergedIdOfRank[rank];
    }

    /** The initial BPE symbol for byte {@code b}; {@code endOfWord} selects the {@code </w>} variant. */
    int byteSymbol(int b, boolean endOfWord) {
        return alphabet.vocabIndex(b) + (endOfWord ? 256 : 0);
    }

    private static long pairKey(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }
}
