package dev.loupe.server;

import dev.loupe.engine.IndexerOptions;
import dev.loupe.engine.Loupe;
import dev.loupe.engine.SessionOptions;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A server the way {@code loupe serve --index DIR --port 0 --threads N} starts one (a session over the index, the
 * default server config), as a process of its own for {@link ServerProcess}. Arguments: {@code DIR N}.
 */
public final class ServeMain {
    private ServeMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SessionOptions session = SessionOptions.fromEnvironment(System.getenv()).withIndexDir(Path.of(args[0]))
                .withAccess(SessionOptions.Access.WRITE).withThreads(Integer.parseInt(args[1]));
        Loupe loupe = Loupe.open(session);
        IndexerOptions d = IndexerOptions.defaults();
        LoupeServer server = LoupeServer.start(loupe, session.indexBackend().describe(), ServerConfig.local(0),
                new IndexerOptions(session.threads(), d.batchSize(), d.commitEvery(), d.commitAfter()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } finally {
                loupe.close();
                stopped.countDown();
            }
        }, "serve-stop"));
        System.out.println("loupe: serving " + args[0] + " at " + server.url());
        System.out.flush();
        stopped.await();
    }
}
