package dev.loupe.cli;

import dev.loupe.engine.FileCheck;
import dev.loupe.engine.LoupeHome;
import dev.loupe.engine.ModelLoader;
import dev.loupe.engine.ModelStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code loupe models}: list the known models, install (download, verify), verify and remove them. Models are
 * then used with {@code --model NAME} by index, search, similar, tags and info.
 */
@Command(name = "models", mixinStandardHelpOptions = true, description = "List, install, verify and remove models (use one with --model NAME).",
        subcommands = {ModelsListCommand.class, ModelsInstallCommand.class, ModelsVerifyCommand.class,
                ModelsRemoveCommand.class})
final class ModelsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The loader over the real environment ({@code LOUPE_HOME}, {@code LOUPE_MODEL_MIRROR}). */
    static ModelLoader loader() {
        return new ModelLoader(LoupeHome.fromEnvironment(System.getenv()), System::getenv);
    }

    /** A model's status as the JSON object the models commands print. */
    static Map<String, Object> json(ModelStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("installed", s.installed());
        m.put("displayName", s.displayName());
        m.put("family", s.family());
        m.put("source", s.source());
        m.put("bytesOnDisk", s.bytesOnDisk());
        m.put("downloadBytes", s.downloadBytes());
        m.put("licence", s.licence());
        m.put("quality", s.quality());
        m.put("citation", s.citation());
        m.put("languages", s.languages());
        if (s.relevance() != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("logitScale", s.relevance().scale());
            r.put("logitBias", s.relevance().bias());
            r.put("source", s.relevance().method());
            m.put("relevance", r);
        } else {
            m.put("relevance", null);
        }
        m.put("directory", s.directory().toString());
        m.put("files", s.files().stream().map(f -> {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("name", f.name());
            file.put("installed", f.installed());
            file.put("bytes", f.bytes());
            file.put("sha256", f.sha256());
            file.put("url", f.url());
            return file;
        }).toList());
        return m;
    }

    static Map<String, Object> json(FileCheck c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", c.model());
        m.put("file", c.file());
        m.put("status", c.status().name().toLowerCase(Locale.ROOT));
        m.put("path", c.path().toString());
        m.put("expectedSha256", c.expectedSha256());
        m.put("actualSha256", c.actualSha256());
        return m;
    }

    /** "3.7 MB", "607 MB", "1.2 GB". */
    static String size(long bytes) {
        if (bytes < 0) {
            return "?";
        }
        if (bytes >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
        }
        if (bytes >= 10_000_000L) {
            return String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
