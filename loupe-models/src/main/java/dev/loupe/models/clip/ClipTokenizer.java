package dev.loupe.models.clip;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenAI CLIP's text tokenizer: {@link ClipTextCleaner cleaning}, CLIP's pre-tokenization regex (the special
 * tokens, the contractions {@code 's 't 're 've 'm 'll 'd}, runs of letters, single digits, runs of other
 * non-space characters), UTF-8 bytes mapped to byte-level characters, then byte-pair merges in rank order.
 *
 * <p>Words are merged lazily, the first time they are seen, and remembered in a bounded cache, so construction
 * only reads the merges file. Thread-safe: the vocabulary is immutable and the cache is concurrent.
 */
public final class ClipTokenizer implements ClipTextTokenizer {
    /** CLIP's context length. */
    public static final int CONTEXT_LENGTH = 77;
    /** Words remembered by the cache; beyond this, new words are merged each time (the result is the same). */
    static final int CACHE_LIMIT = 100_000;

    private static final Pattern PRE_TOKENIZER = Pattern.compile(
            Pattern.quote(ClipBpeVocabulary.START_TOKEN) + "|" + Pattern.quote(ClipBpeVocabulary.END_TOKEN)
                    + "|'s|'t|'re|'ve|'m|'ll|'d|\\p{L}+|\\p{N}|[^\\s\\p{L}\\p{N}]+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);

    private final ClipBpeVocabulary vocabulary;
    private final ConcurrentHashMap<String, int[]> cache = new ConcurrentHashMap<>();

    public ClipTokenizer(ClipBpeVocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    /** Reads CLIP's merges file ({@code bpe_simple_vocab_16e6.txt.gz}). */
    public static ClipTokenizer fromMergesFile(Path mergesFile) {
        return new ClipTokenizer(ClipBpeVocabulary.load(mergesFile));
    }

    public ClipBpeVocabulary vocabulary() {
        return vocabulary;
    }

    /** Token ids of the cleaned text, without start and end tokens. */
    public int[] encode(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text to tokenize is null");
        }
        String cleaned = ClipTextCleaner.clean(text);
        IntList out = new IntList(cleaned.length() / 3 + 4);
        Matcher m = PRE_TOKENIZER.matcher(cleaned);
        while (m.find()) {
            out.addAll(word(m.group()));
        }
        return out.toArray();
    }

    @Override
    public long[][] tokenize(List<String> texts, int contextLength) {
        long[][] rows = new long[texts.size()][];
        for (int i = 0; i < rows.length; i++) {
            int[] ids = encode(texts.get(i));
            long[] wide = new long[ids.length];
            for (int j = 0; j < ids.length; j++) {
                wide[j] = ids[j];
            }
            rows[i] = ClipTextTokenizer.layoutRow(vocabulary.startTokenId(), wide, vocabulary.endTokenId(),
                    contextLength);
        }
        return rows;
    }

    /** {@link #tokenize(List, int)} with CLIP's context length of 77. */
    public long[][] tokenize(List<String> texts) {
        return tokenize(texts, CONTEXT_LENGTH);
    }

    @Override
    public long endTokenId() {
        return vocabulary.endTokenId();
    }

    /** Text of token ids: byte-level characters back to UTF-8, {@code </w>} to spaces, special tokens dropped. */
    public String decode(int[] ids) {
        StringBuilder symbols = new StringBuilder();
        for (int id : ids) {
            if (id == vocabulary.startTokenId() || id == vocabulary.endTokenId()) {
                continue;
            }
            if (id < 0 || id >= vocabulary.size()) {
                throw new IllegalArgumentException("token id " + id + " is outside the vocabulary (0.."
                        + (vocabulary.size() - 1) + ")");
            }
            symbols.append(vocabulary.token(id).replace(ClipBpeVocabulary.END_OF_WORD, " "));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(symbols.length());
        for (int i = 0; i < symbols.length(); i++) {
            char c = symbols.charAt(i);
            int b = c == ' ' ? ' ' : vocabulary.alphabet().byteOf(c);
            bytes.write(b);
        }
        return bytes.toString(StandardCharsets.UTF_8).strip();
    }

    /** BPE ids of one pre-token, through the cache. The returned array is shared: never modify it. */
    private int[] word(String token) {
        int[] ids = cache.get(token);
        if (ids != null) {
            return ids;
        }
        ids = merge(token);
        if (cache.size() < CACHE_LIMIT) {
            cache.putIfAbsent(token, ids);
        }
        return ids;
    }

    private int[] merge(String token) {
        if (token.equals(ClipBpeVocabulary.START_TOKEN)) {
            return new int[] {vocabulary.startTokenId()};
        }
        if (token.equals(ClipBpeVocabulary.END_TOKEN)) {
            return new int[] {vocabulary.endTokenId()};
        }
        byte[] bytes = token.getBytes(StandardCharsets.UTF_8);
        int[] symbols = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            symbols[i] = vocabulary.byteSymbol(bytes[i], i == bytes.length - 1);
        }
        int n = symbols.length;
        while (n > 1) {
            int bestRank = Integer.MAX_VALUE;
            int bestLeft = -1;
            int bestRight = -1;
            for (int i = 0; i + 1 < n; i++) {
                int r = vocabulary.rank(symbols[i], symbols[i + 1]);
                if (r >= 0 && r < bestRank) {
                    bestRank = r;
                    bestLeft = symbols[i];
                    bestRight = symbols[i + 1];
                }
            }
            if (bestRank == Integer.MAX_VALUE) {
                break;
            }
            // merge every non-overlapping occurrence of the best pair, left to right
            int merged = vocabulary.mergedId(bestRank);
            int w = 0;
            for (int i = 0; i < n; i++) {
                if (i + 1 < n && symbols[i] == bestLeft && symbols[i + 1] == bestRight) {
                    symbols[w++] = merged;
                    i++;
                } else {
                    symbols[w++] = symbols[i];
                }
            }
            n = w;
        }
        return Arrays.copyOf(symbols, n);
    }

    /** A growable int array, to avoid boxing while collecting ids. */
    private static final class IntList {
        private int[] data;
        private int size;

        IntList(int capacity) {
            data = new int[Math.max(4, capacity)];
        }

        void addAll(int[] values) {
            if (size + values.length > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, size + values.length));
            }
            System.arraycopy(values, 0, data, size, values.length);
            size += values.length;
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
