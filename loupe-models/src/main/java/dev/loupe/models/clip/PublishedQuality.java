package dev.loupe.models.clip;

/**
 * Quality figures the model's authors or a benchmark published, quoted so users can compare models.
 *
 * @param summary  the numbers in words, e.g. {@code "ImageNet-1k zero-shot top-1 63.3%"}
 * @param citation where they were published
 */
public record PublishedQuality(String summary, String citation) {
    public PublishedQuality {
        if (summary == null || summary.isBlank()) {
            throw new InvalidDescriptorException(null, "summary", "is required");
        }
        if (citation == null || citation.isBlank()) {
            throw new InvalidDescriptorException(null, "citation", "is required: say where the numbers come from");
        }
    }
}
