package dev.loupe.models.builtin;

import dev.loupe.models.text.SentenceEncoder;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;

import static dev.loupe.models.builtin.ImageViewTest.red;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TagRecipeTest {
    private static final List<ImageView> CORNERS = List.of(ImageView.TOP_LEFT, ImageView.TOP_RIGHT,
            ImageView.BOTTOM_LEFT, ImageView.BOTTOM_RIGHT);

    private static BuiltinRecipe.TagRecipe recipe(List<ImageView> views, boolean mirror) {
        return recipe(views, mirror, List.of());
    }

    private static BuiltinRecipe.TagRecipe recipe(List<ImageView> views, boolean mirror, List<ImageView> more) {
        return new BuiltinRecipe.TagRecipe(SentenceEncoder.Kind.MINILM, List.of("%s"), 10, 2.5f, 3, views, mirror,
                more);
    }

    @Test
    void probabilityViewsFollowTheTagViewsEachWithItsMirror() {
        BuiltinRecipe.TagRecipe r = recipe(List.of(ImageView.FULL, ImageView.CENTER_CROP), true, CORNERS);
        assertEquals(12, r.viewCount());
        assertEquals(4, r.tagViewCount());
        List<BufferedImage> views = r.views(ImageViewTest.wideWithRedEdge());
        assertEquals(12, views.size());
        ImagenetPreprocessor pre = new ImagenetPreprocessor();
        int right = ImagenetPreprocessor.SIZE - 10;
        // the red band is the left eighth of the image: in the top left corner view (60% wide) it is on the left, in
        // the mirror's top left (the image's top right, mirrored) it is absent, in the mirror's top right on the right
        float[] topLeft = pre.toChw(views.get(4));
        float[] topLeftOfMirror = pre.toChw(views.get(5));
        float[] topRightOfMirror = pre.toChw(views.get(7));
        assertTrue(red(topLeft, 0) > 2 && red(topLeft, right) < -2, "the top left corner view starts red");
        assertTrue(red(topLeftOfMirror, 0) < -2 && red(topLeftOfMirror, right) < -2, "the mirror's has no red");
        assertTrue(red(topRightOfMirror, 0) < -2 && red(topRightOfMirror, right) > 2, "the mirror's top right ends red");
        assertEquals(CORNERS, BuiltinRecipe.DEFAULT.tags().probabilityViews());
    }

    @Test
    void theTagVectorComesFromTheTagViewsOnly() {
        BuiltinRecipe.TagRecipe r = recipe(List.of(ImageView.FULL), false, CORNERS);
        float[][] classes = new float[1000][];
        for (int c = 0; c < classes.length; c++) {
            classes[c] = c == 999 ? new float[]{0, 1} : new float[]{1, 0};
        }
        ConseTagger tagger = new ConseTagger(classes, r);
        float[] flat = new float[1000];
        float[] seven = new float[1000];
        seven[999] = 20;
        // the corner views all say class 999, the whole view says nothing in particular: the vector ignores the corners
        float[] v = tagger.tagVector(List.of(flat, seven, seven, seven, seven));
        assertEquals(1f, v[0], 1e-4f);
        float[] w = tagger.tagVector(List.of(seven, flat, flat, flat, flat));
        assertEquals(1f, w[1], 1e-4f);
        assertThrows(IllegalArgumentException.class, () -> tagger.tagVector(List.of(flat)));
    }

    @Test
    void viewsListEachViewThenItsMirror() {
        List<BufferedImage> views = recipe(List.of(ImageView.FULL, ImageView.CENTER_CROP), true)
                .views(ImageViewTest.wideWithRedEdge());
        assertEquals(4, views.size());
        ImagenetPreprocessor pre = new ImagenetPreprocessor();
        int right = ImagenetPreprocessor.SIZE - 10;
        float[] full = pre.toChw(views.get(0));
        float[] fullMirror = pre.toChw(views.get(1));
        float[] crop = pre.toChw(views.get(2));
        float[] cropMirror = pre.toChw(views.get(3));
        assertTrue(red(full, 0) > 2 && red(full, right) < -2, "the whole view is red on the left");
        assertTrue(red(fullMirror, 0) < -2 && red(fullMirror, right) > 2, "its mirror is red on the right");
        assertTrue(red(crop, 0) < -2 && red(crop, right) < -2, "the centre crop of a 4:1 image shows its blue middle");
        assertTrue(red(cropMirror, 0) < -2 && red(cropMirror, right) < -2, "and so does the crop of the mirror");
    }

    @Test
    void theTaggerRefusesLogitsForAnotherNumberOfViews() {
        BuiltinRecipe.TagRecipe r = recipe(List.of(ImageView.FULL, ImageView.CENTER_CROP), true);
        float[][] classes = new float[1000][];
        for (int c = 0; c < classes.length; c++) {
            classes[c] = new float[]{1, 0};
        }
        ConseTagger tagger = new ConseTagger(classes, r);
        assertEquals(4, r.viewCount());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tagger.tagVector(List.of(new float[1000], new float[1000])));
        assertTrue(e.getMessage().contains("4 view(s)"), e.getMessage());
        float[] logits = new float[1000];
        assertEquals(2, tagger.tagVector(List.of(logits, logits, logits, logits)).length);
    }

    @Test
    void aRecipeNeedsAnEncoderAndAView() {
        assertThrows(IllegalArgumentException.class, () -> recipe(List.of(), false));
        assertThrows(IllegalArgumentException.class, () -> new BuiltinRecipe.TagRecipe(null, List.of("%s"), 10, 2, 3,
                List.of(ImageView.FULL), false, List.of()));
        assertThrows(IllegalArgumentException.class, () -> recipe(List.of(ImageView.FULL), false, null));
    }
}
