package dev.loupe.models.store;

import java.nio.file.Path;

/**
 * Result of re-hashing a cached file.
 *
 * @param expectedSha256 the hash recorded at install (or given by a descriptor); "" if nothing was recorded
 * @param actualSha256   the hash of the file as it is now
 */
public record Verification(String name, Path path, String expectedSha256, String actualSha256) {
    public boolean ok() {
        return !expectedSha256.isEmpty() && expectedSha256.equals(actualSha256);
    }

    @Override
    public String toString() {
        if (ok()) {
            return name + ": OK (sha256 " + actualSha256 + ")";
        }
        if (expectedSha256.isEmpty()) {
            return name + ": no recorded checksum (sha256 now " + actualSha256 + "); reinstall it to record one";
        }
        return name + ": CORRUPT, expected sha256 " + expectedSha256 + " but the file has " + actualSha256
                + "; remove it and install again";
    }
}
