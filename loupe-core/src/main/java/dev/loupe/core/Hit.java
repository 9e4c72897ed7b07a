package dev.loupe.core;

/** One search result: the image and its score under the query's measure (higher is better). */
public record Hit(ImageRecord image, float score) {
    public String id() {
        return image.id();
    }

    public String path() {
        return image.path();
    }
}
