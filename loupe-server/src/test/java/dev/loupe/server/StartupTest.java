package dev.loupe.server;

import dev.loupe.engine.Loupe;
import dev.loupe.engine.SessionOptions;
import dev.loupe.index.LuceneBackend;
import dev.loupe.models.image.ImageDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Starting and not starting: the upload folders of servers that died are removed by the next one (and only those),
 * a server that cannot listen says why and leaves no upload folder behind.
 */
class StartupTest {
    @TempDir
    Path tmp;

    @Test
    void theUploadFoldersOfDeadServersAreRemovedAndOthersKept() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        assertTrue(gone.waitFor(10, TimeUnit.SECONDS));
        Path dead = folder("loupe-uploads-dead", Long.toString(gone.pid()));
        Path alive = folder("loupe-uploads-alive", Long.toString(ProcessHandle.current().pid()));
        Path legacyOld = folder("loupe-uploads-legacy-old", null);
        Files.setLastModifiedTime(legacyOld, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Path legacyNew = folder("loupe-uploads-legacy-new", null);
        Path unrelated = Files.createDirectories(tmp.resolve("photos"));

        try (UploadStore store = new UploadStore(tmp, 4, Duration.ofHours(1), Clock.systemUTC())) {
            assertFalse(Files.exists(dead), "the folder of a process that is gone");
            assertFalse(Files.exists(legacyOld), "an old folder of an older Loupe");
            assertTrue(Files.exists(alive.resolve("u1.jpg")), "a running server's uploads");
            assertTrue(Files.exists(legacyNew), "a recent folder of an older Loupe may still be in use");
            assertTrue(Files.exists(unrelated));
            assertEquals(Long.toString(ProcessHandle.current().pid()),
                    Files.readString(store.dir().resolve(StaleUploads.OWNER)));
        }
    }

    private Path folder(String name, String pid) throws Exception {
        Path d = Files.createDirectories(tmp.resolve(name));
        Files.write(d.resolve("u1.jpg"), new byte[]{1, 2, 3});
        if (pid != null) {
            Files.writeString(d.resolve(StaleUploads.OWNER), pid);
        }
        return d;
    }

    @Test
    void aPortInUseIsExplainedAndLeavesNoUploadFolder() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Path> before = ourUploadFolders();
            IllegalStateException e = startFails(ServerConfig.local(taken.getLocalPort()));
            assertTrue(e.getMessage().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()), e.getMessage());
            assertTrue(e.getMessage().contains("another program listens on port"), e.getMessage());
            assertEquals(before, ourUploadFolders(), "no upload folder left behind");
        }
    }

    @Test
    void anAddressOfAnotherMachineIsExplainedNotCalledAPortInUse() throws Exception {
        ServerConfig config = new ServerConfig("192.0.2.1", 0, "a-long-enough-token", List.of(),
                ServerConfig.DEFAULT_MAX_UPLOAD_BYTES, 4, Duration.ofHours(1), 100, false);
        IllegalStateException e = startFails(config);
        assertTrue(e.getMessage().contains("192.0.2.1 is not an address of this machine"), e.getMessage());
        assertFalse(e.getMessage().toLowerCase().contains("already in use"), e.getMessage());
    }

    private IllegalStateException startFails(ServerConfig config) throws Exception {
        Loupe loupe = Loupe.open(Fixtures.model(), new LuceneBackend(tmp.resolve("index")), SessionOptions.Access.WRITE,
                new ImageDecoder());
        try {
            return assertThrows(IllegalStateException.class,
                    () -> LoupeServer.start(loupe, "test", config, Fixtures.INDEXING).close());
        } finally {
            loupe.index().close(); // not the model: the tests share it
        }
    }

    /** Upload folders in the temp folder that this process owns. */
    private static List<Path> ourUploadFolders() throws Exception {
        String me = Long.toString(ProcessHandle.current().pid());
        try (Stream<Path> all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return all.filter(p -> p.getFileName().toString().startsWith(StaleUploads.PREFIX))
                    .filter(p -> {
                        try {
                            return me.equals(Files.readString(p.resolve(StaleUploads.OWNER)).strip());
                        } catch (Exception e) {
                            return false;
                        }
                    }).sorted().toList();
        }
    }
}
