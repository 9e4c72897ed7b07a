package dev.loupe.models.clip;

/** How a model's text is tokenized, and so which file its tokenizer needs. */
public enum TokenizerKind {
    /** {@link ClipTokenizer} over OpenAI CLIP's merges file {@code bpe_simple_vocab_16e6.txt.gz}. */
    CLIP_BPE("clip-bpe"),
    /** {@link HfClipTokenizer} over a Hugging Face {@code tokenizer.json}. */
    HF_TOKENIZER_JSON("hf-tokenizer-json");

    private final String configName;

    TokenizerKind(String configName) {
        this.configName = configName;
    }

    /** The value used in descriptor JSON. */
    public String configName() {
        return configName;
    }
}
