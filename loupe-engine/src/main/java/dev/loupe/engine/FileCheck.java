package dev.loupe.engine;

import java.nio.file.Path;

/**
 * The result of re-hashing one installed model file ({@code loupe models verify}).
 *
 * @param expectedSha256 the checksum the file was installed with
 * @param actualSha256   the checksum of the file now, or "" when it is missing
 */
public record FileCheck(String model, String file, Path path, Status status, String expectedSha256,
                        String actualSha256) {
    /** What re-hashing found. */
    public enum Status {
        /** The file has the checksum it was installed with. */
        OK,
        /** The file is not there. */
        MISSING,
        /** The file's bytes changed since it was installed. */
        CORRUPT
    }

    public boolean ok() {
        return status == Status.OK;
    }

    /** One line for people, saying what to do when the file is not OK. */
    public String message() {
        return switch (status) {
            case OK -> model + ": " + file + " OK (sha256 " + actualSha256 + ")";
            case MISSING -> model + ": " + file + " is MISSING (" + path + "); run 'loupe models install " + model
                    + "' to fetch it again";
            case CORRUPT -> model + ": " + file + " is CORRUPT: expected sha256 " + expectedSha256 + " but it has "
                    + actualSha256 + "; run 'loupe models remove " + model + "' and install it again";
        };
    }
}
