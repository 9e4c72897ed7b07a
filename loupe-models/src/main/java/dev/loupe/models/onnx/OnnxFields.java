package dev.loupe.models.onnx;

/**
 * Field numbers of the ONNX protobuf messages (onnx.proto, syntax proto2) that this package reads or writes.
 * Only the numbers are needed: messages are parsed with protobuf-java's schema-less {@code UnknownFieldSet}.
 */
final class OnnxFields {
    private OnnxFields() {
    }

    /** ModelProto. */
    static final class Model {
        static final int IR_VERSION = 1;
        static final int PRODUCER_NAME = 2;
        static final int PRODUCER_VERSION = 3;
        static final int DOMAIN = 4;
        static final int MODEL_VERSION = 5;
        static final int DOC_STRING = 6;
        static final int GRAPH = 7;
        static final int OPSET_IMPORT = 8;

        private Model() {
        }
    }

    /** GraphProto. */
    static final class Graph {
        static final int NODE = 1;
        static final int NAME = 2;
        static final int INITIALIZER = 5;
        static final int DOC_STRING = 10;
        static final int INPUT = 11;
        static final int OUTPUT = 12;
        static final int VALUE_INFO = 13;
        static final int SPARSE_INITIALIZER = 15;

        private Graph() {
        }
    }

    /** NodeProto. */
    static final class Node {
        static final int INPUT = 1;
        static final int OUTPUT = 2;
        static final int NAME = 3;
        static final int OP_TYPE = 4;
        static final int ATTRIBUTE = 5;
        static final int DOMAIN = 7;

        private Node() {
        }
    }

    /** AttributeProto and its AttributeType enum. */
    static final class Attribute {
        static final int NAME = 1;
        static final int F = 2;
        static final int I = 3;
        static final int S = 4;
        static final int FLOATS = 7;
        static final int INTS = 8;
        static final int TYPE = 20;

        static final int TYPE_FLOAT = 1;
        static final int TYPE_INT = 2;
        static final int TYPE_STRING = 3;
        static final int TYPE_FLOATS = 6;
        static final int TYPE_INTS = 7;

        private Attribute() {
        }
    }

    /** ValueInfoProto. */
    static final class ValueInfo {
        static final int NAME = 1;
        static final int TYPE = 2;

        private ValueInfo() {
        }
    }

    /** TypeProto, TypeProto.Tensor, TensorShapeProto and TensorShapeProto.Dimension. */
    static final class Type {
        static final int TENSOR_TYPE = 1;
        static final int TENSOR_ELEM_TYPE = 1;
        static final int TENSOR_SHAPE = 2;
        static final int SHAPE_DIM = 1;
        static final int DIM_VALUE = 1;
        static final int DIM_PARAM = 2;

        private Type() {
        }
    }

    /** TensorProto. */
    static final class Tensor {
        static final int DIMS = 1;
        static final int DATA_TYPE = 2;
        static final int NAME = 8;
        static final int RAW_DATA = 9;
        static final int DATA_LOCATION = 14;
        static final int DATA_LOCATION_EXTERNAL = 1;

        private Tensor() {
        }
    }

    /** OperatorSetIdProto. */
    static final class Opset {
        static final int DOMAIN = 1;
        static final int VERSION = 2;

        private Opset() {
        }
    }
}
