package dev.loupe.core;

/** A word scored against an image: cosine between the image's semantic vector and the word's text embedding. */
public record Tag(String tag, float score) {
}
