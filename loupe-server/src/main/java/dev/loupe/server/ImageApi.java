package dev.loupe.server;

import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.Tag;
import dev.loupe.engine.Loupe;
import dev.loupe.models.image.DecodedImage;
import dev.loupe.models.image.ImageDecodeException;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Images by id only: {@code POST /api/images} (upload a query image), {@code GET /api/images/{id}} (the file),
 * {@code GET /api/images/{id}/thumbnail}, {@code GET /api/tags/{id}}. An id is an indexed image's id or an
 * upload's; no route ever takes a file path from the client.
 */
final class ImageApi {
    static final int DEFAULT_TAGS = 10;
    static final int MAX_TAGS = 100;

    private final Loupe loupe;
    private final Json json;
    private final UploadStore uploads;
    private final ServedFiles files;
    private final Thumbnails thumbnails;
    private final Tagger tagger;
    private final long maxUploadBytes;
    private final UploadSlots slots;

    ImageApi(Loupe loupe, Json json, UploadStore uploads, ServedFiles files, Thumbnails thumbnails, Tagger tagger,
             long maxUploadBytes, UploadSlots slots) {
        this.slots = slots;
        this.loupe = loupe;
        this.json = json;
        this.uploads = uploads;
        this.files = files;
        this.thumbnails = thumbnails;
        this.tagger = tagger;
        this.maxUploadBytes = maxUploadBytes;
    }

    /**
     * {@code POST /api/images}: the body is the image's bytes, with its image Content-Type. The body is streamed to
     * the upload folder (at most the upload limit, whatever length the client declared), and only while one of the
     * few upload slots is free: otherwise 503 at once, before a byte of the body is read.
     */
    void upload(Context ctx) {
        String declared = ImageFormats.mediaType(ctx.header("Content-Type"));
        if (!ImageFormats.UPLOAD_TYPES.contains(declared)) {
            throw new ApiException(415, "upload the image's bytes as the request body with its type, e.g. "
                    + "'Content-Type: image/jpeg' (JPEG, PNG, GIF, BMP, TIFF or WebP); got '"
                    + ServedFiles.abbreviate(declared) + "'");
        }
        UploadStore.Upload u;
        try (UploadSlots.Slot slot = slots.acquire(ctx.req().getRemoteAddr());
             UploadStore.Incoming incoming = uploads.incoming()) {
            long size = Bodies.copy(ctx, incoming.out(), maxUploadBytes, "uploaded image");
            if (size == 0) {
                throw ApiException.badRequest("the uploaded image is empty; send the image's bytes as the request body");
            }
            byte[] bytes = incoming.bytes();
            String type = ImageFormats.sniff(bytes).orElseThrow(() -> new ApiException(415, "the uploaded bytes are "
                    + "not a JPEG, PNG, GIF, BMP, TIFF or WebP image (declared " + declared + "); upload an image file"));
            DecodedImage decoded;
            try {
                decoded = loupe.decoder().decode(bytes, "the uploaded image");
            } catch (ImageDecodeException e) {
                throw ApiException.badRequest(e.getMessage());
            }
            bytes = null; // the decoded pixels are all that is needed from here on
            ImageVectors vectors = loupe.model().encodeImage(decoded.image());
            byte[] thumbnail = Thumbnails.jpeg(decoded.image());
            u = uploads.put(incoming, type, decoded.width(), decoded.height(), vectors, thumbnail);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the upload: " + e.getMessage(), e);
        }
        ctx.status(201).contentType("application/json").result(json.write(new Views.UploadResponse(u.id(),
                u.contentType(), u.size(), u.width(), u.height(), u.expires().toString())));
    }

    /** {@code GET /api/images/{id}}: the original file (or uploaded bytes). */
    void original(Context ctx) throws IOException {
        String id = ctx.pathParam("id");
        if (UploadStore.looksLikeId(id)) {
            UploadStore.Upload u = upload(id);
            send(ctx, u.contentType(), Files.newInputStream(u.file()), u.size(), "upload" + extension(u.contentType()));
            return;
        }
        ImageRecord record = files.record(id);
        Path file = files.file(record);
        String type = sniff(file).orElseThrow(() -> new ApiException(404, "the file of image " + id
                + " is no longer an image; run an index run again"));
        send(ctx, type, Files.newInputStream(file), Files.size(file), file.getFileName().toString());
    }

    /** {@code GET /api/images/{id}/thumbnail}: a JPEG whose shorter side is 256 pixels. */
    void thumbnail(Context ctx) {
        String id = ctx.pathParam("id");
        byte[] jpeg;
        if (UploadStore.looksLikeId(id)) {
            jpeg = upload(id).thumbnail();
        } else {
            ImageRecord record = files.record(id);
            Path file = files.file(record);
            jpeg = thumbnails.get(id + ":" + record.contentHash(), () -> {
                try {
                    return loupe.decoder().decode(file).image();
                } catch (ImageDecodeException e) {
                    throw new ApiException(422, e.getMessage());
                }
            });
        }
        ctx.header("Cache-Control", "private, max-age=300");
        ctx.contentType("image/jpeg").result(jpeg);
    }

    /** {@code GET /api/tags/{id}?k=10}: zero-shot tags of an indexed image or an upload. */
    void tags(Context ctx) {
        String id = ctx.pathParam("id");
        int k = DEFAULT_TAGS;
        String kParam = ctx.queryParam("k");
        if (kParam != null) {
            try {
                k = Integer.parseInt(kParam.strip());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("query parameter 'k' must be an integer, got '"
                        + ServedFiles.abbreviate(kParam) + "'");
            }
            if (k < 1 || k > MAX_TAGS) {
                throw ApiException.badRequest("query parameter 'k' must be between 1 and " + MAX_TAGS + ", got " + k);
            }
        }
        // The detail view tags from the image itself (the model's most accurate path: the builtin model reads its
        // classifier's view of the image and its mirror); per-hit tags in result lists use the stored vectors.
        List<Tag> tags;
        if (UploadStore.looksLikeId(id)) {
            tags = imageTags(upload(id).file(), k);
        } else {
            ImageRecord record = files.record(id);
            Path file = null;
            try {
                file = files.file(record);
            } catch (ApiException notServed) {
                // the bytes are not served (e.g. a link out of the indexed folders); its stored vector still is ours
            }
            if (file != null) {
                tags = imageTags(file, k);
            } else {
                tags = tagger.tags(loupe.index().vector(record.id(), loupe.model().info().textSpace())
                        .orElseThrow(() -> ApiException.notFound("image " + id + " was removed from the index")), k);
            }
        }
        ctx.contentType("application/json").result(json.write(new Views.TagsResponse(id,
                tags.stream().map(Views.TagView::of).toList())));
    }

    private List<Tag> imageTags(Path file, int k) {
        try {
            return loupe.model().tags(loupe.decoder().decode(file).image(), loupe.model().defaultTagVocabulary(), k);
        } catch (ImageDecodeException e) {
            throw new ApiException(422, e.getMessage());
        }
    }

    private UploadStore.Upload upload(String id) {
        return uploads.get(id).orElseThrow(() -> ApiException.notFound("upload " + id
                + " is unknown or has expired; upload the image again"));
    }

    private static java.util.Optional<String> sniff(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return ImageFormats.sniff(in.readNBytes(16));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void send(Context ctx, String type, InputStream body, long size, String name) {
        ctx.header("Cache-Control", "private, max-age=300");
        ctx.header("Content-Disposition", "inline; filename=\"" + name.replaceAll("[^A-Za-z0-9._ -]", "_") + "\"");
        ctx.header("Content-Length", Long.toString(size));
        ctx.contentType(type).result(body);
    }

    private static String extension(String type) {
        return "." + type.substring(type.indexOf('/') + 1).replace("jpeg", "jpg");
    }
}
