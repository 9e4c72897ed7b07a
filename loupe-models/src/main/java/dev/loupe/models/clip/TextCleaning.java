package dev.loupe.models.clip;

import java.util.Locale;
import java.util.regex.Pattern;

/** What happens to a query's text before the tokenizer sees it. */
public enum TextCleaning {
    /** CLIP's cleaning ({@link ClipTextCleaner}: HTML entities, mojibake repairs, whitespace). */
    CLIP("clip"),
    /** Runs of whitespace become one space, ends trimmed (what Immich does for every OpenCLIP model). */
    WHITESPACE("whitespace"),
    /**
     * Whitespace as above, then ASCII punctuation removed and lower-cased: OpenCLIP's {@code clean: canonicalize}
     * for SigLIP models, which were trained on text cleaned this way.
     */
    CANONICALIZE("canonicalize");

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern PUNCTUATION = Pattern.compile("[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~]");

    private final String configName;

    TextCleaning(String configName) {
        this.configName = configName;
    }

    /** The value used in descriptor JSON. */
    public String configName() {
        return configName;
    }

    /** The cleaned text. */
    public String apply(String text) {
        return switch (this) {
            case CLIP -> ClipTextCleaner.clean(text);
            case WHITESPACE -> SPACES.matcher(text).replaceAll(" ").strip();
            case CANONICALIZE -> PUNCTUATION.matcher(SPACES.matcher(text).replaceAll(" ").strip()).replaceAll("")
                    .toLowerCase(Locale.ROOT);
        };
    }
}
