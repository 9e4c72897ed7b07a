package dev.loupe.index;

import dev.loupe.core.ImageIndex;
import dev.loupe.core.IndexBackend;
import dev.loupe.core.ModelInfo;
import dev.loupe.core.WritableImageIndex;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** The embedded Lucene index in one folder. */
public record LuceneBackend(Path dir) implements IndexBackend {
    public LuceneBackend {
        dir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
    }

    @Override
    public ImageIndex openForReading(ModelInfo model) {
        return LuceneImageIndex.openForReading(dir, model);
    }

    @Override
    public WritableImageIndex openForWriting(ModelInfo model, boolean rebuild) {
        return LuceneImageIndex.openForWriting(dir, model, rebuild);
    }

    @Override
    public Optional<String> recordedModel() {
        return LuceneImageIndex.recordedModel(dir);
    }

    @Override
    public String describe() {
        return dir.toString();
    }
}
