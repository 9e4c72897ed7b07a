package dev.loupe.core;

import java.util.List;

/**
 * Identity of a model: an index stores {@code id} and {@code version} and refuses to mix vectors from another.
 *
 * @param textSpace the space text queries are embedded into (images share it)
 */
public record ModelInfo(String id, String version, List<Space> spaces, String textSpace) {
    public ModelInfo {
        spaces = List.copyOf(spaces);
        if (spaces.stream().noneMatch(s -> s.name().equals(textSpace))) {
            throw new IllegalArgumentException("text space '" + textSpace + "' is not among " + spaces);
        }
    }

    public Space space(String name) {
        return spaces.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("model " + id + " has no space '" + name + "'"));
    }

    /** The string stored in an index to detect a model change. */
    public String fingerprint() {
        return id + "@" + version;
    }
}
