package dev.loupe.engine.duplicates;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which image of a group to keep: the most pixels, then the sharpest (only read when the largest ones are different
 * files), then the oldest (EXIF date, else file time), then the first path; the reason names the rule that decided.
 */
final class Keepers {
    record Choice(ImageRecord keeper, String reason) {
    }

    private Keepers() {
    }

    static Choice choose(List<ImageRecord> group, Function<ImageRecord, Optional<PixelPrint>> prints) {
        List<ImageRecord> byPixels = new ArrayList<>(group);
        byPixels.sort(Comparator.comparingLong(Keepers::pixels).reversed()
                .thenComparingLong(ImageFilter::dateOf).thenComparing(ImageRecord::path));
        ImageRecord best = byPixels.get(0);
        ImageRecord second = byPixels.get(1);
        if (pixels(best) > pixels(second)) {
            return new Choice(best, String.format(Locale.ROOT, "largest: %dx%d px (next %dx%d)", best.width(),
                    best.height(), second.width(), second.height()));
        }
        List<ImageRecord> largest = byPixels.stream().filter(r -> pixels(r) == pixels(best)).toList();
        boolean sameContent = largest.stream().map(ImageRecord::contentHash).distinct().count() == 1;
        if (!sameContent) {
            List<ImageRecord> bySharpness = new ArrayList<>(largest);
            bySharpness.sort(Comparator.comparingDouble((ImageRecord r) -> -sharpness(r, prints))
                    .thenComparingLong(ImageFilter::dateOf).thenComparing(ImageRecord::path));
            ImageRecord sharpest = bySharpness.get(0);
            double s0 = sharpness(sharpest, prints);
            double s1 = sharpness(bySharpness.get(1), prints);
            if (s0 > s1 * 1.02) {
                return new Choice(sharpest, String.format(Locale.ROOT,
                        "same size (%dx%d px); sharpest: detail %.0f (next %.0f)", sharpest.width(),
                        sharpest.height(), s0, s1));
            }
        }
        List<ImageRecord> byDate = new ArrayList<>(largest);
        byDate.sort(Comparator.comparingLong(ImageFilter::dateOf).thenComparing(ImageRecord::path));
        ImageRecord oldest = byDate.get(0);
        String size = String.format(Locale.ROOT, "same size (%dx%d px)%s", oldest.width(), oldest.height(),
                sameContent ? ", same content" : ", as sharp");
        if (ImageFilter.dateOf(oldest) < ImageFilter.dateOf(byDate.get(1))) {
            return new Choice(oldest, size + "; oldest: " + Instant.ofEpochMilli(ImageFilter.dateOf(oldest))
                    + (oldest.takenMillis() >= 0 ? " (EXIF)" : " (file time)"));
        }
        return new Choice(oldest, size + ", same date; first by path");
    }

    private static long pixels(ImageRecord r) {
        return (long) r.width() * r.height();
    }

    private static double sharpness(ImageRecord r, Function<ImageRecord, Optional<PixelPrint>> prints) {
        return prints.apply(r).map(PixelPrint::sharpness).orElse(0.0);
    }
}
