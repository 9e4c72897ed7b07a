package dev.loupe.models.store;

import dev.loupe.models.store.ModelStoreException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.loupe.models.store.StoreFixtures.descriptor;
import static dev.loupe.models.store.StoreFixtures.randomBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cache itself: mirror directories, corrupt files, derived files, listing. No network involved. */
class ModelStoreCacheTest {
    private static final byte[] CONTENT = randomBytes(50_000, 7);

    @TempDir
    Path tmp;

    private Path root() {
        return tmp.resolve("cache");
    }

    private Path mirrorWith(String name, byte[] content) throws IOException {
        Path mirror = Files.createDirectories(tmp.resolve("mirror"));
        Files.write(mirror.resolve(name), content);
        return mirror;
    }

    private ModelStore store(Map<String, String> env) {
        return new ModelStore(root(), env::get, ModelStore.defaultHttpClient());
    }

    private static ModelFile file() throws IOException {
        // Upstream is unreachable: every test here must be served by the mirror or the cache.
        return descriptor("model.onnx", CONTENT, StoreFixtures.deadUrl("/model.onnx"));
    }

    @Test
    void installsFromAMirrorDirectoryAndAFileUrl() throws IOException {
        Path mirror = mirrorWith("model.onnx", CONTENT);
        StoreFixtures.Progress progress = new StoreFixtures.Progress();
        Path installed = store(Map.of(ModelStore.MIRROR_ENV, mirror.toString())).install(file(), progress);
        assertArrayEquals(CONTENT, Files.readAllBytes(installed));
        assertArrayEquals(new long[]{CONTENT.length, CONTENT.length}, progress.last());

        ModelStore viaUrl = new ModelStore(tmp.resolve("other"), Map.of(ModelStore.MIRROR_ENV,
                mirror.toUri().toString())::get, ModelStore.defaultHttpClient());
        assertArrayEquals(CONTENT, Files.readAllBytes(viaUrl.install(file(), ProgressListener.NONE)));
    }

    @Test
    void aHashRecordThatCannotBeWrittenOnlyMeansHashingAgain() throws IOException {
        Path mirror = mirrorWith("model.onnx", CONTENT);
        ModelStore store = store(Map.of(ModelStore.MIRROR_ENV, mirror.toString()));
        Path installed = store.install(file(), ProgressListener.NONE);
        // as in a LOUPE_HOME another user wrote: the record is gone and a new one cannot be written
        Files.delete(Sidecar.pathFor(installed));
        Files.createDirectories(Sidecar.pathFor(installed).resolveSibling(Sidecar.pathFor(installed).getFileName() + ".tmp"));
        assertEquals(installed, store.install(file(), ProgressListener.NONE), "verified by hashing, not refused");
        assertFalse(Files.exists(Sidecar.pathFor(installed)));
    }

    @Test
    void explainsAMirrorDirectoryWithoutTheFile() throws IOException {
        Path mirror = mirrorWith("something-else.onnx", CONTENT);
        ModelStoreException e = assertThrows(ModelStoreException.class,
                () -> store(Map.of(ModelStore.MIRROR_ENV, mirror.toString())).install(file(), ProgressListener.NONE));
        assertEquals(Kind.MIRROR_MISSING, e.kind());
        assertTrue(e.getMessage().contains("mirror directory " + mirror + " (LOUPE_MODEL_MIRROR="), e.getMessage());
        assertTrue(e.getMessage().contains("has no file model.onnx"), e.getMessage());
    }

    @Test
    void refetchesACorruptCachedFile() throws IOException {
        Path mirror = mirrorWith("model.onnx", CONTENT);
        ModelStore store = store(Map.of(ModelStore.MIRROR_ENV, mirror.toString()));
        Path installed = store.install(file(), ProgressListener.NONE);

        byte[] corrupt = CONTENT.clone();
        corrupt[100] ^= 1;
        Files.write(installed, corrupt);   // same size, new mtime: the sidecar no longer vouches for it
        Files.setLastModifiedTime(installed, FileTime.fromMillis(Files.getLastModifiedTime(installed).toMillis() + 5000));
        assertEquals(installed, store.install(file(), ProgressListener.NONE));
        assertArrayEquals(CONTENT, Files.readAllBytes(installed));
        assertArrayEquals(corrupt, Files.readAllBytes(root().resolve("model.onnx.bad")));

        Files.write(installed, new byte[]{1, 2, 3});   // different size: caught before hashing
        assertArrayEquals(CONTENT, Files.readAllBytes(store.install(file(), ProgressListener.NONE)));
    }

    @Test
    void trustsTheSidecarUntilAskedToVerify() throws IOException {
        Path mirror = mirrorWith("model.onnx", CONTENT);
        ModelStore store = store(Map.of(ModelStore.MIRROR_ENV, mirror.toString()));
        Path installed = store.install(file(), ProgressListener.NONE);
        assertTrue(store.verify("model.onnx").ok());

        // Flip a byte but keep size and mtime: install trusts the sidecar (no re-hash), verify() finds it.
        FileTime mtime = Files.getLastModifiedTime(installed);
        byte[] corrupt = CONTENT.clone();
        corrupt[0] ^= 1;
        Files.write(installed, corrupt);
        Files.setLastModifiedTime(installed, mtime);
        Files.delete(mirror.resolve("model.onnx"));
        assertEquals(installed, store.install(file(), ProgressListener.NONE));

        Verification v = store.verify("model.onnx");
        assertFalse(v.ok());
        assertEquals(file().sha256(), v.expectedSha256());
        assertEquals(StoreFixtures.sha256(corrupt), v.actualSha256());
        assertTrue(v.toString().contains("CORRUPT"), v.toString());
        assertFalse(store.verify(file()).ok());
        assertThrows(NoSuchFileException.class, () -> store.verify("absent.onnx"));
    }

    @Test
    void derivesAndRecomputesWhenTheSourceChanges() throws IOException {
        Path mirror = mirrorWith("model.onnx", CONTENT);
        ModelStore store = store(Map.of(ModelStore.MIRROR_ENV, mirror.toString()));
        Path source = store.install(file(), ProgressListener.NONE);
        AtomicInteger runs = new AtomicInteger();
        Transform reverse = Transform.ofBytes(bytes -> {
            runs.incrementAndGet();
            byte[] out = new byte[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                out[i] = bytes[bytes.length - 1 - i];
            }
            return out;
        });

        Path derived = store.derive("model-reversed.onnx", source, reverse);
        assertEquals(root().resolve("model-reversed.onnx"), derived);
        assertEquals(CONTENT[CONTENT.length - 1], Files.readAllBytes(derived)[0]);
        assertEquals(derived, store.derive("model-reversed.onnx", source, reverse));
        assertEquals(1, runs.get(), "unchanged source: no recomputation");

        byte[] v2 = randomBytes(1000, 8);
        Files.write(source, v2);
        store.derive("model-reversed.onnx", source, reverse);
        assertEquals(2, runs.get(), "changed source: recomputed");
        assertEquals(v2[v2.length - 1], Files.readAllBytes(derived)[0]);

        store.derive("model-reversed.onnx", source, "v2 of the recipe", reverse);
        assertEquals(3, runs.get(), "changed recipe: recomputed");

        Files.write(derived, new byte[]{9});
        store.derive("model-reversed.onnx", source, "v2 of the recipe", reverse);
        assertEquals(4, runs.get(), "tampered derived file: recomputed");
        assertEquals(v2[v2.length - 1], Files.readAllBytes(derived)[0]);
        assertTrue(store.verify("model-reversed.onnx").ok());
    }

    @Test
    void aFailingTransformLeavesNothingBehind() throws IOException {
        Path source = Files.write(tmp.resolve("src.bin"), CONTENT);
        ModelStore store = store(Map.of());
        ModelStoreException e = assertThrows(ModelStoreException.class, () -> store.derive("out.bin", source,
                Transform.ofBytes(b -> {
                    throw new IllegalArgumentException("tensor '627' does not exist");
                })));
        assertEquals(Kind.TRANSFORM_FAILED, e.kind());
        assertTrue(e.getMessage().contains("could not derive out.bin") && e.getMessage().contains("'627'"),
                e.getMessage());
        assertEquals(List.of(), store.list());
    }

    @Test
    void listsAndRemoves() throws IOException {
        Path mirror = mirrorWith("model.onnx", CONTENT);
        ModelStore store = store(Map.of(ModelStore.MIRROR_ENV, mirror.toString()));
        assertEquals(List.of(), store.list());
        Path source = store.install(file(), ProgressListener.NONE);
        store.derive("copy.onnx", source, Files::copy);
        Files.write(root().resolve("leftover.onnx.part"), new byte[10]);

        List<CachedModel> listed = store.list();
        assertEquals(List.of("copy.onnx", "model.onnx"), listed.stream().map(CachedModel::name).toList());
        assertEquals(Optional.of(file().sha256()), listed.get(0).derivedFrom());
        assertEquals(Optional.of(file().sha256()), listed.get(1).sha256());
        assertEquals(CONTENT.length, listed.get(1).size());

        assertTrue(store.remove("model.onnx"));
        assertFalse(store.remove("model.onnx"));
        assertFalse(Files.exists(root().resolve("model.onnx.verified")));
        assertEquals(List.of("copy.onnx"), store.list().stream().map(CachedModel::name).toList());
    }

    @Test
    void findsItsRootFromTheEnvironment() {
        Path home = tmp.resolve("home");
        assertEquals(home.resolve(".loupe/models").toAbsolutePath(),
                ModelStore.fromEnvironment(Map.<String, String>of()::get, home, ModelStore.defaultHttpClient()).root());
        assertEquals(tmp.resolve("lh/models").toAbsolutePath(), ModelStore.fromEnvironment(
                Map.of(ModelStore.HOME_ENV, tmp.resolve("lh").toString())::get, home,
                ModelStore.defaultHttpClient()).root());
    }

    @Test
    void rejectsBadDescriptors() {
        URI up = URI.create("https://example.org/m.onnx");
        String sha = "a".repeat(64);
        assertThrows(IllegalArgumentException.class, () -> new ModelFile("../evil.onnx", up, sha, 1, ""));
        assertThrows(IllegalArgumentException.class, () -> new ModelFile("m.onnx.part", up, sha, 1, ""));
        assertThrows(IllegalArgumentException.class, () -> new ModelFile("m.onnx", up, "abc", 1, ""));
        assertEquals(sha, new ModelFile("m.onnx", up, sha.toUpperCase(), 1, null).sha256());
    }
}
