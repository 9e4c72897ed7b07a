package dev.loupe.models.clip;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a model's text encoder wants its input tokenized.
 *
 * @param tokenizer     which tokenizer implementation
 * @param contextLength token positions of the text graph's input (77 for CLIP)
 * @param file          name of the descriptor file the tokenizer reads: the BPE merges file or a tokenizer.json
 */
public record TextTokenization(TokenizerKind tokenizer, int contextLength, String file) {
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
    }

    /** The tokenizer this section describes, reading {@code file} from {@code directory}. */
    public ClipTextTokenizer open(Path directory) {
        Objects.requireNonNull(directory, "directory");
        return switch (tokenizer) {
            case CLIP_BPE -> ClipTokenizer.fromMergesFile(directory.resolve(file));
            case HF_TOKENIZER_JSON -> HfClipTokenizer.load(directory.resolve(file));
        };
    }
}
