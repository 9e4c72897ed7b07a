package dev.loupe.models.store;

import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LazyHttpClientTest {

    @Test
    void theClientIsBuiltOnFirstUseOnceAndAnUnusedOneIsNeverBuilt() {
        AtomicInteger built = new AtomicInteger();
        LazyHttpClient lazy = new LazyHttpClient(() -> {
            built.incrementAndGet();
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        });
        assertEquals(0, built.get(), "nothing built by the constructor");
        assertEquals(HttpClient.Version.HTTP_1_1, lazy.version());
        assertEquals(HttpClient.Redirect.NEVER, lazy.followRedirects());
        assertEquals(1, built.get(), "built once, then reused");
        lazy.close();

        AtomicInteger unused = new AtomicInteger();
        new LazyHttpClient(() -> {
            unused.incrementAndGet();
            return HttpClient.newHttpClient();
        }).close();
        assertEquals(0, unused.get(), "closing an unused client builds nothing");
    }

    @Test
    void theDefaultClientFollowsRedirects() {
        assertEquals(HttpClient.Redirect.NORMAL, ModelStore.defaultHttpClient().followRedirects());
    }
}
