package dev.loupe.models.clip;

/** How a model's text is tokenized, and so which file its tokenizer needs. */
public enum TokenizerKind {
    /** {@link ClipTokenizer} over OpenAI CLIP's merges file {@code bpe_simple_vocab_16e6.txt.gz}. */
    CLIP_BPE("clip-bpe"),
    /** {@link HfClipTokenizer} over a Hugging Face {@code tokenizer.json} of CLIP's BPE (CLIP's row layout). */
    HF_TOKENIZER_JSON("hf-tokenizer-json"),
    /**
     * {@link HfTokenizer} over any Hugging Face {@code tokenizer.json} of a known model kind (byte-level or
     * SentencePiece BPE, SentencePiece Unigram, WordPiece), with the file's own special tokens, truncated to the
     * context length and padded with {@code padToken}: what Immich feeds OpenCLIP, SigLIP and M-CLIP text graphs.
     */
    HF_TOKENIZER("hf-tokenizer");

    private final String configName;

    TokenizerKind(String configName) {
        this.configName = configName;
    }

    /** The value used in descriptor JSON. */
    public String configName() {
        return configName;
    }
}
