package dev.loupe.models.builtin;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.loupe.models.onnx.OnnxGraph;
import dev.loupe.models.onnx.SharedData;
import dev.loupe.models.store.ModelFile;
import dev.loupe.models.store.ModelStore;
import dev.loupe.models.store.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** End to end: the builtin model from the shared mirror directory into an empty cache. */
class BuiltinModelFilesTest {
    /** Records progress calls. */
    private static final class Progress implements ProgressListener {
        final List<long[]> calls = new ArrayList<>();

        @Override
        public void onProgress(String fileName, long bytesDone, long bytesTotal) {
            calls.add(new long[]{bytesDone, bytesTotal});
        }

        long[] last() {
            return calls.get(calls.size() - 1);
        }
    }

    @TempDir
    Path home;

    @Test
    void installsTheBuiltinModelFromTheMirrorAndDerivesThePooledModel() throws Exception {
        Map<String, String> env = Map.of(ModelStore.HOME_ENV, home.toString(),
                ModelStore.MIRROR_ENV, SharedData.dir().resolve("models").toString());
        ModelStore store = ModelStore.fromEnvironment(env::get, home, ModelStore.defaultHttpClient());
        Progress progress = new Progress();

        BuiltinModelFiles.Paths paths = BuiltinModelFiles.installBuiltin(store, progress);

        assertEquals(home.resolve("models").resolve("mobilenetv2-12-int8-pooled.onnx"), paths.pooledModel());
        assertArrayEquals(Files.readAllBytes(SharedData.model("imagenet-simple-labels.json")),
                Files.readAllBytes(paths.labels()));
        assertArrayEquals(Files.readAllBytes(SharedData.model("imagenet-synsets.txt")),
                Files.readAllBytes(paths.synsets()));
        assertArrayEquals(new long[]{31_675, 31_675}, progress.last());
        assertEquals(List.of("mobilenetv2-12-int8.onnx", "imagenet-simple-labels.json", "imagenet-synsets.txt"),
                BuiltinModelFiles.files().stream().map(ModelFile::name).toList());
        for (ModelFile f : BuiltinModelFiles.files()) {
            assertEquals(f.sha256(), store.verify(f).actualSha256(), f.name());
        }
        OnnxGraph pooled = OnnxGraph.read(paths.pooledModel());
        assertEquals(List.of("output", "pooled"), pooled.outputNames());
        assertEquals(List.of(), pooled.problems());

        OrtEnvironment env0 = OrtEnvironment.getEnvironment();
        try (OrtSession session = env0.createSession(paths.pooledModel().toString())) {
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            assertArrayEquals(new long[]{-1, 1280}, ((TensorInfo) outputs.get("pooled").getInfo()).getShape());
            assertArrayEquals(new long[]{-1, 1000}, ((TensorInfo) outputs.get("output").getInfo()).getShape());
        }

        FileTime derivedAt = Files.getLastModifiedTime(paths.pooledModel());
        int calls = progress.calls.size();
        assertEquals(paths, BuiltinModelFiles.installBuiltin(store, progress));
        assertEquals(derivedAt, Files.getLastModifiedTime(paths.pooledModel()), "pooled model not rebuilt");
        assertEquals(calls, progress.calls.size(), "nothing copied the second time");
    }
}
