package dev.loupe.models.clip;

import java.util.Set;

/**
 * Which files hold the ONNX graphs and what their inputs and outputs are called. Exports differ: Hugging Face
 * exports use {@code pixel_values}/{@code image_embeds} and {@code input_ids}/{@code text_embeds}, OpenCLIP-based
 * ones other names. An encoder should compare these with the session's declared inputs and outputs when it loads
 * the graphs and report a mismatch naming the descriptor.
 *
 * @param imageModel         file name (from the descriptor's files) of the image graph
 * @param imageInput         float NCHW input of the image graph
 * @param imageOutput        embedding output of the image graph
 * @param textModel          file name of the text graph (may equal {@code imageModel} for a combined graph)
 * @param textInput          token-id input of the text graph
 * @param textOutput         embedding output of the text graph
 * @param attentionMaskInput attention-mask input of the text graph, or null when the graph takes none
 * @param textInputType      element type of the token ids and mask: {@code "int64"} or {@code "int32"}
 */
public record GraphNames(String imageModel, String imageInput, String imageOutput, String textModel,
                         String textInput, String textOutput, String attentionMaskInput, String textInputType) {
    private static final Set<String> ID_TYPES = Set.of("int64", "int32");

    public GraphNames {
        required("imageModel", imageModel);
        required("imageInput", imageInput);
        required("imageOutput", imageOutput);
        required("textModel", textModel);
        required("textInput", textInput);
        required("textOutput", textOutput);
        if (attentionMaskInput != null && attentionMaskInput.isBlank()) {
            throw new InvalidDescriptorException(null, "attentionMaskInput", "must be a name or null, not blank");
        }
        if (textInputType == null || !ID_TYPES.contains(textInputType)) {
            throw new InvalidDescriptorException(null, "textInputType", "must be one of " + ID_TYPES + ", got "
                    + textInputType);
        }
    }

    private static void required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidDescriptorException(null, field, "is required");
        }
    }
}
