package dev.loupe.cli;

import dev.loupe.core.ImageFilter;
import dev.loupe.engine.search.Dates;
import dev.loupe.engine.search.SortOrder;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The filters of {@code search} and {@code similar}: labels (from {@code loupe classify apply} or the model), a folder, a date
 * range and least dimensions. They become the engine's one {@link ImageFilter}, pushed into the index's search.
 * Also the order of the hits ({@code --sort}).
 */
final class FilterOptions {
    @Option(names = "--label", paramLabel = "LABEL",
            description = "Only images carrying this label (repeatable: any of them): one set by 'loupe classify "
                    + "apply', or one the model read off the image while indexing (the builtin model: WordNet "
                    + "nouns such as animal, dog, cat, vehicle).")
    List<String> labels = new ArrayList<>();

    @Option(names = "--min-confidence", paramLabel = "C",
            description = "With --label: only count a label given with at least this confidence, 0..1 (default: any; "
                    + "for the model's labels, their probability).")
    Float minConfidence;

    @Option(names = "--folder", paramLabel = "DIR", description = "Only images in this folder or below.")
    Path folder;

    @Option(names = "--since", paramLabel = "DATE",
            description = "Only images taken (EXIF date, else file time) on or after this ISO date or date-time.")
    String since;

    @Option(names = "--until", paramLabel = "DATE",
            description = "Only images taken on or before this ISO date (the whole day) or date-time.")
    String until;

    @Option(names = "--min-width", paramLabel = "PX", description = "Only images at least this many pixels wide.")
    Integer minWidth;

    @Option(names = "--min-height", paramLabel = "PX", description = "Only images at least this many pixels high.")
    Integer minHeight;

    @Option(names = "--sort", paramLabel = "relevance|date|date-asc", description = "Order of the results: by "
            + "relevance (default), or the relevant ones (the best " + SortOrder.DATE_POOL + ") by date — EXIF date, "
            + "else file time — newest first (date) or oldest first (date-asc).")
    String sort;

    SortOrder sort() {
        return SortOrder.parse(sort, "--sort");
    }

    ImageFilter filter() {
        ImageFilter f = ImageFilter.NONE;
        if (minConfidence != null && labels.isEmpty()) {
            throw new IllegalArgumentException("--min-confidence applies to --label; add --label LABEL "
                    + "(see the labels with 'loupe info' after 'loupe classify apply')");
        }
        if (minConfidence != null && !(minConfidence >= 0f && minConfidence <= 1f)) {
            throw new IllegalArgumentException("--min-confidence must be between 0 and 1, got " + minConfidence);
        }
        if (!labels.isEmpty()) {
            f = f.withLabels(labels, minConfidence == null ? 0f : minConfidence);
        }
        if (folder != null) {
            f = f.inFolder(folder.toAbsolutePath().normalize().toString());
        }
        if (since != null || until != null) {
            long from = since == null ? Long.MIN_VALUE : Dates.start(since, "--since");
            long to = until == null ? Long.MAX_VALUE : Dates.end(until, "--until");
            if (from > to) {
                throw new IllegalArgumentException("--since " + since + " is after --until " + until + "; swap them");
            }
            f = f.datedIn(new ImageFilter.Range(from, to));
        }
        if (minWidth != null || minHeight != null) {
            f = f.sized(ImageFilter.Range.ALL, atLeast(minWidth, "--min-width"), atLeast(minHeight, "--min-height"));
        }
        return f;
    }

    private static ImageFilter.Range atLeast(Integer px, String option) {
        if (px == null) {
            return ImageFilter.Range.ALL;
        }
        if (px < 1 || px > 1_000_000) {
            throw new IllegalArgumentException(option + " must be a number of pixels from 1 to 1000000, got " + px);
        }
        return ImageFilter.Range.atLeast(px);
    }
}
