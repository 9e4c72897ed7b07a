/**
 * Classes generated at build time by protoc from ONNX's schema ({@code src/main/protobuf/onnx.proto}, ONNX 1.23.0):
 * {@code OnnxProto.ModelProto}, {@code GraphProto}, {@code NodeProto}, ... Used only by {@code dev.loupe.models.onnx}.
 */
package dev.loupe.models.onnx.proto;
