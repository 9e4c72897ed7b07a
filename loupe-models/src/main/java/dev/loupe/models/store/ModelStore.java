package dev.loupe.models.store;

import dev.loupe.models.store.ModelStoreException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

/**
 * The local cache of model files, by default {@code $LOUPE_HOME/models} or {@code ~/.loupe/models}.
 *
 * <p>{@link #install} returns a verified file: a cached copy whose SHA-256 matches (checked once, then remembered
 * with its size and modification time in a {@code .verified} sidecar), or a fresh copy obtained from the
 * {@code LOUPE_MODEL_MIRROR} (a directory, or an http/https/file URL holding the same file names) or else from the
 * descriptor's upstream URL. Downloads go to {@code <name>.part}, resume with HTTP Range, are verified, and only
 * then move atomically into place, so a half-written or corrupt file is never used; a file that fails verification
 * is kept as {@code <name>.bad}. {@link #derive} stores files computed from installed ones (e.g. an edited model)
 * and recomputes them when their source changes.
 *
 * <p>Environment variables are read through the function given to the constructor. Thread-safe: threads
 * installing or deriving the same file through one store wait for each other. Two processes installing the same
 * file at the same moment are not coordinated; at worst one download fails its verification (run it again).
 */
public final class ModelStore {
    public static final String HOME_ENV = "LOUPE_HOME";
    public static final String MIRROR_ENV = "LOUPE_MODEL_MIRROR";
    static final List<String> RESERVED_SUFFIXES = List.of(".part", ".bad", Sidecar.SUFFIX, ".tmp");
    private static final Logger LOG = LoggerFactory.getLogger(ModelStore.class);
    private static final int ATTEMPTS = 3;

    private final Path root;
    private final Function<String, String> env;
    private final Downloader downloader;
    private final ToLongFunction<Path> usableSpace;
    private final ConcurrentMap<String, Object> locks = new ConcurrentHashMap<>();

    /**
     * @param root cache directory (created on first install)
     * @param env  looks up environment variables ({@code System::getenv} in production); only
     *             {@value #MIRROR_ENV} is read here
     * @param http client for downloads, see {@link #defaultHttpClient()}
     */
    public ModelStore(Path root, Function<String, String> env, HttpClient http) {
        this(root, env, http, ModelStore::usableSpace);
    }

    ModelStore(Path root, Function<String, String> env, HttpClient http, ToLongFunction<Path> usableSpace) {
        this.root = root.toAbsolutePath().normalize();
        this.env = env;
        this.downloader = new Downloader(http, ATTEMPTS);
        this.usableSpace = usableSpace;
    }

    /** The store at {@code $LOUPE_HOME/models} if LOUPE_HOME is set, else {@code <userHome>/.loupe/models}. */
    public static ModelStore fromEnvironment(Function<String, String> env, Path userHome, HttpClient http) {
        return new ModelStore(defaultRoot(env, userHome), env, http);
    }

    /** The store for this process: real environment, {@code user.home}, {@link #defaultHttpClient()}. */
    public static ModelStore forCurrentUser() {
        return fromEnvironment(System::getenv, Path.of(System.getProperty("user.home")), defaultHttpClient());
    }

    static Path defaultRoot(Function<String, String> env, Path userHome) {
        String home = env.apply(HOME_ENV);
        return home != null && !home.isBlank() ? Path.of(home).resolve("models")
                : userHome.resolve(".loupe").resolve("models");
    }

    /**
     * An HTTP/1.1 client that follows redirects (GitHub serves raw files through redirects), built on its first
     * request: most runs find their files installed and download nothing.
     */
    public static HttpClient defaultHttpClient() {
        return new LazyHttpClient(() -> HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(20)).build());
    }

    public Path root() {
        return root;
    }

    /** Where a file of this name lives in the cache (whether or not it is there). */
    public Path path(String name) {
        return root.resolve(ModelFile.checkName(name));
    }

    /**
     * Returns the verified cached file, fetching it first if it is missing or corrupt.
     *
     * @throws ModelStoreException with a message saying what to do (not found, checksum mismatch, no network,
     *                             disk full, mirror directory without the file, transfer failures)
     */
    public Path install(ModelFile file, ProgressListener progress) throws IOException {
        synchronized (lock(file.name())) {
            return installLocked(file, progress);
        }
    }

    private Path installLocked(ModelFile file, ProgressListener progress) throws IOException {
        Path target = path(file.name());
        Files.createDirectories(target.getParent());
        if (Files.exists(target) && !Files.isReadable(target)) {
            throw new IllegalStateException("cannot read the model file " + target + ": it belongs to "
                    + owner(target) + " and this user may not read it; use a LOUPE_HOME of your own (e.g. "
                    + "LOUPE_HOME=$HOME/.loupe) or make the file readable");
        }
        if (Files.exists(target)) {
            if (intact(target, file)) {
                return target;
            }
            Path bad = quarantine(target);
            LOG.warn("cached {} does not have sha256 {}; kept it as {} and fetching it again", target,
                    file.sha256(), bad);
        }
        Path part = sibling(target, ".part");
        boolean resumed = fetch(file, part, progress);
        String actual = Sha256.of(part);
        if (!actual.equals(file.sha256()) && resumed) {
            LOG.warn("resumed download of {} does not verify; downloading it again from the start", file.name());
            Files.delete(part);
            fetch(file, part, progress);
            actual = Sha256.of(part);
        }
        if (!actual.equals(file.sha256())) {
            Path bad = quarantine(part);
            throw new ModelStoreException(Kind.CHECKSUM_MISMATCH, "checksum mismatch for " + file.name() + " from "
                    + FileSource.of(file, env) + ": expected sha256 " + file.sha256() + " but got " + actual
                    + "; the file is kept as " + bad + " — delete it and check your mirror (" + MIRROR_ENV + ") "
                    + "or the descriptor");
        }
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        record(Sidecar.of(target, actual, "", ""), target);
        return target;
    }

    /**
     * Returns {@code name}, a file computed from {@code source} by {@code transform} and stored in the cache,
     * recomputing it when it is missing, was modified, or the source's content changed.
     */
    public Path derive(String name, Path source, Transform transform) throws IOException {
        return derive(name, source, "", transform);
    }

    /**
     * Like {@link #derive(String, Path, Transform)}; a different {@code recipe} (e.g. "exposePooled(627) v1")
     * also forces recomputation, for when the transform itself changes.
     */
    public Path derive(String name, Path source, String recipe, Transform transform) throws IOException {
        synchronized (lock(name)) {
            return deriveLocked(name, source, recipe, transform);
        }
    }

    private Path deriveLocked(String name, Path source, String recipe, Transform transform) throws IOException {
        Path target = path(name);
        if (target.equals(source.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("derived file " + name + " cannot be its own source");
        }
        String sourceSha = knownSha256(source);
        Optional<Sidecar> record = Sidecar.read(target);
        if (record.isPresent() && record.get().sourceSha256().equals(sourceSha)
                && record.get().recipe().equals(recipe) && record.get().describes(target)) {
            return target;
        }
        Files.createDirectories(target.getParent());
        if (!Files.isWritable(target.getParent())) {
            // another user's LOUPE_HOME (or a read-only one): derive it for this run only
            Path own = Files.createTempDirectory("loupe-derived-");
            own.toFile().deleteOnExit();
            Path copy = own.resolve(target.getFileName().toString());
            transform.apply(source, copy);
            copy.toFile().deleteOnExit();
            LOG.warn("{} is not writable for this user, so {} is derived again on each start (in {}); use a "
                    + "LOUPE_HOME of your own to keep it", target.getParent(), name, own);
            return copy;
        }
        Path part = sibling(target, ".part");
        Files.deleteIfExists(part);
        try {
            transform.apply(source, part);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            if (e instanceof IOException io && isDiskFull(io)) {
                throw writeFailure(io, part, -1);
            }
            throw new ModelStoreException(Kind.TRANSFORM_FAILED, "could not derive " + name + " from " + source
                    + ": " + e.getMessage() + "; reinstall the source file (remove " + source.getFileName()
                    + ") and try again", e);
        }
        if (!Files.isRegularFile(part)) {
            throw new ModelStoreException(Kind.TRANSFORM_FAILED, "the transform deriving " + name + " from "
                    + source + " wrote no file");
        }
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        record(Sidecar.of(target, Sha256.of(target), sourceSha, recipe), target);
        return target;
    }

    /** Re-hashes a cached file and compares it with the hash recorded when it was installed or derived. */
    public Verification verify(String name) throws IOException {
        Path file = existing(name);
        String expected = Sidecar.read(file).map(Sidecar::sha256).orElse("");
        return verify(file, expected);
    }

    /** Re-hashes a cached file and compares it with the descriptor's hash. */
    public Verification verify(ModelFile file) throws IOException {
        return verify(existing(file.name()), file.sha256());
    }

    private Verification verify(Path file, String expected) throws IOException {
        String actual = Sha256.of(file);
        if (!expected.isEmpty() && expected.equals(actual)) {
            Optional<Sidecar> old = Sidecar.read(file);
            record(Sidecar.of(file, actual, old.map(Sidecar::sourceSha256).orElse(""),
                    old.map(Sidecar::recipe).orElse("")), file);
        }
        return new Verification(file.getFileName().toString(), file, expected, actual);
    }

    /** Deletes a cached file with its sidecar and any leftover .part/.bad; returns whether the file existed. */
    public boolean remove(String name) throws IOException {
        Path file = path(name);
        Sidecar.delete(file);
        Files.deleteIfExists(sibling(file, ".part"));
        Files.deleteIfExists(sibling(file, ".bad"));
        return Files.deleteIfExists(file);
    }

    /** The files in the cache (not partial downloads, quarantined files or sidecars), sorted by name. */
    public List<CachedModel> list() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<CachedModel> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(root)) {
            for (Path p : files.sorted().toList()) {
                String n = p.getFileName().toString();
                if (!Files.isRegularFile(p) || n.startsWith(".") || RESERVED_SUFFIXES.stream().anyMatch(n::endsWith)) {
                    continue;
                }
                Optional<Sidecar> s = Sidecar.read(p);
                out.add(new CachedModel(n, p, Files.size(p), s.map(Sidecar::sha256).filter(x -> !x.isEmpty()),
                        s.map(Sidecar::sourceSha256).filter(x -> !x.isEmpty())));
            }
        }
        return out;
    }

    // ---- internals ----

    private boolean intact(Path target, ModelFile file) throws IOException {
        if (file.size() >= 0 && Files.size(target) != file.size()) {
            return false;
        }
        Optional<Sidecar> record = Sidecar.read(target);
        if (record.isPresent() && record.get().sha256().equals(file.sha256()) && record.get().describes(target)) {
            return true;
        }
        String actual = Sha256.of(target);
        if (actual.equals(file.sha256())) {
            record(Sidecar.of(target, actual, "", ""), target);
            return true;
        }
        return false;
    }

    private static String owner(Path file) {
        try {
            return "user " + Files.getOwner(file).getName();
        } catch (IOException | UnsupportedOperationException e) {
            return "another user";
        }
    }

    /**
     * Writes a sidecar, which only saves hashing the file again next time: a cache folder this user cannot write
     * (another user's LOUPE_HOME) means hashing again, not failing.
     */
    private static void record(Sidecar sidecar, Path file) {
        try {
            sidecar.write(file);
        } catch (IOException e) {
            LOG.debug("cannot record the hash of {}; it is hashed again next time", file, e);
        }
    }

    /** The hash of a file, from its sidecar when that still describes it, else by hashing it. */
    private static String knownSha256(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "source of a derived file is missing; install it");
        }
        Optional<Sidecar> record = Sidecar.read(file);
        return record.isPresent() && record.get().describes(file) && !record.get().sha256().isEmpty()
                ? record.get().sha256() : Sha256.of(file);
    }

    /** Puts the file's bytes into {@code part}; returns whether they came from more than one transfer. */
    private boolean fetch(ModelFile file, Path part, ProgressListener progress) throws IOException {
        FileSource source = FileSource.of(file, env);
        if (source.path().isPresent()) {
            Path from = source.path().get();
            if (!Files.isRegularFile(from)) {
                if (source.mirrorDirectory()) {
                    throw new ModelStoreException(Kind.MIRROR_MISSING, "mirror directory " + from.getParent()
                            + " (" + source.origin() + ") has no file " + file.name() + "; copy " + file.name()
                            + " there (upstream: " + file.upstream() + ") or unset " + MIRROR_ENV
                            + " to download it");
                }
                throw new ModelStoreException(Kind.NOT_FOUND, file.name() + " not found at " + from
                        + "; check " + MIRROR_ENV + " or the descriptor");
            }
            requireSpace(file, 0);
            downloader.copy(from, part, file, progress);
            return false;
        }
        requireSpace(file, Files.exists(part) ? Files.size(part) : 0);
        return downloader.download(source.uri().orElseThrow(), part, file, source.origin(), progress);
    }

    private void requireSpace(ModelFile file, long alreadyThere) throws ModelStoreException {
        if (file.size() < 0) {
            return;
        }
        long needed = file.size() - alreadyThere;
        long free = usableSpace.applyAsLong(root);
        if (free >= 0 && free < needed) {
            throw new ModelStoreException(Kind.DISK_FULL, "No space left for " + file.name() + " in " + root
                    + ": it needs " + megabytes(needed) + " and only " + megabytes(free) + " are free; free some"
                    + " space or set " + HOME_ENV + " to a directory on a larger disk");
        }
    }

    static IOException writeFailure(IOException e, Path file, long expectedSize) {
        if (isDiskFull(e)) {
            return new ModelStoreException(Kind.DISK_FULL, "No space left on device while writing " + file
                    + (expectedSize >= 0 ? " (" + megabytes(expectedSize) + " needed)" : "") + "; free some space"
                    + " or set " + HOME_ENV + " to a directory on a larger disk", e);
        }
        if (e instanceof AccessDeniedException) {
            return new ModelStoreException(Kind.TRANSFER_FAILED, "cannot write " + file + ": permission denied;"
                    + " set " + HOME_ENV + " to a writable directory", e);
        }
        return e;
    }

    private static boolean isDiskFull(IOException e) {
        return e.getMessage() != null && e.getMessage().contains("No space left");
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static long usableSpace(Path dir) {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    private Path existing(String name) throws NoSuchFileException {
        Path file = path(name);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "not in the model cache; install it first");
        }
        return file;
    }

    private static Path quarantine(Path file) throws IOException {
        String n = file.getFileName().toString();
        String base = n.endsWith(".part") ? n.substring(0, n.length() - ".part".length()) : n;
        Path bad = file.resolveSibling(base + ".bad");
        Files.move(file, bad, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Sidecar.delete(file);
        return bad;
    }

    private Object lock(String name) {
        return locks.computeIfAbsent(name, n -> new Object());
    }

    private static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }
}
