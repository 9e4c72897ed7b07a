package dev.loupe.models.store;

import dev.loupe.models.store.ModelStoreException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches one file into a {@code .part} file: over HTTP(S) with resumption (HTTP Range) after a broken transfer or
 * from a {@code .part} left by an earlier run, or by copying from a local file. Verification is the caller's job.
 */
final class Downloader {
    private static final Logger LOG = LoggerFactory.getLogger(Downloader.class);
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final int CHUNK = 1 << 16;

    private final HttpClient http;
    private final int maxAttempts;

    Downloader(HttpClient http, int maxAttempts) {
        this.http = http;
        this.maxAttempts = maxAttempts;
    }

    /**
     * Downloads {@code uri} into {@code part}, continuing an existing {@code part} where the server allows it.
     *
     * @param origin says where the URL came from, for messages ("upstream", "LOUPE_MODEL_MIRROR=...")
     * @return whether the result was assembled from more than one transfer (a resumed download)
     */
    boolean download(URI uri, Path part, ModelFile file, String origin, ProgressListener progress) throws IOException {
        boolean resumed = false;
        IOException lastFailure = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            long have = Files.exists(part) ? Files.size(part) : 0;
            if (file.size() >= 0 && have > file.size()) {
                Files.delete(part);
                have = 0;
            }
            if (file.size() >= 0 && have == file.size()) {
                return resumed || attempt > 1 || have > 0;
            }
            resumed |= have > 0;
            try {
                transfer(uri, part, file, have, origin, progress);
                return resumed;
            } catch (ModelStoreException e) {
                throw e;
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                lastFailure = e;
                LOG.warn("download of {} from {} broke off ({}); attempt {} of {}", file.name(), uri, e.toString(),
                        attempt, maxAttempts);
            }
        }
        long have = Files.exists(part) ? Files.size(part) : 0;
        throw new ModelStoreException(Kind.TRANSFER_FAILED, "download of " + file.name() + " from " + uri
                + " broke off " + maxAttempts + " times (last: " + lastFailure + "); " + have
                + " bytes are kept in " + part + " and the next install resumes from there", lastFailure);
    }

    private void transfer(URI uri, Path part, ModelFile file, long have, String origin, ProgressListener progress)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2)).GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response = send(request.build(), file, origin);
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            long start;
            long total;
            if (status == 206) {
                Matcher m = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
                if (!m.matches() || Long.parseLong(m.group(1)) != have) {
                    Files.deleteIfExists(part);
                    throw new IOException("server answered the range request from byte " + have
                            + " with Content-Range '" + response.headers().firstValue("Content-Range").orElse("")
                            + "'; starting over");
                }
                start = have;
                total = m.group(3).equals("*") ? file.size() : Long.parseLong(m.group(3));
            } else if (status == 200) {
                start = 0;
                long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                total = length >= 0 ? length : file.size();
            } else if (status == 416) {
                Files.deleteIfExists(part);
                throw new IOException("server refused to resume " + file.name() + " from byte " + have
                        + " (HTTP 416); starting over");
            } else if (status == 404 || status == 410) {
                throw new ModelStoreException(Kind.NOT_FOUND, file.name() + " not found at " + uri + " (HTTP "
                        + status + ", " + origin + "); check LOUPE_MODEL_MIRROR or the descriptor");
            } else {
                throw new ModelStoreException(Kind.TRANSFER_FAILED, "HTTP " + status + " from " + uri
                        + " while downloading " + file.name() + " (" + origin
                        + "); try again later, or set LOUPE_MODEL_MIRROR to a directory holding " + file.name());
            }
            copy(body, part, start > 0, start, total, file, progress);
        }
    }

    private HttpResponse<InputStream> send(HttpRequest request, ModelFile file, String origin) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while connecting to " + request.uri());
        } catch (IOException e) {
            Optional<Throwable> offline = networkCause(e);
            if (offline.isPresent()) {
                throw new ModelStoreException(Kind.NO_NETWORK, "no network: cannot reach " + request.uri().getHost()
                        + " to download " + file.name() + " from " + request.uri() + " (" + origin + ": "
                        + offline.get() + "); set LOUPE_MODEL_MIRROR to a directory holding " + file.name()
                        + ", e.g. LOUPE_MODEL_MIRROR=../shared/models", e);
            }
            throw e;
        }
    }

    private static Optional<Throwable> networkCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException
                    || t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof HttpConnectTimeoutException) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Copies a local file (a mirror directory's copy) into {@code part}. */
    void copy(Path source, Path part, ModelFile file, ProgressListener progress) throws IOException {
        try (InputStream in = Files.newInputStream(source)) {
            copy(in, part, false, 0, Files.size(source), file, progress);
        }
    }

    private static void copy(InputStream in, Path part, boolean append, long start, long total, ModelFile file,
                             ProgressListener progress) throws IOException {
        long limit = file.size() >= 0 ? file.size() + 1 : Long.MAX_VALUE;   // enough to notice an oversized file
        StandardOpenOption mode = append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
        long done = start;
        progress.onProgress(file.name(), done, total);
        try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                mode)) {
            byte[] buffer = new byte[CHUNK];
            for (int n = in.read(buffer); n >= 0 && done < limit; n = in.read(buffer)) {
                write(out, buffer, n, part, file);
                done += n;
                progress.onProgress(file.name(), done, total);
            }
        }
        if (total >= 0 && done < total) {
            throw new IOException("connection closed after " + done + " of " + total + " bytes of " + file.name());
        }
    }

    private static void write(OutputStream out, byte[] buffer, int n, Path part, ModelFile file) throws IOException {
        try {
            out.write(buffer, 0, n);
        } catch (IOException e) {
            throw ModelStore.writeFailure(e, part, file.size());
        }
    }
}
