package dev.loupe.models.store;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * An {@link HttpClient} built on its first use. Building one loads the TLS stack and starts a selector thread —
 * about 0.3 s of CPU — and a run that finds its models installed never downloads, so a one-shot query should not
 * pay for it (docs/performance.md, cold start). Written by hand because the JDK has no lazy client and every
 * method is plain delegation.
 */
final class LazyHttpClient extends HttpClient {
    private final Supplier<HttpClient> factory;
    private HttpClient client;

    LazyHttpClient(Supplier<HttpClient> factory) {
        this.factory = factory;
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = factory.get();
        }
        return client;
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return client().cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return client().connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return client().followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return client().proxy();
    }

    @Override
    public SSLContext sslContext() {
        return client().sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return client().sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return client().authenticator();
    }

    @Override
    public Version version() {
        return client().version();
    }

    @Override
    public Optional<Executor> executor() {
        return client().executor();
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return client().send(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return client().sendAsync(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> push) {
        return client().sendAsync(request, handler, push);
    }

    /** Closes the client if it was ever built; an unused one has nothing to close. */
    @Override
    public void close() {
        HttpClient built;
        synchronized (this) {
            built = client;
        }
        if (built != null) {
            built.close();
        }
    }
}
