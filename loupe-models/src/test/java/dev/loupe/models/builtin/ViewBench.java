package dev.loupe.models.builtin;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark: milliseconds per image of the image-side work of each view option — preparing the view(s) and running
 * MobileNetV2 (one ONNX Runtime thread, batch 1, the 21 shared photos decoded once beforehand, 5 passes after a
 * warm-up pass), and of the tag recipe's views with and without the corner views. Prints a table; run like {@link
 * ConseTuning} with main class {@code dev.loupe.models.builtin.ViewBench}.
 */
public class ViewBench {
    static final String TAGS_WHOLE = "tag views, whole + centre (4)";
    static final String TAGS = "tag views, + corners (12)";
    /** The default tag recipe without its corner views (before docs/quality.md's "Multi-view tags"). */
    private static final BuiltinRecipe.TagRecipe WHOLE = new BuiltinRecipe.TagRecipe(
            BuiltinRecipe.DEFAULT.tags().encoder(), BuiltinRecipe.DEFAULT.tags().templates(),
            BuiltinRecipe.DEFAULT.tags().topK(), BuiltinRecipe.DEFAULT.tags().temperature(),
            BuiltinRecipe.DEFAULT.tags().hubK(), BuiltinRecipe.DEFAULT.tags().views(), true, List.of());

    public static void main(String[] args) throws Exception {
        Path shared = QualityFixture.shared();
        List<BufferedImage> photos = new ArrayList<>();
        for (QualityFixture.Photo p : QualityFixture.photos(shared)) {
            photos.add(QualityFixture.read(shared, p));
        }
        int passes = Integer.getInteger("passes", 5);
        System.out.printf("%-26s | %12s | %12s%n", "views", "prepare ms", "total ms");
        try (MobileNetEncoder enc = new MobileNetEncoder(shared.resolve("models/mobilenetv2-12-int8.onnx"), null, 1)) {
            for (String option : List.of("CENTER_CROP", "FULL", "FULL + mirror", TAGS_WHOLE, TAGS)) {
                run(enc, photos, option, 1);
                double[] ms = run(enc, photos, option, passes);
                System.out.printf("%-26s | %12.2f | %12.2f%n", option, ms[0], ms[1]);
            }
        }
    }

    /** Mean prepare and prepare+encode milliseconds per photo over {@code passes} passes. */
    static double[] run(MobileNetEncoder enc, List<BufferedImage> photos, String option, int passes) {
        long prepare = 0;
        long total = 0;
        for (int pass = 0; pass < passes; pass++) {
            for (BufferedImage img : photos) {
                long t0 = System.nanoTime();
                List<BufferedImage> views = switch (option) {
                    case "CENTER_CROP" -> List.of(ImageView.CENTER_CROP.prepare(img));
                    case "FULL" -> List.of(ImageView.FULL.prepare(img));
                    case TAGS_WHOLE -> WHOLE.views(img);
                    case TAGS -> BuiltinRecipe.DEFAULT.tags().views(img);
                    default -> List.of(ImageView.FULL.prepare(img), ImageView.FULL.prepare(ImageView.mirror(img)));
                };
                long t1 = System.nanoTime();
                for (BufferedImage v : views) {
                    enc.encode(List.of(v));
                }
                long t2 = System.nanoTime();
                prepare += t1 - t0;
                total += t2 - t0;
            }
        }
        double n = (double) passes * photos.size();
        return new double[]{prepare / n / 1e6, total / n / 1e6};
    }
}
