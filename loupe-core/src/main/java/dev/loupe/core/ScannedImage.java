package dev.loupe.core;

/**
 * One image met by {@link ImageIndex#scan}: its stored vectors at once, its record only when asked for. Both are
 * valid during the visit only — a backend may reuse this object and the vectors' arrays for the next image — so a
 * visitor scores the vectors then and there, and asks for the record of the images it keeps (a top k's few).
 */
public interface ScannedImage {
    /** The stored vector in {@code space}, one of the scan's spaces. Not a copy: do not modify or keep it. */
    float[] vector(String space);

    /** The image's record; a backend may read it from storage only now. */
    ImageRecord record();
}
