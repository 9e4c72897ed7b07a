package dev.loupe.models.clip;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The text tokenizer of OpenCLIP, SigLIP and M-CLIP exports, fed the way Immich feeds them: the text is cleaned
 * ({@link TextCleaning}), encoded by the export's {@code tokenizer.json} with the file's own special tokens
 * (start/end tokens of its post-processor), truncated to the context length by the tokenizer library (which keeps
 * the special tokens), and padded to the context length with the export's pad token; the attention mask is 1 for
 * the real tokens and 0 for the padding. DJL's binding of the Rust {@code tokenizers} library does the encoding, so
 * every model kind that library reads works: byte-level BPE (CLIP), SentencePiece BPE (Gemma in SigLIP 2, NLLB),
 * SentencePiece Unigram (SigLIP, XLM-RoBERTa) and WordPiece (LaBSE).
 *
 * <p>A file whose model is of another kind (for example {@code WordLevel}, which none of these models uses) is
 * refused when it is loaded, naming the file. Thread-safe (the native tokenizer is immutable once loaded); close it
 * to free the native memory.
 */
public final class HfTokenizer implements ClipTextTokenizer {
    /** The {@code model.type} values of tokenizer.json files Loupe knows how to feed a text graph with. */
    public static final Set<String> KNOWN_MODEL_TYPES = Set.of("BPE", "Unigram", "WordPiece");

    private final HuggingFaceTokenizer tokenizer;
    private final Path source;
    private final TextCleaning clean;
    private final long padId;
    private final int contextLength;
    private final long endId;

    private HfTokenizer(HuggingFaceTokenizer tokenizer, Path source, TextCleaning clean, long padId,
                        int contextLength) {
        this.tokenizer = tokenizer;
        this.source = source;
        this.clean = clean;
        this.padId = padId;
        this.contextLength = contextLength;
        long[] empty = tokenizer.encode("", true, false).getIds();
        this.endId = empty.length == 0 ? -1 : empty[empty.length - 1];
    }

    /**
     * Loads {@code tokenizer.json}, truncating to {@code contextLength} tokens.
     *
     * @param padToken the token rows are padded with; must be in the file's vocabulary
     * @throws IllegalArgumentException naming the file when it is missing, not a tokenizer.json, of an unknown model
     *                                  kind, or lacks the pad token
     */
    public static HfTokenizer load(Path tokenizerJson, String padToken, TextCleaning clean, int contextLength) {
        FileFacts facts = FileFacts.read(tokenizerJson, padToken);
        return new HfTokenizer(openNative(tokenizerJson, contextLength), tokenizerJson, clean, facts.padId(),
                contextLength);
    }

    /**
     * The native tokenizer of {@code tokenizerJson}, adding the file's special tokens, unpadded, truncated to
     * {@code maxLength} tokens (0: not truncated).
     *
     * @throws IllegalArgumentException naming the file when the native parser refuses it
     */
    static HuggingFaceTokenizer openNative(Path tokenizerJson, int maxLength) {
        HuggingFaceTokenizer.Builder builder = HuggingFaceTokenizer.builder().optTokenizerPath(tokenizerJson)
                .optAddSpecialTokens(true).optPadding(false).optTruncation(maxLength > 0);
        if (maxLength > 0) {
            builder.optMaxLength(maxLength);
        }
        try {
            return builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer file " + tokenizerJson, e);
        } catch (RuntimeException e) { // the native parser reports a malformed file as a RuntimeException
            throw new IllegalArgumentException("tokenizer file " + tokenizerJson + " is not a valid Hugging Face "
                    + "tokenizer.json: " + e.getMessage() + "; use the tokenizer.json exported with the model", e);
        }
    }

    /**
     * Checks a tokenizer.json without loading it into the native library: its model is of a known kind and it has
     * {@code padToken} (when not null). Returns the model kind ({@code BPE}, {@code Unigram}, {@code WordPiece}).
     *
     * @throws IllegalArgumentException naming the file and what to do
     */
    public static String inspect(Path tokenizerJson, String padToken) {
        return FileFacts.read(tokenizerJson, padToken).modelType();
    }

    /** The id rows are padded with. */
    public long padId() {
        return padId;
    }

    /** The ids of one cleaned text with the file's special tokens, truncated to the context length, unpadded. */
    public long[] encodeWithSpecialTokens(String text) {
        Encoding encoding = tokenizer.encode(clean.apply(text), true, false);
        return encoding.getIds();
    }

    @Override
    public long[][] tokenize(List<String> texts, int contextLength) {
        return encode(texts, contextLength).ids();
    }

    @Override
    public TokenBatch encode(List<String> texts, int contextLength) {
        if (contextLength != this.contextLength) {
            throw new IllegalArgumentException("tokenizer " + source + " truncates to " + this.contextLength
                    + " tokens, asked for rows of " + contextLength);
        }
        long[][] ids = new long[texts.size()][];
        long[][] mask = new long[texts.size()][];
        for (int i = 0; i < ids.length; i++) {
            long[] real = encodeWithSpecialTokens(texts.get(i));
            long[] row = new long[contextLength];
            long[] m = new long[contextLength];
            java.util.Arrays.fill(row, padId);
            int n = Math.min(real.length, contextLength);
            System.arraycopy(real, 0, row, 0, n);
            java.util.Arrays.fill(m, 0, n, 1);
            ids[i] = row;
            mask[i] = m;
        }
        return new TokenBatch(ids, mask);
    }

    @Override
    public long endTokenId() {
        return endId;
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    /**
     * What Loupe checks in a tokenizer.json before handing it to the native library: the model kind and the pad
     * token's id. Read with Jackson's streaming parser, because SigLIP 2's file (Gemma's 256k-token vocabulary) is
     * tens of megabytes.
     */
    record FileFacts(String modelType, long padId) {
        static FileFacts read(Path file, String padToken) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("tokenizer file " + file + " does not exist; it comes with the "
                        + "model's files (an Immich export keeps it in textual/tokenizer.json)");
            }
            String type = null;
            Long added = null;
            Long inVocab = null;
            try (InputStream in = Files.newInputStream(file);
                 JsonParser p = new JsonFactory().createParser(in)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw notJson(file, "it is not a JSON object");
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    if (field.equals("added_tokens") && p.currentToken() == JsonToken.START_ARRAY) {
                        added = addedTokenId(p, padToken);
                    } else if (field.equals("model") && p.currentToken() == JsonToken.START_OBJECT) {
                        String[] typeOut = new String[1];
                        inVocab = modelSection(p, padToken, typeOut);
                        type = typeOut[0];
                    } else {
                        p.skipChildren();
                    }
                }
            } catch (IOException e) {
                throw notJson(file, e.getMessage());
            }
            if (type == null || !KNOWN_MODEL_TYPES.contains(type)) {
                throw new IllegalArgumentException("tokenizer file " + file + ": its model is of kind "
                        + (type == null ? "(none given)" : "'" + type + "'") + ", which Loupe does not know how to "
                        + "feed a text graph with; known kinds are " + KNOWN_MODEL_TYPES.stream().sorted().toList()
                        + " (CLIP, SigLIP, XLM-RoBERTa, NLLB, LaBSE). Use the tokenizer.json exported with the model");
            }
            Long id = added != null ? added : inVocab;
            if (padToken != null && id == null) {
                throw new IllegalArgumentException("tokenizer file " + file + " has no token '" + padToken + "' "
                        + "(the pad token the model's settings name, from tokenizer_config.json); the tokenizer and "
                        + "its config come from different models — copy both from the same export");
            }
            return new FileFacts(type, id == null ? 0 : id);
        }

        private static IllegalArgumentException notJson(Path file, String why) {
            return new IllegalArgumentException("tokenizer file " + file + " is not a valid Hugging Face "
                    + "tokenizer.json (" + why + "); use the tokenizer.json exported with the model");
        }

        /** The id of {@code token} among the added tokens ({@code [{"id": 1, "content": "<pad>", ...}, ...]}). */
        private static Long addedTokenId(JsonParser p, String token) throws IOException {
            Long found = null;
            while (p.nextToken() == JsonToken.START_OBJECT) {
                Long id = null;
                String content = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String f = p.currentName();
                    p.nextToken();
                    if (f.equals("id")) {
                        id = p.getLongValue();
                    } else if (f.equals("content")) {
                        content = p.getText();
                    } else {
                        p.skipChildren();
                    }
                }
                if (found == null && content != null && content.equals(token)) {
                    found = id;
                }
            }
            return found;
        }

        /**
         * Reads {@code model}: its type, and the id of {@code token} in its vocabulary (an object of token → id for
         * BPE and WordPiece, an array of [piece, score] pairs whose index is the id for Unigram).
         */
        private static Long modelSection(JsonParser p, String token, String[] typeOut) throws IOException {
            Long found = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken t = p.nextToken();
                if (f.equals("type") && t == JsonToken.VALUE_STRING) {
                    typeOut[0] = p.getText();
                } else if (f.equals("vocab") && t == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String piece = p.currentName();
                        p.nextToken();
                        if (found == null && piece.equals(token)) {
                            found = p.getLongValue();
                        }
                    }
                } else if (f.equals("vocab") && t == JsonToken.START_ARRAY) {
                    long index = 0;
                    while (p.nextToken() == JsonToken.START_ARRAY) {
                        p.nextToken();
                        String piece = p.getText();
                        p.skipChildren(); // no-op on a scalar
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            p.skipChildren();
                        }
                        if (found == null && piece.equals(token)) {
                            found = index;
                        }
                        index++;
                    }
                } else {
                    p.skipChildren();
                }
            }
            return found;
        }
    }
}
