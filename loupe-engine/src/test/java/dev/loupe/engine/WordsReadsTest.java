package dev.loupe.engine;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.ModelInfo;
import dev.loupe.core.Neighbours;
import dev.loupe.core.TextHit;
import dev.loupe.core.VectorQuery;
import dev.loupe.core.WritableImageIndex;
import dev.loupe.core.text.ImageText;
import dev.loupe.core.text.TextQuery;
import dev.loupe.index.LuceneImageIndex;
import dev.loupe.index.LuceneWritableIndex;
import dev.loupe.models.image.ImageDecoder;
import dev.loupe.text.ocr.OcrOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A re-run over unchanged images reads their stored words in batches: on SolrCloud each read is a request, so
 * indexing N unchanged images must cost about N / {@link Indexer#WORDS_BATCH} reads, not N — for the stale-words
 * check and for the OCR pass's list of pending images alike. Counted by a wrapper around the embedded index.
 */
class WordsReadsTest {
    private static final int IMAGES = 2 * Indexer.WORDS_BATCH + 37;

    @TempDir
    Path tmp;
    final FakeModel model = new FakeModel();

    /** Counts the index's reads of stored words; everything else goes straight to the wrapped index. */
    static final class CountingIndex implements WritableImageIndex {
        final WritableImageIndex inner;
        int batchReads;
        int idsRead;
        int singleReads;

        CountingIndex(WritableImageIndex inner) {
            this.inner = inner;
        }

        @Override
        public Map<String, ImageText> texts(Collection<String> ids) {
            batchReads++;
            idsRead += ids.size();
            return inner.texts(ids);
        }

        @Override
        public Optional<ImageText> text(String id) {
            singleReads++;
            return inner.text(id);
        }

        @Override
        public ModelInfo model() {
            return inner.model();
        }

        @Override
        public Optional<ImageRecord> byId(String id) {
            return inner.byId(id);
        }

        @Override
        public Optional<ImageRecord> byPath(String path) {
            return inner.byPath(path);
        }

        @Override
        public Optional<ImageVectors> vectors(String id) {
            return inner.vectors(id);
        }

        @Override
        public Optional<float[]> vector(String id, String space) {
            return inner.vector(id, space);
        }

        @Override
        public Map<String, ImageVectors> vectors(Collection<String> ids, Set<String> spaces) {
            return inner.vectors(ids, spaces);
        }

        @Override
        public Neighbours nearest(VectorQuery query) {
            return inner.nearest(query);
        }

        @Override
        public void forEach(ImageFilter filter, Set<String> spaces, BiConsumer<ImageRecord, ImageVectors> visitor) {
            inner.forEach(filter, spaces, visitor);
        }

        @Override
        public List<TextHit> searchText(TextQuery query, int k, ImageFilter filter) {
            return inner.searchText(query, k, filter);
        }

        @Override
        public int count() {
            return inner.count();
        }

        @Override
        public int count(ImageFilter filter) {
            return inner.count(filter);
        }

        @Override
        public Map<String, Float> labels(String id) {
            return inner.labels(id);
        }

        @Override
        public long sizeOnDiskBytes() {
            return inner.sizeOnDiskBytes();
        }

        @Override
        public Map<String, String> stats() {
            return inner.stats();
        }

        @Override
        public void upsert(ImageRecord image, ImageVectors vectors, ImageText text) {
            inner.upsert(image, vectors, text);
        }

        @Override
        public void setText(String id, ImageText text) {
            inner.setText(id, text);
        }

        @Override
        public void delete(String path) {
            inner.delete(path);
        }

        @Override
        public void setLabels(String id, Map<String, Float> labelConfidences) {
            inner.setLabels(id, labelConfidences);
        }

        @Override
        public void commit() {
            inner.commit();
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }

    private IndexReport index(CountingIndex index, Path lib, OcrOptions ocr) {
        return new Indexer(new ImageDecoder(), model, index, new IndexerOptions(2, 16, 5000, Duration.ofMinutes(5), ocr))
                .run(List.of(lib), IndexProgress.NONE);
    }

    @Test
    void unchangedImagesHaveTheirWordsReadInBatchesNotOneByOne() throws Exception {
        Path lib = Files.createDirectories(tmp.resolve("lib"));
        BufferedImage pixel = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < IMAGES; i++) {
            pixel.setRGB(0, 0, i); // distinct content, so no file reuses another's vectors
            ImageIO.write(pixel, "png", lib.resolve("img-" + i + ".png").toFile());
        }
        Path idx = tmp.resolve("index");
        // OCR asked for but its program missing: the pass lists the pending images, then stops before reading any
        OcrOptions noProgram = OcrOptions.defaults().withProgram(tmp.resolve("no-tesseract").toString());
        int batches = (IMAGES + Indexer.WORDS_BATCH - 1) / Indexer.WORDS_BATCH;
        try (LuceneWritableIndex lucene = LuceneImageIndex.openForWriting(idx, model.info(), false);
             CountingIndex first = new CountingIndex(lucene)) {
            IndexReport r = index(first, lib, noProgram);
            assertEquals(IMAGES, r.indexed());
            assertEquals(IMAGES, r.ocr().pending());
            assertEquals(batches, first.batchReads, "only the OCR pass's pending list reads words on a first run");
        }
        try (LuceneWritableIndex lucene = LuceneImageIndex.openForWriting(idx, model.info(), false);
             CountingIndex again = new CountingIndex(lucene)) {
            IndexReport r = index(again, lib, noProgram);
            assertEquals(IMAGES, r.unchanged());
            assertEquals(IMAGES, r.ocr().pending(), "every image is still waiting for OCR");
            assertFalse(r.ocr().ran());
            assertEquals(0, again.singleReads, "no image's words are read on their own");
            assertEquals(2 * batches, again.batchReads, "one read per batch for the stale-words check and the "
                    + "OCR pass's pending list, for " + IMAGES + " images");
            assertEquals(2 * IMAGES, again.idsRead, "each image is asked for once by each");
        }
        // words that are stale on an unchanged image (a sidecar added) are still noticed in a batch
        Files.writeString(lib.resolve("img-7.png.xmp"), dev.loupe.text.WordsTestSet.xmp("Picnic", "At the lake",
                List.of("grandma"), null));
        try (LuceneWritableIndex lucene = LuceneImageIndex.openForWriting(idx, model.info(), false);
             CountingIndex again = new CountingIndex(lucene)) {
            index(again, lib, null);
            assertEquals(batches, again.batchReads);
            String id = lucene.byPath(lib.resolve("img-7.png").toString()).orElseThrow().id();
            assertTrue(lucene.text(id).orElseThrow().metadata().contains("grandma"), lucene.text(id).toString());
            assertEquals(List.of(id), lucene.searchText(TextQuery.parse("grandma"), 5, ImageFilter.NONE).stream()
                    .map(TextHit::id).toList());
        }
    }
}
