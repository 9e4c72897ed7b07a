package dev.loupe.models.onnx;

/**
 * Thrown when bytes are not a usable ONNX model, or when an edit asks for something the model cannot give
 * (a tensor that does not exist, a name already taken). The message names the model and the field at fault.
 */
public class OnnxFormatException extends IllegalArgumentException {
    public OnnxFormatException(String message) {
        super(message);
    }

    public OnnxFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
