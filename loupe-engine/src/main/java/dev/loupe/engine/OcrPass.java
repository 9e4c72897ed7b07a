package dev.loupe.engine;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.WritableImageIndex;
import dev.loupe.core.text.ImageText;
import dev.loupe.core.text.OcrState;
import dev.loupe.models.image.ImageDecodeException;
import dev.loupe.models.image.ImageDecoder;
import dev.loupe.text.ocr.OcrResult;
import dev.loupe.text.ocr.OcrUnavailableException;
import dev.loupe.text.ocr.Tesseract;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The OCR pass: after the embedding pass, reads the text in every image under the roots whose OCR is still pending
 * ({@link OcrState#PENDING}) and stores it with the image. It is separate because it is slow (a tesseract process per
 * image with text) and because search works without it: an image is findable by its vectors and names as soon as
 * the embedding pass commits it, and by its text once this pass reaches it. Resumable: it commits as it goes, so a
 * killed run's next run starts with the images still pending. Every failure is a per-file warning.
 */
final class OcrPass {
    private final ImageDecoder decoder;
    private final WritableImageIndex index;
    private final IndexerOptions options;

    /** OCR reads images at up to this shorter side (subsampled decoding of larger JPEGs), not the embedder's 256. */
    static final int OCR_MIN_SIDE = 3000;

    OcrPass(ImageDecoder decoder, WritableImageIndex index, IndexerOptions options) {
        this.decoder = new ImageDecoder(decoder.options().withMinSide(OCR_MIN_SIDE), decoder.usesNativeJpeg());
        this.index = index;
        this.options = options;
    }

    private record Job(ImageRecord record, ImageText text) {
    }

    private record Done(Job job, OcrResult result) {
    }

    IndexReport.OcrReport run(List<Path> roots, IndexProgress progress) {
        long start = System.nanoTime();
        List<Job> pending = pending(roots);
        Tesseract tesseract;
        try {
            tesseract = Tesseract.open(options.ocr());
        } catch (OcrUnavailableException e) {
            return new IndexReport.OcrReport(false, 0, 0, 0, 0, pending.size(), List.of(), 0,
                    "OCR did not run: " + e.getMessage() + "; " + pending.size() + " images wait for it");
        }
        progress.ocrStarted(pending.size());
        int read = 0;
        int withText = 0;
        int noText = 0;
        int failed = 0;
        int stillPending = 0;
        List<IndexReport.Skipped> warnings = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(options.decodeThreads(), r -> {
            Thread t = new Thread(r, "loupe-ocr");
            t.setDaemon(true);
            return t;
        });
        int sinceCommit = 0;
        long lastCommit = System.nanoTime();
        try {
            ArrayDeque<Future<Done>> inFlight = new ArrayDeque<>();
            int next = 0;
            int window = options.decodeThreads() * 2;
            while (next < pending.size() || !inFlight.isEmpty()) {
                while (next < pending.size() && inFlight.size() < window) {
                    Job job = pending.get(next++);
                    inFlight.add(pool.submit(() -> new Done(job, read(tesseract, job.record()))));
                }
                Done d = await(inFlight.poll());
                String path = d.job().record().path();
                ImageText text = d.job().text();
                switch (d.result()) {
                    case OcrResult.Text t -> {
                        read++;
                        withText += t.words() > 0 ? 1 : 0;
                        text = text.withOcr(OcrState.DONE, t.text(), "");
                    }
                    case OcrResult.NoText n -> {
                        noText++;
                        text = text.withOcr(OcrState.NO_TEXT, "", "");
                    }
                    case OcrResult.Failed f when f.retryable() -> {
                        stillPending++;
                        warnings.add(new IndexReport.Skipped(path, "OCR: " + f.reason()));
                        text = null;
                    }
                    case OcrResult.Failed f -> {
                        failed++;
                        warnings.add(new IndexReport.Skipped(path, "OCR: " + f.reason()));
                        text = text.withOcr(OcrState.FAILED, "", f.reason());
                    }
                }
                if (text != null && index.byId(d.job().record().id()).isPresent()) {
                    index.setText(d.job().record().id(), text);
                    sinceCommit++;
                }
                progress.ocrAdvanced(path);
                if (sinceCommit >= options.commitEvery()
                        || System.nanoTime() - lastCommit >= options.commitAfter().toNanos()) {
                    index.commit();
                    progress.committed(index.count());
                    sinceCommit = 0;
                    lastCommit = System.nanoTime();
                }
            }
        } finally {
            pool.shutdownNow();
            index.commit();
        }
        return new IndexReport.OcrReport(true, read, withText, noText, failed, stillPending, warnings,
                (System.nanoTime() - start) / 1e9, "");
    }

    /**
     * The images under the roots whose OCR is pending, with their stored words, read {@link Indexer#WORDS_BATCH} at a
     * time (one request per batch on SolrCloud).
     */
    private List<Job> pending(List<Path> roots) {
        List<ImageRecord> records = new ArrayList<>();
        index.forEach(ImageFilter.NONE, java.util.Set.of(), (r, none) -> {
            if (FileScanner.under(roots, r.path())) {
                records.add(r);
            }
        });
        List<Job> out = new ArrayList<>();
        for (int from = 0; from < records.size(); from += Indexer.WORDS_BATCH) {
            List<ImageRecord> batch = records.subList(from, Math.min(records.size(), from + Indexer.WORDS_BATCH));
            Map<String, ImageText> texts = index.texts(batch.stream().map(ImageRecord::id).toList());
            for (ImageRecord r : batch) {
                ImageText t = texts.get(r.id());
                if (t != null && t.ocrState() == OcrState.PENDING) {
                    out.add(new Job(r, t));
                }
            }
        }
        return out;
    }

    /** Runs on a worker: decode (pixel limit, orientation) and OCR; nothing here throws. */
    private OcrResult read(Tesseract tesseract, ImageRecord r) {
        try {
            return tesseract.read(decoder.decode(Path.of(r.path())).image());
        } catch (ImageDecodeException e) {
            return new OcrResult.Failed(e.reason(), false);
        } catch (RuntimeException | OutOfMemoryError e) {
            return new OcrResult.Failed("cannot read the image for OCR: " + e, false);
        }
    }

    private static Done await(Future<Done> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("OCR interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("OCR worker failed: " + e.getCause(), e.getCause());
        }
    }
}
