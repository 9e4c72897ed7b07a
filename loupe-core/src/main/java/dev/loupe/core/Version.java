package dev.loupe.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Loupe's version, one string for the CLI ({@code loupe --version}), the server ({@code GET /api/status}) and the
 * API description ({@code /openapi.json}). Maven writes it into {@code version.properties} from the project's
 * version when it builds loupe-core.
 */
public final class Version {
    /** The version of this build, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static final String LOUPE = read();

    private Version() {
    }

    private static String read() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from loupe-core; rebuild Loupe");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
