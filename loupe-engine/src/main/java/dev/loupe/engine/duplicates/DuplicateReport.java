package dev.loupe.engine.duplicates;

import java.util.List;

/**
 * What {@link DuplicateFinder#find} found.
 *
 * @param images         how many indexed images were in scope
 * @param candidatePairs pairs the kNN proposed (at or above the similar-shot cosine), each decided once
 * @param decodedImages  images decoded for their {@link PixelPrint} (only candidates that needed one)
 * @param groups         exact and near-duplicate groups first (largest first), then similar shots
 * @param warnings       files that could not be read for their pixels (their pairs were decided by cosine alone)
 * @param seconds        wall time of the whole search
 */
public record DuplicateReport(int images, int candidatePairs, int decodedImages, List<DuplicateGroup> groups,
                              List<String> warnings, double seconds) {
    public DuplicateReport {
        groups = List.copyOf(groups);
        warnings = List.copyOf(warnings);
    }

    /** How many groups of a kind. */
    public long count(DuplicateGroup.Kind kind) {
        return groups.stream().filter(g -> g.kind() == kind).count();
    }
}
