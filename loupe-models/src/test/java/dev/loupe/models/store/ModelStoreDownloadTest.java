package dev.loupe.models.store;

import dev.loupe.models.store.ModelStoreException.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.loupe.models.store.StoreFixtures.descriptor;
import static dev.loupe.models.store.StoreFixtures.randomBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Installing over HTTP from a loopback server: plain, resumed, failing. */
class ModelStoreDownloadTest {
    private static final byte[] CONTENT = randomBytes(300_000, 1);

    @TempDir
    Path root;
    private final TestFileServer server = new TestFileServer();
    private final ModelFile file = descriptor("weights.onnx", CONTENT, server.uri("/files/weights.onnx"));

    ModelStoreDownloadTest() throws IOException {
        server.put("/files/weights.onnx", CONTENT);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ModelStore store() {
        return new ModelStore(root, Map.<String, String>of()::get, ModelStore.defaultHttpClient());
    }

    @Test
    void downloadsVerifiesAndThenUsesTheCache() throws IOException {
        StoreFixtures.Progress progress = new StoreFixtures.Progress();
        Path installed = store().install(file, progress);

        assertEquals(root.resolve("weights.onnx"), installed);
        assertArrayEquals(CONTENT, Files.readAllBytes(installed));
        assertArrayEquals(new long[]{CONTENT.length, CONTENT.length}, progress.last());
        assertFalse(Files.exists(root.resolve("weights.onnx.part")));
        assertTrue(Files.exists(root.resolve("weights.onnx.verified")));

        assertEquals(installed, store().install(file, ProgressListener.NONE));
        assertEquals(List.of("/files/weights.onnx -"), server.requests(), "second install must not download");
    }

    @Test
    void concurrentInstallsOfOneFileDownloadItOnce() throws Exception {
        ModelStore store = store();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Path> install = () -> store.install(file, ProgressListener.NONE);
            for (Future<Path> f : pool.invokeAll(List.of(install, install))) {
                assertArrayEquals(CONTENT, Files.readAllBytes(f.get()));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of("/files/weights.onnx -"), server.requests());
    }

    @Test
    void resumesAfterTheConnectionIsCutHalfway() throws IOException {
        server.cutNext(1);
        StoreFixtures.Progress progress = new StoreFixtures.Progress();
        Path installed = store().install(file, progress);

        assertArrayEquals(CONTENT, Files.readAllBytes(installed));
        List<String> requests = server.requests();
        assertEquals(2, requests.size(), requests.toString());
        assertEquals("/files/weights.onnx -", requests.get(0));
        long resumedAt = Long.parseLong(requests.get(1).replaceAll(".*bytes=(\\d+)-$", "$1"));
        assertTrue(resumedAt > 0 && resumedAt <= CONTENT.length / 2, requests.toString());
        assertTrue(progress.calls.stream().anyMatch(c -> c[0] == resumedAt), "progress restarts at the part size");
        assertArrayEquals(new long[]{CONTENT.length, CONTENT.length}, progress.last());
    }

    @Test
    void resumesAPartLeftByAnEarlierRun() throws IOException {
        Files.write(root.resolve("weights.onnx.part"), Arrays.copyOf(CONTENT, 123_456));
        Path installed = store().install(file, ProgressListener.NONE);
        assertArrayEquals(CONTENT, Files.readAllBytes(installed));
        assertEquals(List.of("/files/weights.onnx bytes=123456-"), server.requests());
    }

    @Test
    void startsOverWhenTheServerIgnoresRange() throws IOException {
        Files.write(root.resolve("weights.onnx.part"), Arrays.copyOf(CONTENT, 1000));
        server.honourRange(false);
        assertArrayEquals(CONTENT, Files.readAllBytes(store().install(file, ProgressListener.NONE)));
    }

    @Test
    void startsOverWhenAResumedPartDoesNotVerify() throws IOException {
        byte[] stale = randomBytes(5000, 99);    // a .part of some other file
        Files.write(root.resolve("weights.onnx.part"), stale);
        assertArrayEquals(CONTENT, Files.readAllBytes(store().install(file, ProgressListener.NONE)));
        assertEquals(List.of("/files/weights.onnx bytes=5000-", "/files/weights.onnx -"), server.requests());
    }

    @Test
    void giveUpAfterRepeatedCutsKeepsThePartForNextTime() throws IOException {
        server.cutNext(3);
        ModelStoreException e = assertThrows(ModelStoreException.class, () -> store().install(file, ProgressListener.NONE));
        assertEquals(Kind.TRANSFER_FAILED, e.kind());
        assertTrue(e.getMessage().contains("resumes"), e.getMessage());
        assertFalse(Files.exists(root.resolve("weights.onnx")));
        assertTrue(Files.size(root.resolve("weights.onnx.part")) > 0);
        assertArrayEquals(CONTENT, Files.readAllBytes(store().install(file, ProgressListener.NONE)));
    }

    @Test
    void reportsNotFound() {
        ModelFile missing = descriptor("missing.onnx", CONTENT, server.uri("/files/missing.onnx"));
        ModelStoreException e = assertThrows(ModelStoreException.class,
                () -> store().install(missing, ProgressListener.NONE));
        assertEquals(Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains("missing.onnx not found at " + server.uri("/files/missing.onnx")),
                e.getMessage());
        assertTrue(e.getMessage().contains("check LOUPE_MODEL_MIRROR or the descriptor"), e.getMessage());
    }

    @Test
    void checksumMismatchKeepsTheDownloadAsBad() throws IOException {
        byte[] other = randomBytes(CONTENT.length, 2);
        ModelFile wrong = new ModelFile("weights.onnx", server.uri("/files/weights.onnx"),
                StoreFixtures.sha256(other), -1, "test-only");
        ModelStoreException e = assertThrows(ModelStoreException.class,
                () -> store().install(wrong, ProgressListener.NONE));
        assertEquals(Kind.CHECKSUM_MISMATCH, e.kind());
        assertTrue(e.getMessage().contains("expected sha256 " + StoreFixtures.sha256(other)), e.getMessage());
        assertTrue(e.getMessage().contains("got " + StoreFixtures.sha256(CONTENT)), e.getMessage());
        assertTrue(e.getMessage().contains("delete it and check your mirror"), e.getMessage());
        assertFalse(Files.exists(root.resolve("weights.onnx")), "an unverified file is never put in place");
        assertArrayEquals(CONTENT, Files.readAllBytes(root.resolve("weights.onnx.bad")));
    }

    @Test
    void reportsNoNetworkWithTheMirrorHint() throws IOException {
        ModelFile unreachable = descriptor("weights.onnx", CONTENT, StoreFixtures.deadUrl("/weights.onnx"));
        ModelStoreException e = assertThrows(ModelStoreException.class,
                () -> store().install(unreachable, ProgressListener.NONE));
        assertEquals(Kind.NO_NETWORK, e.kind());
        assertTrue(e.getMessage().startsWith("no network"), e.getMessage());
        assertTrue(e.getMessage().contains("set LOUPE_MODEL_MIRROR to a directory holding weights.onnx, "
                + "e.g. LOUPE_MODEL_MIRROR=../shared/models"), e.getMessage());
    }

    @Test
    void downloadsFromAnHttpMirror() throws IOException {
        server.put("/mirror/weights.onnx", CONTENT);
        ModelFile upstreamDead = descriptor("weights.onnx", CONTENT, StoreFixtures.deadUrl("/weights.onnx"));
        ModelStore viaMirror = new ModelStore(root, Map.of(ModelStore.MIRROR_ENV,
                server.uri("/mirror").toString())::get, ModelStore.defaultHttpClient());
        assertArrayEquals(CONTENT, Files.readAllBytes(viaMirror.install(upstreamDead, ProgressListener.NONE)));
        assertEquals(List.of("/mirror/weights.onnx -"), server.requests());
    }

    @Test
    void refusesToStartWhenTheDiskIsTooFull() {
        ModelStore tight = new ModelStore(root, Map.<String, String>of()::get, ModelStore.defaultHttpClient(),
                dir -> 10_000);
        ModelStoreException e = assertThrows(ModelStoreException.class,
                () -> tight.install(file, ProgressListener.NONE));
        assertEquals(Kind.DISK_FULL, e.kind());
        assertTrue(e.getMessage().startsWith("No space left for weights.onnx"), e.getMessage());
        assertTrue(e.getMessage().contains("LOUPE_HOME"), e.getMessage());
        assertEquals(List.of(), server.requests());
    }

    @Test
    void translatesTheOperatingSystemsDiskFullError() {
        IOException translated = ModelStore.writeFailure(new IOException("No space left on device"),
                root.resolve("x.part"), 5_000_000);
        assertEquals(Kind.DISK_FULL, ((ModelStoreException) translated).kind());
        assertTrue(translated.getMessage().contains("No space left on device while writing"), translated.getMessage());
        IOException other = new IOException("something else");
        assertEquals(other, ModelStore.writeFailure(other, root.resolve("x.part"), 1));
    }
}
