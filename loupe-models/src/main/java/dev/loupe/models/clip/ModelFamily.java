package dev.loupe.models.clip;

/** Which encoder implementation a model descriptor is for. */
public enum ModelFamily {
    /** A CLIP-style dual encoder: an image graph and a text graph into one shared space. */
    CLIP("clip"),
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
}
