package dev.loupe.models.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Keeps ONNX Runtime's native libraries in Loupe's home instead of letting ONNX Runtime unpack them into a new temp
 * folder on every start: that costs 21 MB of writing per run, leaves one folder in {@code /tmp} per run, and a
 * whole copy of the library when the process is killed. The libraries are copied once from the ONNX Runtime jar
 * into {@code DIR/onnxruntime-VERSION-PLATFORM/} (each file written under a temporary name and moved into place,
 * so concurrent first runs do not see half a file; a copy whose size differs from the jar's is written again), and
 * ONNX Runtime is initialised from there at once: the system property {@code onnxruntime.native.path} is set only
 * for that moment, so no later code (or another home in the same JVM, as in tests) inherits a folder that may
 * be gone by then. Has no effect when ONNX Runtime was already initialised; a user's own setting of the property
 * wins; when the libraries cannot be placed (a home folder another user wrote, read-only), ONNX Runtime falls back
 * to its own unpacking.
 */
public final class OnnxRuntimeLibraries {
    /** The system property ONNX Runtime reads its library folder from. */
    public static final String PROPERTY = "onnxruntime.native.path";
    private static final Logger LOG = LoggerFactory.getLogger(OnnxRuntimeLibraries.class);
    private static final String RESOURCES = "/ai/onnxruntime/native/";

    private OnnxRuntimeLibraries() {
    }

    /**
     * Initialises ONNX Runtime from a folder under {@code dir}, copying its libraries there first if needed.
     *
     * @return the folder used, or empty when the property was already set or the libraries could not be placed
     */
    public static Optional<Path> useFolderUnder(Path dir) {
        if (System.getProperty(PROPERTY) != null) {
            return Optional.empty();
        }
        String platform = platform();
        String version = ai.onnxruntime.OrtEnvironment.class.getPackage().getImplementationVersion();
        if (platform == null || version == null) {
            return Optional.empty();
        }
        List<String> names = List.of(System.mapLibraryName("onnxruntime"), System.mapLibraryName("onnxruntime4j_jni"));
        Path target = dir.resolve("onnxruntime-" + version + "-" + platform);
        try {
            for (String name : names) {
                Path file = target.resolve(name);
                java.net.URL resource = OnnxRuntimeLibraries.class.getResource(RESOURCES + platform + "/" + name);
                if (resource == null) {
                    return Optional.empty(); // a platform jar without this file: leave it to ONNX Runtime
                }
                long size = resource.openConnection().getContentLengthLong();
                if (Files.isRegularFile(file) && Files.isReadable(file) && (size < 0 || Files.size(file) == size)) {
                    continue; // (a copy another user made that this one cannot read is written again, or skipped)
                }
                try (InputStream in = resource.openStream()) {
                    Files.createDirectories(target);
                    Path part = Files.createTempFile(target, name, ".part");
                    try {
                        Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } finally {
                        Files.deleteIfExists(part);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot place the ONNX Runtime libraries in {}; it will unpack them itself", target, e);
            return Optional.empty();
        }
        System.setProperty(PROPERTY, target.toString());
        try {
            ai.onnxruntime.OrtEnvironment.getEnvironment(); // loads the libraries now, while the folder is there
        } finally {
            System.clearProperty(PROPERTY);
        }
        return Optional.of(target);
    }

    /** ONNX Runtime's name for this platform's resource folder (e.g. linux-x64), or null when unknown. */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String o = os.contains("linux") ? "linux" : os.contains("mac") ? "osx" : os.startsWith("windows") ? "win" : null;
        String a = arch.equals("amd64") || arch.equals("x86_64") ? "x64"
                : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : null;
        return o == null || a == null ? null : o + "-" + a;
    }
}
