package dev.loupe.cli;

import dev.loupe.engine.ComposerRegistry;
import dev.loupe.engine.Loupe;
import dev.loupe.engine.SessionOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import dev.loupe.core.ImageRecord;
import dev.loupe.core.text.ImageText;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "info", mixinStandardHelpOptions = true, description = {
        "Show the index: model, number of images, size on disk;",
        "or, given an indexed IMAGE, what the index holds about it: its record, labels and words (file and folder",
        "names, metadata, the text OCR read in it)."})
final class InfoCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "IMAGE", arity = "0..1", description = "An indexed image file (or its id).")
    String image;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Loupe loupe = common.open(SessionOptions.Access.READ)) {
            if (image != null) {
                return image(loupe);
            }
            Map<String, Object> info = new LinkedHashMap<>(loupe.index().stats());
            info.put("modelName", loupe.modelName());
            info.put("images", loupe.index().count());
            info.put("bytesOnDisk", loupe.index().sizeOnDiskBytes());
            info.put("spaces", loupe.model().info().spaces().stream()
                    .map(s -> Map.of("name", s.name(), "dimension", s.dimension())).toList());
            info.put("composers", loupe.composers().list().stream().map(ComposerRegistry.Entry::summary).toList());
            info.put("heads", loupe.heads().list().stream().map(ComposerRegistry.Entry::summary).toList());
            PrintWriter out = spec.commandLine().getOut();
            if (common.json) {
                Output.json(out, info);
            } else {
                info.forEach((key, v) -> out.printf("%-12s %s%n", key, v));
                out.flush();
            }
        }
        return 0;
    }

    private int image(Loupe loupe) {
        ImageRecord r = loupe.index().byPath(Path.of(image).toAbsolutePath().normalize().toString())
                .or(() -> loupe.index().byId(image))
                .orElseThrow(() -> new IllegalArgumentException("no indexed image " + image + "; give the path of an "
                        + "indexed file (or its id), or index it first with 'loupe index'"));
        ImageText t = loupe.index().text(r.id()).orElse(ImageText.UNREAD);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("id", r.id());
        info.put("path", r.path());
        info.put("width", r.width());
        info.put("height", r.height());
        info.put("bytes", r.size());
        info.put("taken", r.takenMillis() >= 0 ? Instant.ofEpochMilli(r.takenMillis()).toString() : null);
        info.put("modified", Instant.ofEpochMilli(r.mtimeMillis()).toString());
        info.put("labels", loupe.index().labels(r.id()));
        info.put("name", t.name());
        info.put("metadata", t.metadata());
        info.put("ocr", t.ocrState().key());
        info.put("ocrText", t.ocr());
        if (!t.ocrNote().isEmpty()) {
            info.put("ocrNote", t.ocrNote());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            Output.json(out, info);
        } else {
            info.forEach((key, v) -> {
                String text = v == null ? "" : v.toString();
                out.printf("%-10s %s%n", key, text.replace("\n", "\n           "));
            });
            out.flush();
        }
        return 0;
    }
}
