package dev.loupe.models.zoo;

import dev.loupe.models.onnx.Dim;
import dev.loupe.models.onnx.ElementType;
import dev.loupe.models.onnx.OnnxFormatException;
import dev.loupe.models.onnx.OnnxGraph;
import dev.loupe.models.onnx.ValueInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads the input and output names, types and dimensions of an export's graphs (without ONNX Runtime, through the
 * classes generated from onnx.proto) and checks them against the configs beside them, so that a folder whose files
 * come from different exports is refused at install, naming both files, instead of failing inside ONNX Runtime.
 */
final class ExportGraphs {
    private ExportGraphs() {
    }

    /** The image graph: its float NCHW input, its first output, and its external data files. */
    record Image(String input, String output, List<String> externalData) {
    }

    /** The text graph: its token-id input, the attention-mask input or null, the id type, the first output. */
    record Text(String input, String mask, String idType, String output, List<String> externalData) {
    }

    static Image image(Path dir, String file, int size, int dimension) {
        OnnxGraph g = read(dir, file);
        List<ValueInfo> inputs = g.runtimeInputs();
        if (inputs.size() != 1) {
            throw mismatch(dir, file, "takes " + inputs.size() + " inputs " + names(inputs) + "; an image graph takes "
                    + "one float input [N, 3, " + size + ", " + size + "]");
        }
        ValueInfo in = inputs.get(0);
        if (in.elementType() != ElementType.FLOAT) {
            throw mismatch(dir, file, "input '" + in.name() + "' holds " + type(in.elementType()) + ", an image graph "
                    + "takes float32 pixels");
        }
        List<Dim> shape = in.shape().orElse(List.of());
        if (shape.size() != 4 || !matches(shape.get(1), 3) || !matches(shape.get(2), size)
                || !matches(shape.get(3), size)) {
            throw mismatch(dir, file, "input '" + in.name() + "' has shape " + shape + " but "
                    + ImmichExport.PREPROCESS + " says images of " + size + "x" + size + " ([N, 3, " + size + ", " + size
                    + "]); the graph and the preprocessing config come from different exports");
        }
        return new Image(in.name(), output(g, dir, file, dimension), external(g, file));
    }

    static Text text(Path dir, String file, int context, int dimension) {
        OnnxGraph g = read(dir, file);
        List<ValueInfo> inputs = g.runtimeInputs();
        ValueInfo ids = null;
        ValueInfo mask = null;
        for (ValueInfo v : inputs) {
            if (v.name().toLowerCase(Locale.ROOT).contains("mask")) {
                mask = v;
            } else if (ids == null) {
                ids = v;
            } else {
                throw mismatch(dir, file, "takes inputs " + names(inputs) + "; a text graph takes token ids ('text' "
                        + "or 'input_ids') and optionally an 'attention_mask'");
            }
        }
        if (ids == null) {
            throw mismatch(dir, file, "takes inputs " + names(inputs) + " but no token ids ('text' or 'input_ids')");
        }
        String idType = idType(ids, dir, file);
        if (mask != null && !idType(mask, dir, file).equals(idType)) {
            throw mismatch(dir, file, "'" + ids.name() + "' and '" + mask.name() + "' have different element types");
        }
        for (ValueInfo v : mask == null ? List.of(ids) : List.of(ids, mask)) {
            List<Dim> shape = v.shape().orElse(List.of());
            if (shape.size() != 2 || !matches(shape.get(1), context)) {
                throw mismatch(dir, file, "input '" + v.name() + "' has shape " + shape + " but "
                        + ImmichExport.CONFIG + " says text_cfg.context_length " + context + " ([N, " + context
                        + "]); the graph and the config come from different exports");
            }
        }
        return new Text(ids.name(), mask == null ? null : mask.name(), idType, output(g, dir, file, dimension),
                external(g, file));
    }

    private static OnnxGraph read(Path dir, String file) {
        Path p = dir.resolve(file);
        try {
            return OnnxGraph.read(p);
        } catch (OnnxFormatException e) {
            throw new IllegalArgumentException(e.getMessage() + "; copy " + file + " from the export again", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    private static String output(OnnxGraph g, Path dir, String file, int dimension) {
        if (g.outputs().isEmpty()) {
            throw mismatch(dir, file, "has no outputs");
        }
        ValueInfo out = g.outputs().get(0); // Immich takes the first output
        List<Dim> shape = out.shape().orElse(List.of());
        Dim last = shape.isEmpty() ? Dim.unknown() : shape.get(shape.size() - 1);
        if (out.elementType() != ElementType.FLOAT || !matches(last, dimension)) {
            throw mismatch(dir, file, "output '" + out.name() + "' is " + type(out.elementType()) + " " + shape
                    + " but " + ImmichExport.CONFIG + " says embed_dim " + dimension
                    + "; the graph and the config come from different exports");
        }
        return out.name();
    }

    private static String idType(ValueInfo v, Path dir, String file) {
        return switch (v.elementType()) {
            case INT32 -> "int32";
            case INT64 -> "int64";
            default -> throw mismatch(dir, file, "input '" + v.name() + "' holds " + type(v.elementType())
                    + "; token ids are int32 or int64");
        };
    }

    private static List<String> external(OnnxGraph g, String file) {
        String folder = file.contains("/") ? file.substring(0, file.lastIndexOf('/') + 1) : "";
        return g.externalDataFiles().stream().map(x -> folder + x).toList();
    }

    private static boolean matches(Dim d, long expected) {
        return !d.isFixed() || d.value() == expected;
    }

    private static List<String> names(List<ValueInfo> vs) {
        return vs.stream().map(ValueInfo::name).toList();
    }

    private static String type(ElementType t) {
        return t == ElementType.FLOAT ? "float32" : t.name().toLowerCase(Locale.ROOT);
    }

    private static IllegalArgumentException mismatch(Path dir, String file, String problem) {
        return new IllegalArgumentException("the Immich export in " + dir + ": " + file + " " + problem);
    }
}
