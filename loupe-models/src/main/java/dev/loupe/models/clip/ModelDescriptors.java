package dev.loupe.models.clip;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.core.Relevance;
import dev.loupe.models.image.ResampleFilter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@link ModelDescriptor}s from JSON, and lists the descriptors shipped with Loupe (resources under
 * {@code dev/loupe/models/descriptors/}, named in its {@code index.txt}). Unknown fields are errors, so a typo
 * does not silently fall back to a default; every error names the file and the field.
 */
public final class ModelDescriptors {
    /** Classpath folder of the shipped descriptors. */
    public static final String RESOURCE_DIR = "/dev/loupe/models/descriptors/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelDescriptors() {
    }

    /** Reads a descriptor file. */
    public static ModelDescriptor read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("model descriptor " + file + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model descriptor " + file, e);
        }
    }

    /** Reads a descriptor from a stream; {@code source} names it in error messages. */
    public static ModelDescriptor read(InputStream in, String source) throws IOException {
        return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), source);
    }

    /** Parses descriptor JSON; {@code source} names it in error messages. */
    public static ModelDescriptor parse(String json, String source) {
        if (source == null) {
            source = "(unnamed)";
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InvalidDescriptorException(source, "(document)", "is not valid JSON" + where + ": "
                    + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidDescriptorException(source, "(document)", "must be a JSON object");
        }
        return descriptor(new DescriptorNode(root, "", source));
    }

    /** The descriptors shipped with Loupe, in the order of {@code index.txt}. */
    public static List<ModelDescriptor> shipped() {
        List<ModelDescriptor> out = new ArrayList<>();
        for (String name : shippedResourceNames()) {
            String resource = RESOURCE_DIR + name;
            try (InputStream in = ModelDescriptors.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("descriptor " + resource + " is listed in index.txt but missing");
                }
                out.add(read(in, resource));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
        return out;
    }

    /** The shipped descriptor with this name. */
    public static Optional<ModelDescriptor> shipped(String name) {
        return shipped().stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** File names of the shipped descriptors, from {@code index.txt}. */
    public static List<String> shippedResourceNames() {
        String index = RESOURCE_DIR + "index.txt";
        try (InputStream in = ModelDescriptors.class.getResourceAsStream(index)) {
            if (in == null) {
                throw new IllegalStateException("resource " + index + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + index, e);
        }
    }

    /**
     * Writes a descriptor as JSON in the format {@link #parse} reads ({@code parse(toJson(d), ...)} equals
     * {@code d}), e.g. to record the descriptor of an installed model with the checksums it was installed with.
     */
    public static String toJson(ModelDescriptor d) {
        ObjectNode root = JSON.createObjectNode();
        root.put("name", d.name());
        root.put("displayName", d.displayName());
        root.put("family", d.family().configName());
        root.put("embeddingDimension", d.embeddingDimension());
        ArrayNode files = root.putArray("files");
        for (ModelFile f : d.files()) {
            ObjectNode o = files.addObject();
            o.put("name", f.name());
            o.put("url", f.url());
            o.put("sha256", f.sha256());
            o.put("size", f.size());
            o.put("approximateSize", f.approximateSize());
            if (f.checksumNote() != null) {
                o.put("checksumNote", f.checksumNote());
            }
        }
        if (d.image() != null) {
            ObjectNode i = root.putObject("image");
            i.put("size", d.image().size());
            i.put("crop", d.image().crop());
            rgb(i.putArray("mean"), d.image().mean());
            rgb(i.putArray("std"), d.image().std());
            i.put("resample", d.image().resample().configName());
            if (d.image().resize() != ResizeMode.SHORTEST) {
                i.put("resizeMode", d.image().resize().configName());
            }
        }
        if (d.text() != null) {
            ObjectNode t = root.putObject("text");
            t.put("tokenizer", d.text().tokenizer().configName());
            t.put("contextLength", d.text().contextLength());
            t.put("file", d.text().file());
            if (d.text().padToken() != null) {
                t.put("padToken", d.text().padToken());
            }
            if (d.text().tokenizer() == TokenizerKind.HF_TOKENIZER) {
                t.put("clean", d.text().clean().configName());
            }
        }
        if (d.graph() != null) {
            GraphNames g = d.graph();
            ObjectNode o = root.putObject("graph");
            o.put("imageModel", g.imageModel());
            o.put("imageInput", g.imageInput());
            o.put("imageOutput", g.imageOutput());
            o.put("textModel", g.textModel());
            o.put("textInput", g.textInput());
            o.put("textOutput", g.textOutput());
            o.put("attentionMaskInput", g.attentionMaskInput());
            o.put("textInputType", g.textInputType());
        }
        root.put("licence", d.licence());
        ObjectNode q = root.putObject("quality");
        q.put("summary", d.quality().summary());
        q.put("citation", d.quality().citation());
        if (d.notes() != null) {
            root.put("notes", d.notes());
        }
        if (d.languages() != null) {
            root.put("languages", d.languages());
        }
        if (d.relevance() != null) {
            ObjectNode r = root.putObject("relevance");
            r.put("logitScale", d.relevance().scale());
            r.put("logitBias", d.relevance().bias());
            r.put("source", d.relevance().method());
        }
        try {
            return JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write descriptor " + d.name() + " as JSON", e);
        }
    }

    private static void rgb(ArrayNode array, Rgb value) {
        array.add(value.r()).add(value.g()).add(value.b());
    }

    private static ModelDescriptor descriptor(DescriptorNode root) {
        root.allowOnly("name", "displayName", "family", "embeddingDimension", "files", "image", "text", "graph",
                "licence", "quality", "notes", "languages", "relevance");
        String name = root.text("name");
        String displayName = root.text("displayName");
        ModelFamily family = root.choice("family", ModelFamily.values(), ModelFamily::configName);
        int dimension = root.integer("embeddingDimension");
        List<ModelFile> files = new ArrayList<>();
        for (DescriptorNode f : root.objects("files")) {
            files.add(file(f));
        }
        DescriptorNode imageNode = root.optionalObject("image");
        ImagePreprocessing image = imageNode == null ? null : image(imageNode);
        DescriptorNode textNode = root.optionalObject("text");
        TextTokenization text = textNode == null ? null : text(textNode);
        DescriptorNode graphNode = root.optionalObject("graph");
        GraphNames graph = graphNode == null ? null : graph(graphNode);
        String licence = root.text("licence");
        DescriptorNode q = root.object("quality");
        q.allowOnly("summary", "citation");
        PublishedQuality quality = q.build(() -> new PublishedQuality(q.optionalText("summary"),
                q.optionalText("citation")));
        String notes = root.optionalText("notes");
        String languages = root.optionalText("languages");
        DescriptorNode relevanceNode = root.optionalObject("relevance");
        Relevance relevance = relevanceNode == null ? null : relevance(relevanceNode);
        return root.build(() -> new ModelDescriptor(name, displayName, family, dimension, files, image, text, graph,
                licence, quality, notes, languages, relevance));
    }

    private static ModelFile file(DescriptorNode f) {
        f.allowOnly("name", "url", "sha256", "size", "approximateSize", "checksumNote");
        return f.build(() -> new ModelFile(f.optionalText("name"), f.optionalText("url"), f.optionalText("sha256"),
                f.optionalLong("size"), f.optionalText("approximateSize"), f.optionalText("checksumNote")));
    }

    private static ImagePreprocessing image(DescriptorNode i) {
        i.allowOnly("size", "crop", "mean", "std", "resample", "resizeMode");
        int size = i.integer("size");
        int crop = i.integer("crop");
        Rgb mean = i.rgb("mean");
        Rgb std = i.rgb("std");
        ResampleFilter resample = i.choice("resample", ResampleFilter.values(), ResampleFilter::configName);
        ResizeMode resize = i.optionalText("resizeMode") == null ? ResizeMode.SHORTEST
                : i.choice("resizeMode", ResizeMode.values(), ResizeMode::configName);
        return i.build(() -> new ImagePreprocessing(size, crop, mean, std, resample, resize));
    }

    private static TextTokenization text(DescriptorNode t) {
        t.allowOnly("tokenizer", "contextLength", "file", "padToken", "clean");
        TokenizerKind kind = t.choice("tokenizer", TokenizerKind.values(), TokenizerKind::configName);
        int contextLength = t.integer("contextLength");
        TextCleaning clean = t.optionalText("clean") == null ? null
                : t.choice("clean", TextCleaning.values(), TextCleaning::configName);
        return t.build(() -> new TextTokenization(kind, contextLength, t.optionalText("file"),
                t.optionalText("padToken"), clean));
    }

    private static Relevance relevance(DescriptorNode r) {
        r.allowOnly("logitScale", "logitBias", "source");
        double scale = r.number("logitScale");
        double bias = r.number("logitBias");
        String source = r.text("source");
        return r.build(() -> new Relevance(scale, bias, source));
    }

    private static GraphNames graph(DescriptorNode g) {
        g.allowOnly("imageModel", "imageInput", "imageOutput", "textModel", "textInput", "textOutput",
                "attentionMaskInput", "textInputType");
        String idType = g.optionalText("textInputType");
        return g.build(() -> new GraphNames(g.optionalText("imageModel"), g.optionalText("imageInput"),
                g.optionalText("imageOutput"), g.optionalText("textModel"), g.optionalText("textInput"),
                g.optionalText("textOutput"), g.optionalText("attentionMaskInput"),
                idType == null ? "int64" : idType));
    }
}
