package dev.loupe.learn.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

/**
 * Starts DJL's PyTorch engine from the natives on the class path (Maven Central's {@code pytorch-native-cpu} and
 * {@code pytorch-jni} jars) and never from the network: {@code ai.djl.offline} is set, and the PyTorch version and
 * flavour are pinned to the bundled ones, so DJL does not look for another build to download. Thread counts
 * default to one (override with {@code -Dai.djl.pytorch.num_threads=N}).
 */
public final class Torch {
    /** The PyTorch build the module's pom brings in. */
    public static final String PYTORCH_VERSION = "2.7.1";

    private Torch() {
    }

    /** Sets the offline properties (unless the user set them) and returns the PyTorch engine. */
    public static Engine engine() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("PYTORCH_VERSION", PYTORCH_VERSION);
        setIfAbsent("PYTORCH_FLAVOR", "cpu");
        setIfAbsent("ai.djl.default_engine", "PyTorch");
        setIfAbsent("org.slf4j.simpleLogger.log.ai.djl", "warn");
        // one intra-op thread: small tensors gain little from more, and on a shared machine extra OpenMP
        // threads spin against other processes (measured 3-20x slower steps under load)
        setIfAbsent("ai.djl.pytorch.num_threads", "1");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        return Engine.getEngine("PyTorch");
    }

    /** A new root manager on the CPU, after seeding the engine's own generator. */
    public static NDManager newManager(long seed) {
        Engine e = engine();
        e.setRandomSeed((int) seed);
        return e.newBaseManager();
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null && System.getenv(key) == null) {
            System.setProperty(key, value);
        }
    }
}
