package dev.loupe.server;

import io.javalin.http.Context;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /api/search}. At most a few searches run at once (each uses the model and scans candidates); the
 * rest wait their turn, and give up with 503 after a while rather than pile up.
 */
final class SearchApi {
    private final Json json;
    private final SearchParser parser;
    private final SearchService service;
    private final Semaphore running;

    SearchApi(Json json, SearchParser parser, SearchService service, int concurrency) {
        this.json = json;
        this.parser = parser;
        this.service = service;
        this.running = new Semaphore(concurrency, true);
    }

    void search(Context ctx) throws InterruptedException {
        SearchRequest request = json.read(Bodies.json(ctx, "search request"), SearchRequest.class, "search request");
        SearchParser.Parsed parsed = parser.parse(request);
        if (!running.tryAcquire(30, TimeUnit.SECONDS)) {
            throw new ApiException(503, "the server is busy with other searches; try again in a moment");
        }
        try {
            ctx.contentType("application/json").result(json.write(service.search(parsed)));
        } finally {
            running.release();
        }
    }
}
