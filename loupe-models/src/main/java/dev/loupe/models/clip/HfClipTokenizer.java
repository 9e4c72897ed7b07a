package dev.loupe.models.clip;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A CLIP text tokenizer backed by a Hugging Face {@code tokenizer.json}, as many CLIP ONNX exports ship one, run by
 * DJL's binding of the Rust {@code tokenizers} library.
 *
 * <p>The file's own normalizer, pre-tokenizer, BPE model and post-processor produce the ids; the post-processor
 * must add CLIP's start and end tokens (HF's CLIP tokenizers use {@code RobertaProcessing} for this). Rows are then
 * cut and zero-padded exactly like {@link ClipTokenizer}'s. HF's CLIP normalizer does NFC, whitespace collapsing and
 * lower-casing but not CLIP's HTML unescaping or ftfy repairs; {@link #load(Path, boolean)} can run
 * {@link ClipTextCleaner} first so both tokenizers see the same text.
 *
 * <p>Thread-safe (the native tokenizer is immutable once loaded). Close it to free the native memory.
 */
public final class HfClipTokenizer implements ClipTextTokenizer {
    private final HuggingFaceTokenizer tokenizer;
    private final boolean clipCleaning;
    private final long startId;
    private final long endId;

    private HfClipTokenizer(HuggingFaceTokenizer tokenizer, boolean clipCleaning, Path source) {
        this.tokenizer = tokenizer;
        this.clipCleaning = clipCleaning;
        long[] empty = tokenizer.encode("", true, false).getIds();
        if (empty.length < 2) {
            tokenizer.close();
            throw new IllegalArgumentException("tokenizer file " + source + ": its post_processor adds "
                    + empty.length + " special tokens to an empty text, CLIP needs a start and an end token; "
                    + "use the tokenizer.json exported with the CLIP model (post_processor RobertaProcessing)");
        }
        this.startId = empty[0];
        this.endId = empty[empty.length - 1];
    }

    /** Loads {@code tokenizer.json} and applies CLIP's text cleaning before it, as CLIP was trained. */
    public static HfClipTokenizer load(Path tokenizerJson) {
        return load(tokenizerJson, true);
    }

    /**
     * Loads {@code tokenizer.json}.
     *
     * @param clipCleaning run {@link ClipTextCleaner#clean} on each text first; false leaves all text handling to
     *                     the file's normalizer
     */
    public static HfClipTokenizer load(Path tokenizerJson, boolean clipCleaning) {
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new IllegalArgumentException("tokenizer file " + tokenizerJson + " does not exist; it comes with "
                    + "the model's files (see the model descriptor)");
        }
        return new HfClipTokenizer(HfTokenizer.openNative(tokenizerJson, 0), clipCleaning, tokenizerJson);
    }

    /** Ids of one text including the start and end tokens added by the file's post-processor, uncut. */
    public long[] encodeWithSpecialTokens(String text) {
        Encoding encoding = tokenizer.encode(clipCleaning ? ClipTextCleaner.clean(text) : text, true, false);
        return encoding.getIds();
    }

    @Override
    public long[][] tokenize(List<String> texts, int contextLength) {
        long[][] rows = new long[texts.size()][];
        for (int i = 0; i < rows.length; i++) {
            long[] all = encodeWithSpecialTokens(texts.get(i));
            long[] inner = new long[Math.max(0, all.length - 2)];
            System.arraycopy(all, 1, inner, 0, inner.length);
            rows[i] = ClipTextTokenizer.layoutRow(startId, inner, endId, contextLength);
        }
        return rows;
    }

    @Override
    public long endTokenId() {
        return endId;
    }

    public long startTokenId() {
        return startId;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
