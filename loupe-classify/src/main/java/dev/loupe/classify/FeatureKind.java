package dev.loupe.classify;

import java.util.Locale;

/** The builtin feature kinds over a model's two image spaces; see {@link BuiltinFeatures}. */
public enum FeatureKind {
    /** The visual (pooled CNN) vector. */
    VISUAL,
    /** The semantic vector (shared with text). */
    SEMANTIC,
    /** Visual and semantic, each unit length, concatenated and scaled by 1/√2 (cosine = mean of the two). */
    CONCAT;

    /** The command-line name: visual, semantic or concat. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FeatureKind parse(String name) {
        for (FeatureKind k : values()) {
            if (k.cliName().equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown feature kind '" + name + "'; use visual, semantic or concat");
    }
}
