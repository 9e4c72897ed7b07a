package dev.loupe.engine;

import dev.loupe.core.ImageVectors;
import dev.loupe.core.Model;
import dev.loupe.core.ModelInfo;
import dev.loupe.core.Space;
import dev.loupe.core.Vectors;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A fast deterministic stand-in for a model: vectors from an image's mean colour, text from its characters. */
class FakeModel implements Model {
    static final ModelInfo INFO = new ModelInfo("fake", "1",
            List.of(new Space(Space.SEMANTIC, 4), new Space(Space.VISUAL, 4)), Space.SEMANTIC);
    int encodedImages;

    @Override
    public ModelInfo info() {
        return INFO;
    }

    @Override
    public synchronized List<ImageVectors> encodeImages(List<BufferedImage> images) {
        List<ImageVectors> out = new ArrayList<>();
        for (BufferedImage img : images) {
            encodedImages++;
            double r = 0, g = 0, b = 0;
            int n = 0;
            for (int y = 0; y < img.getHeight(); y += 4) {
                for (int x = 0; x < img.getWidth(); x += 4) {
                    int p = img.getRGB(x, y);
                    r += (p >> 16) & 0xff;
                    g += (p >> 8) & 0xff;
                    b += p & 0xff;
                    n++;
                }
            }
            float[] v = Vectors.normalize(new float[]{(float) (r / n) + 1, (float) (g / n) + 1, (float) (b / n) + 1, 10});
            out.add(new ImageVectors(Map.of(Space.SEMANTIC, v, Space.VISUAL, v)));
        }
        return out;
    }

    @Override
    public List<float[]> encodeTexts(List<String> texts) {
        return texts.stream().map(t -> Vectors.normalize(new float[]{t.length() + 1, t.hashCode() % 7 + 8, 1, 1})).toList();
    }

    @Override
    public List<String> defaultTagVocabulary() {
        return List.of("red", "green", "blue");
    }

    @Override
    public void close() {
    }
}
