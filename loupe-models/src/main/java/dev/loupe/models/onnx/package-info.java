/**
 * ONNX graph tooling without ONNX Runtime: {@link dev.loupe.models.onnx.OnnxGraph} reads a model's structure
 * (inputs, outputs, nodes, initializer shapes, opsets) and {@link dev.loupe.models.onnx.OnnxGraphEdit} adds outputs
 * to an existing model while keeping every original byte. Messages are read and written through the classes that
 * protoc generates from ONNX's own schema ({@code src/main/protobuf/onnx.proto}, package
 * {@code dev.loupe.models.onnx.proto}); this package turns them into small value types ({@link
 * dev.loupe.models.onnx.ValueInfo}, {@link dev.loupe.models.onnx.OnnxNode}, ...). Knows no model. Tests build tiny
 * graphs with {@code OnnxModelBuilder} (test scope, in loupe-models' test-jar).
 */
package dev.loupe.models.onnx;
