package dev.loupe.models.clip;

/** How an image is brought to the model's square input (OpenCLIP's {@code resize_mode}). */
public enum ResizeMode {
    /** Resize so the shorter side is {@code size}, then take the centre {@code crop x crop} square (CLIP). */
    SHORTEST("shortest"),
    /** Resize to {@code size x size}, ignoring the aspect ratio (SigLIP). */
    SQUASH("squash");

    private final String configName;

    ResizeMode(String configName) {
        this.configName = configName;
    }

    /** The value used in descriptor JSON and in OpenCLIP's {@code preprocess_cfg.json}. */
    public String configName() {
        return configName;
    }
}
