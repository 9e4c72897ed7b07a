package dev.loupe.models.clip;

/**
 * A model descriptor that cannot be used: malformed JSON, a missing or wrong field, or fields that contradict each
 * other. The message names the descriptor file and the field, e.g.
 * {@code model descriptor openai-clip-vit-b-32.json: field 'files[1].sha256' must be 64 lower-case hex digits}.
 */
public final class InvalidDescriptorException extends IllegalArgumentException {
    private final String source;
    private final String field;
    private final String problem;

    /**
     * @param source  the descriptor file or resource, or null while it is not known yet
     * @param field   the dotted path of the field, e.g. {@code image.mean}
     * @param problem what is wrong and, where useful, what to write instead
     */
    public InvalidDescriptorException(String source, String field, String problem) {
        super("model descriptor " + (source == null ? "" : source + ": ") + "field '" + field + "' " + problem);
        this.source = source;
        this.field = field;
        this.problem = problem;
    }

    /** Where the descriptor came from, or null. */
    public String source() {
        return source;
    }

    /** Dotted path of the offending field from the document root. */
    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }

    /**
     * The same problem located in {@code source}, with {@code prefix} (a path, or "") put before the field; an
     * exception that already knows its source is returned as it is.
     */
    InvalidDescriptorException within(String source, String prefix) {
        if (this.source != null) {
            return this;
        }
        String full = prefix.isEmpty() ? field : prefix + "." + field;
        InvalidDescriptorException e = new InvalidDescriptorException(source, full, problem);
        e.initCause(this);
        return e;
    }
}
