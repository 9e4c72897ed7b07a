package dev.loupe.models.store;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a model file's bytes come from: the {@code LOUPE_MODEL_MIRROR} when set (a directory, a {@code file:} URL
 * or an http(s) URL holding files by their names), else the descriptor's upstream URI.
 *
 * @param path            a local file to copy (mirror directory, file: URL, file: upstream)
 * @param uri             an http(s) URL to download
 * @param origin          how this source was chosen, for messages: "upstream" or "LOUPE_MODEL_MIRROR=..."
 * @param mirrorDirectory whether {@code path} is inside a mirror directory
 */
record FileSource(Optional<Path> path, Optional<URI> uri, String origin, boolean mirrorDirectory) {

    static FileSource of(ModelFile file, Function<String, String> env) {
        String mirror = env.apply(ModelStore.MIRROR_ENV);
        if (mirror != null && !mirror.isBlank()) {
            String origin = ModelStore.MIRROR_ENV + "=" + mirror;
            String lower = mirror.toLowerCase(Locale.ROOT);
            if (lower.startsWith("http://") || lower.startsWith("https://")) {
                URI base = URI.create(mirror.endsWith("/") ? mirror : mirror + "/");
                return new FileSource(Optional.empty(), Optional.of(base.resolve(file.name())), origin, false);
            }
            Path dir = lower.startsWith("file:") ? Path.of(URI.create(mirror)) : Path.of(mirror);
            return new FileSource(Optional.of(dir.toAbsolutePath().resolve(file.name())), Optional.empty(), origin,
                    true);
        }
        URI upstream = file.upstream();
        String scheme = upstream.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("file")) {
            return new FileSource(Optional.of(Path.of(upstream)), Optional.empty(), "upstream", false);
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("model file " + file.name() + ": upstream " + upstream
                    + " is not an http, https or file URI; fix the descriptor");
        }
        return new FileSource(Optional.empty(), Optional.of(upstream), "upstream", false);
    }

    @Override
    public String toString() {
        return path.map(Path::toString).orElseGet(() -> uri.orElseThrow().toString()) + " (" + origin + ")";
    }
}
