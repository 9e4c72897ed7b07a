package dev.loupe.models.store;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A file in the model cache, as {@link ModelStore#list()} reports it.
 *
 * @param sha256      the hash recorded when the file was installed or derived, if any
 * @param derivedFrom the SHA-256 of the file it was derived from, for derived files
 */
public record CachedModel(String name, Path path, long size, Optional<String> sha256, Optional<String> derivedFrom) {
}
