package dev.loupe.models.clip;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/** A JSON object of a descriptor together with its path, so that every error can name the file and field. */
final class DescriptorNode {
    private final JsonNode node;
    private final String path;
    private final String source;

    DescriptorNode(JsonNode node, String path, String source) {
        this.node = node;
        this.path = path;
        this.source = source;
    }

    String path() {
        return path;
    }

    InvalidDescriptorException error(String field, String problem) {
        return new InvalidDescriptorException(source, fieldPath(field), problem);
    }

    /** Rejects fields not in {@code known}, catching typos such as {@code "imageSize"}. */
    void allowOnly(String... known) {
        Set<String> allowed = new LinkedHashSet<>(Arrays.asList(known));
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowed.contains(field)) {
                throw error(field, "is not a known field; fields here are " + allowed);
            }
        }
    }

    String text(String field) {
        String value = optionalText(field);
        if (value == null || value.isBlank()) {
            throw error(field, "is required (a non-empty string)");
        }
        return value;
    }

    String optionalText(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw error(field, "must be a string, got " + v.getNodeType().toString().toLowerCase());
        }
        return v.asText();
    }

    int integer(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw error(field, "is required (an integer)");
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw error(field, "must be an integer, got " + v);
        }
        return v.asInt();
    }

    double number(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw error(field, "is required (a number)");
        }
        if (!v.isNumber()) {
            throw error(field, "must be a number, got " + v);
        }
        return v.asDouble();
    }

    Long optionalLong(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw error(field, "must be an integer or null, got " + v);
        }
        return v.asLong();
    }

    Rgb rgb(String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray() || v.size() != 3) {
            throw error(field, "must be an array of 3 numbers (red, green, blue), got " + v);
        }
        for (JsonNode n : v) {
            if (!n.isNumber()) {
                throw error(field, "must be an array of 3 numbers (red, green, blue), got " + v);
            }
        }
        return build(field, () -> new Rgb(v.get(0).asDouble(), v.get(1).asDouble(), v.get(2).asDouble()));
    }

    <E extends Enum<E>> E choice(String field, E[] values, Function<E, String> nameOf) {
        String value = text(field);
        for (E e : values) {
            if (nameOf.apply(e).equals(value)) {
                return e;
            }
        }
        throw error(field, "must be one of " + Arrays.stream(values).map(nameOf).toList() + ", got '" + value
                + "'");
    }

    DescriptorNode object(String field) {
        DescriptorNode child = optionalObject(field);
        if (child == null) {
            throw error(field, "is required (an object)");
        }
        return child;
    }

    DescriptorNode optionalObject(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw error(field, "must be an object, got " + v.getNodeType().toString().toLowerCase());
        }
        return new DescriptorNode(v, fieldPath(field), source);
    }

    List<DescriptorNode> objects(String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray()) {
            throw error(field, "is required (an array of objects)");
        }
        List<DescriptorNode> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            String itemPath = fieldPath(field) + "[" + i + "]";
            if (!v.get(i).isObject()) {
                throw new InvalidDescriptorException(source, itemPath, "must be an object");
            }
            out.add(new DescriptorNode(v.get(i), itemPath, source));
        }
        return out;
    }

    /** Runs a record constructor for this object, locating its complaints at this object's path. */
    <T> T build(Supplier<T> constructor) {
        return build(null, constructor);
    }

    private <T> T build(String field, Supplier<T> constructor) {
        String at = field == null ? path : fieldPath(field);
        try {
            return constructor.get();
        } catch (InvalidDescriptorException e) {
            throw e.within(source, at);
        } catch (IllegalArgumentException e) {
            throw new InvalidDescriptorException(source, at.isEmpty() ? "(document)" : at, e.getMessage());
        }
    }

    private String fieldPath(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
