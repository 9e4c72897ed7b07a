package dev.loupe.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.io.IOException;
import java.util.stream.Collectors;

/**
 * Strict JSON for the API: unknown fields, wrong types (a string where a number belongs, 2.5 for an integer),
 * trailing garbage and duplicate keys are errors, and every error becomes a 400 whose message names the field.
 */
final class Json {
    private final ObjectMapper mapper;

    Json() {
        JsonMapper m = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        this.mapper = m;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** Parses a request body; {@code what} (e.g. "search request") appears in messages. */
    <T> T read(byte[] body, Class<T> type, String what) {
        if (body.length == 0) {
            throw ApiException.badRequest("the " + what + " is empty; send a JSON object");
        }
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw ApiException.badRequest("the " + what + " is null; send a JSON object");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw ApiException.badRequest("unknown field '" + path(e) + "' in the " + what + "; known fields: " + known);
        } catch (InvalidFormatException e) {
            throw ApiException.badRequest("field '" + path(e) + "' in the " + what + ": " + e.getValue()
                    + " is not " + typeName(e.getTargetType()));
        } catch (MismatchedInputException e) {
            String field = path(e);
            String expected = e.getTargetType() == null ? "a value" : typeName(e.getTargetType());
            if (field.isEmpty()) {
                throw ApiException.badRequest("the " + what + " must be a JSON object (see /openapi.json)");
            }
            throw ApiException.badRequest("field '" + field + "' in the " + what + " must be " + expected
                    + " (see /openapi.json)");
        } catch (InputCoercionException e) {
            String field = currentName(e.getProcessor());
            throw ApiException.badRequest((field == null ? "a number" : "field '" + field + "'") + " in the " + what
                    + " is out of range: " + e.getOriginalMessage());
        } catch (JsonParseException e) {
            JsonLocation at = e.getLocation();
            throw ApiException.badRequest("malformed JSON in the " + what + (at == null ? "" : " at line "
                    + at.getLineNr() + ", column " + at.getColumnNr()) + ": " + e.getOriginalMessage());
        } catch (JsonMappingException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ApiException api) {
                throw api;
            }
            if (cause instanceof InputCoercionException range) {
                throw ApiException.badRequest("field '" + path(e) + "' in the " + what + " is out of range: "
                        + range.getOriginalMessage());
            }
            if (cause instanceof IllegalArgumentException iae) {
                throw ApiException.badRequest(iae.getMessage());
            }
            throw ApiException.badRequest("invalid " + what + " at '" + path(e) + "': " + firstLine(e));
        } catch (IOException e) {
            throw ApiException.badRequest("cannot read the " + what + ": " + e.getMessage());
        }
    }

    private static String currentName(Object processor) {
        try {
            return processor instanceof JsonParser p ? p.currentName() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String typeName(Class<?> t) {
        if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
            return "an integer";
        }
        if (t == Double.class || t == double.class || t == Float.class || t == float.class) {
            return "a number";
        }
        if (t == Boolean.class || t == boolean.class) {
            return "true or false";
        }
        if (t == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(t)) {
            return "an array";
        }
        return "an object";
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String firstLine(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        int nl = m == null ? -1 : m.indexOf('\n');
        return m == null ? e.getClass().getSimpleName() : nl < 0 ? m : m.substring(0, nl);
    }
}
