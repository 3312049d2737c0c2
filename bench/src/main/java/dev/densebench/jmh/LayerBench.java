package dev.densebench.jmh;

import dev.densebench.kernel.Activation;
import dev.densebench.kernel.Kernels;
import dev.densebench.nn.ActivationLayer;
import dev.densebench.nn.Dense;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Dense forward and backward at the shapes of 784-512-512-10 (batch 128), and each
 * activation's forward and backward over a batch of 512-wide hidden units.
 *
 * <p>Run: {@code ./run-bench.sh jmh LayerBench -p kernel=vector -p threads=1}
 */
public class LayerBench extends JmhSuite {

    /** in x out of the Dense layer. */
    @Param({"784x512", "512x512", "512x10"})
    public String dense;

    @Param({"relu", "leaky-relu", "sigmoid", "tanh"})
    public String activation;

    @Param({"vector", "scalar"})
    public String kernel;

    @Param({"1"})
    public int threads;

    @Param({"128"})
    public int batch;

    private Kernels kernels;
    private Dense layer;
    private ActivationLayer act;
    private float[] x;
    private float[] dy;
    private float[] hidden;
    private float[] dHidden;

    @Setup(Level.Trial)
    public void setUp() {
        kernels = JmhFixtures.kernels(kernel, threads);
        String[] io = dense.split("x");
        int in = Integer.parseInt(io[0]), out = Integer.parseInt(io[1]);
        SplittableRandom rng = new SplittableRandom(1);
        layer = new Dense(kernels, "bench", in, out, batch, true, true, rng);
        x = JmhFixtures.random(rng, batch * in, 0, 1);
        dy = JmhFixtures.random(rng, batch * out, -1, 1);
        act = new ActivationLayer(kernels, Activation.parse(activation), 512, batch);
        hidden = JmhFixtures.random(rng, batch * 512, -3, 3);
        dHidden = JmhFixtures.random(rng, batch * 512, -1, 1);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        JmhFixtures.close(kernels);
    }

    @Benchmark
    public float[] denseForward() {
        return layer.forward(x, batch, true);
    }

    @Benchmark
    public float[] denseBackward() {
        layer.forward(x, batch, true);
        return layer.backward(dy, batch);
    }

    @Benchmark
    public float[] activationForward() {
        return act.forward(hidden, batch, true);
    }

    @Benchmark
    public float[] activationBackward() {
        act.forward(hidden, batch, true);
        return act.backward(dHidden, batch);
    }
}
