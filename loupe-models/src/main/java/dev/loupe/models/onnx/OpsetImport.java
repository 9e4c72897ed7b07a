package dev.loupe.models.onnx;

/** An operator set the model imports; domain "" is the default ONNX domain ("ai.onnx"). */
public record OpsetImport(String domain, long version) {
    @Override
    public String toString() {
        return (domain.isEmpty() ? "ai.onnx" : domain) + " v" + version;
    }
}
