package dev.loupe.models.clip;

/**
 * Which kind of model a descriptor describes. Every family but {@link #BUILTIN} is a dual encoder — an image graph
 * and a text graph into one shared space — run by {@link ClipModel}; the family says how it was trained, which is
 * what a person choosing a model wants to know and what decides how its scores read as relevance.
 */
public enum ModelFamily {
    /** OpenAI CLIP and OpenCLIP: contrastive (softmax) training, English text (XLM-R text towers: multilingual). */
    CLIP("clip"),
    /**
     * SigLIP and SigLIP 2 (and NLLB-CLIP-SigLIP): trained with a pairwise sigmoid loss, so a logit scale and bias
     * turn the cosine into a match probability; squash-resized input, SentencePiece tokenizers.
     */
    SIGLIP("siglip"),
    /**
     * Multilingual CLIP (M-CLIP): a multilingual text encoder (XLM-RoBERTa, LaBSE) taught to land where a CLIP
     * image tower puts the image; its text graph takes token ids and an attention mask.
     */
    MCLIP("m-clip"),
    /** Apple's MobileCLIP: small image and text towers for phones and CPUs; 256-pixel input, no normalization. */
    MOBILECLIP("mobileclip"),
    /** Loupe's built-in encoders (no CLIP graphs; image and text settings are optional). */
    BUILTIN("builtin");

    private final String configName;

    ModelFamily(String configName) {
        this.configName = configName;
    }

    /** The value used in descriptor JSON. */
    public String configName() {
        return configName;
    }

    /** Whether {@link ClipModel} runs models of this family (image graph + text graph). */
    public boolean dualEncoder() {
        return this != BUILTIN;
    }
}
