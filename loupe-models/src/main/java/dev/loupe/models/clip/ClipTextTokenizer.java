package dev.loupe.models.clip;

import java.util.List;

/**
 * Turns query texts into the fixed-length token-id rows a CLIP text encoder graph takes as input.
 *
 * <p>Each row is {@code [start, ids..., end, 0, 0, ...]} of exactly {@code contextLength} entries. A text too long
 * for the context is cut so that the end token still sits in the last position, as CLIP's reference tokenizer does.
 * Implementations are thread-safe. Close a tokenizer when done with it: some hold native memory.
 */
public interface ClipTextTokenizer extends AutoCloseable {

    /** One row of {@code contextLength} token ids per text, in the order of {@code texts}. */
    long[][] tokenize(List<String> texts, int contextLength);

    /** The id of the end-of-text token; CLIP text graphs pool their output at its position. */
    long endTokenId();

    /**
     * The attention mask matching rows from {@link #tokenize}: 1 up to and including the first end token, 0 after
     * it. (Padding id 0 is also a real token, so the mask cannot be derived from {@code id != 0}.)
     */
    default long[][] attentionMask(long[][] tokens) {
        long end = endTokenId();
        long[][] mask = new long[tokens.length][];
        for (int r = 0; r < tokens.length; r++) {
            long[] row = tokens[r];
            long[] m = new long[row.length];
            for (int i = 0; i < row.length; i++) {
                m[i] = 1;
                if (row[i] == end) {
                    break;
                }
            }
            mask[r] = m;
        }
        return mask;
    }

    /** Token ids and the attention mask of a batch of texts, each row {@code contextLength} long. */
    record TokenBatch(long[][] ids, long[][] attentionMask) {
    }

    /**
     * The rows of {@link #tokenize} with their attention mask. Tokenizers that pad with a token of their own
     * ({@link HfTokenizer}) know where each row's padding starts and override this.
     */
    default TokenBatch encode(List<String> texts, int contextLength) {
        long[][] ids = tokenize(texts, contextLength);
        return new TokenBatch(ids, attentionMask(ids));
    }

    /** Frees native resources, if any; does nothing by default. */
    @Override
    default void close() {
    }

    /**
     * Lays out {@code start, ids, end} in a zero-padded row of {@code contextLength}, truncating the ids so the end
     * token stays last when they do not fit. Shared by the implementations so they truncate identically.
     */
    static long[] layoutRow(long startId, long[] ids, long endId, int contextLength) {
        if (contextLength < 2) {
            throw new IllegalArgumentException("contextLength must be at least 2 (start and end tokens), got "
                    + contextLength);
        }
        long[] row = new long[contextLength];
        row[0] = startId;
        int n = Math.min(ids.length, contextLength - 2);
        System.arraycopy(ids, 0, row, 1, n);
        row[1 + n] = endId;
        return row;
    }
}
