package dev.loupe.cli;

import dev.loupe.core.ImageFilter;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** The label filter of {@code search} and {@code similar}: labels given by {@code loupe classify apply}. */
final class LabelOptions {
    @Option(names = "--label", paramLabel = "LABEL",
            description = "Only images labelled so by 'loupe classify apply' (repeatable: any of them).")
    List<String> labels = new ArrayList<>();

    @Option(names = "--min-confidence", paramLabel = "C",
            description = "With --label: only count a label given with at least this confidence, 0..1 (default: any).")
    Float minConfidence;

    ImageFilter filter() {
        if (minConfidence != null && labels.isEmpty()) {
            throw new IllegalArgumentException("--min-confidence applies to --label; add --label LABEL "
                    + "(see the labels with 'loupe info' after 'loupe classify apply')");
        }
        if (minConfidence != null && !(minConfidence >= 0f && minConfidence <= 1f)) {
            throw new IllegalArgumentException("--min-confidence must be between 0 and 1, got " + minConfidence);
        }
        if (labels.isEmpty()) {
            return ImageFilter.NONE;
        }
        return ImageFilter.withLabel(labels, minConfidence == null ? 0f : minConfidence);
    }
}
