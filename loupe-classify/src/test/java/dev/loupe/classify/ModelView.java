package dev.loupe.classify;

import dev.loupe.core.ImageVectors;
import dev.loupe.core.Model;
import dev.loupe.core.ModelInfo;
import dev.loupe.core.Tag;

import java.awt.image.BufferedImage;
import java.util.List;

/** A model shared by several tests: delegates everything, and closing it does nothing. */
record ModelView(Model model) implements Model {
    @Override
    public ModelInfo info() {
        return model.info();
    }

    @Override
    public List<ImageVectors> encodeImages(List<BufferedImage> images) {
        return model.encodeImages(images);
    }

    @Override
    public List<float[]> encodeTexts(List<String> texts) {
        return model.encodeTexts(texts);
    }

    @Override
    public List<Tag> tags(float[] imageVector, List<String> vocabulary, int k) {
        return model.tags(imageVector, vocabulary, k);
    }

    @Override
    public List<String> defaultTagVocabulary() {
        return model.defaultTagVocabulary();
    }

    @Override
    public float visualWeight() {
        return model.visualWeight();
    }

    @Override
    public void close() {
    }
}
