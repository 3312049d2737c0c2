package dev.densebench.jmh;

import dev.densebench.kernel.Kernels;
import dev.densebench.nn.Param;
import dev.densebench.optim.Optimizer;
import dev.densebench.optim.OptimizerSpec;
import java.util.List;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One optimizer step over the 669,706 parameters of 784-512-512-10 (in the network's six
 * tensors), per optimizer, with or without L2 / decoupled weight decay.
 *
 * <p>Run: {@code ./run-bench.sh jmh OptimizerBench -p threads=1}
 */
public class OptimizerBench extends JmhSuite {

    @org.openjdk.jmh.annotations.Param({"sgd", "momentum", "nesterov", "rmsprop", "adam", "adamw", "adagrad"})
    public String optimizer;

    /** none, l2 (1e-4) or weight-decay (1e-2). */
    @org.openjdk.jmh.annotations.Param({"none", "l2", "weight-decay"})
    public String penalty;

    @org.openjdk.jmh.annotations.Param({"vector", "scalar"})
    public String kernel;

    @org.openjdk.jmh.annotations.Param({"1", "2"})
    public int threads;

    private Kernels kernels;
    private Optimizer opt;

    @Setup(Level.Trial)
    public void setUp() {
        kernels = JmhFixtures.kernels(kernel, threads);
        SplittableRandom rng = new SplittableRandom(1);
        int[][] shapes = {{784 * 512, 1}, {512, 0}, {512 * 512, 1}, {512, 0}, {512 * 10, 1}, {10, 0}};
        List<Param> params = new java.util.ArrayList<>();
        for (int i = 0; i < shapes.length; i++) {
            int n = shapes[i][0];
            params.add(new Param("p" + i, JmhFixtures.random(rng, n, -0.1, 0.1), JmhFixtures.random(rng, n, -1e-3, 1e-3),
                    shapes[i][1] == 1));
        }
        Float l2 = penalty.equals("l2") ? 1e-4f : null;
        Float wd = penalty.equals("weight-decay") ? 1e-2f : null;
        opt = OptimizerSpec.withDefaults(optimizer, null, null, null, null, null, null, l2, wd).create(kernels, params);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        JmhFixtures.close(kernels);
    }

    @Benchmark
    public void step() {
        opt.step();
    }
}
