package dev.loupe.models.clip;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a model's text encoder wants its input tokenized.
 *
 * @param tokenizer     which tokenizer implementation
 * @param contextLength token positions of the text graph's input (77 for CLIP, 64 for SigLIP)
 * @param file          name of the descriptor file the tokenizer reads: the BPE merges file or a tokenizer.json
 * @param padToken      for {@link TokenizerKind#HF_TOKENIZER}: the token that fills a row up to the context length
 *                      (the {@code pad_token} of the export's {@code tokenizer_config.json}); null for the others,
 *                      which pad with id 0 as CLIP does
 * @param clean         what is done to the text first; defaults to CLIP's cleaning for the CLIP tokenizers and to
 *                      whitespace folding for {@code hf-tokenizer}
 */
public record TextTokenization(TokenizerKind tokenizer, int contextLength, String file, String padToken,
                               TextCleaning clean) {
    public TextTokenization {
        if (tokenizer == null) {
            throw new InvalidDescriptorException(null, "tokenizer", "is required");
        }
        if (contextLength < 2) {
            throw new InvalidDescriptorException(null, "contextLength", "must be at least 2 (start and end token), "
                    + "got " + contextLength);
        }
        if (file == null || file.isBlank()) {
            throw new InvalidDescriptorException(null, "file", "must name the tokenizer's file from 'files'");
        }
        if (tokenizer == TokenizerKind.HF_TOKENIZER && (padToken == null || padToken.isEmpty())) {
            throw new InvalidDescriptorException(null, "padToken", "is required for tokenizer 'hf-tokenizer': the "
                    + "token rows are padded with (the pad_token of the export's tokenizer_config.json)");
        }
        if (tokenizer != TokenizerKind.HF_TOKENIZER && padToken != null) {
            throw new InvalidDescriptorException(null, "padToken", "is only for tokenizer 'hf-tokenizer'; '"
                    + tokenizer.configName() + "' pads with id 0 as CLIP does");
        }
        if (clean == null) {
            clean = tokenizer == TokenizerKind.HF_TOKENIZER ? TextCleaning.WHITESPACE : TextCleaning.CLIP;
        }
        if (tokenizer != TokenizerKind.HF_TOKENIZER && clean != TextCleaning.CLIP) {
            throw new InvalidDescriptorException(null, "clean", "must be 'clip' for tokenizer '"
                    + tokenizer.configName() + "'");
        }
    }

    /** A CLIP tokenizer (no pad token, CLIP's cleaning). */
    public TextTokenization(TokenizerKind tokenizer, int contextLength, String file) {
        this(tokenizer, contextLength, file, null, null);
    }

    /** The tokenizer this section describes, reading {@code file} from {@code directory}. */
    public ClipTextTokenizer open(Path directory) {
        Objects.requireNonNull(directory, "directory");
        return switch (tokenizer) {
            case CLIP_BPE -> ClipTokenizer.fromMergesFile(directory.resolve(file));
            case HF_TOKENIZER_JSON -> HfClipTokenizer.load(directory.resolve(file));
            case HF_TOKENIZER -> HfTokenizer.load(directory.resolve(file), padToken, clean, contextLength);
        };
    }

    /** The settings as a model's identity records them (unchanged for the CLIP tokenizers). */
    String identity() {
        String base = tokenizer + " " + contextLength;
        return tokenizer == TokenizerKind.HF_TOKENIZER ? base + " pad=" + padToken + " clean=" + clean.configName()
                : base;
    }
}
