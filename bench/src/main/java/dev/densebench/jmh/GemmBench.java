package dev.densebench.jmh;

import dev.densebench.kernel.Kernels;
import dev.densebench.kernel.KernelsFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One sgemm call, C = op(A)·op(B), per shape, kernel and thread count. A shape is
 * {@code MxKxN} for C[M×N] = A[M×K]·B[K×N]; {@code tn:} means Aᵀ·B (A stored K×M) and
 * {@code nt:} A·Bᵀ (B stored N×K), the two backward products. The defaults are the forward
 * and backward products of 784-512-512-10 at batch 128, and the squares 256…2048.
 * GFLOP/s = 2·M·N·K / (seconds per op) / 1e9.
 *
 * <p>Run: {@code ./run-bench.sh jmh GemmBench -p shape=512x512x512 -p threads=1}
 */
public class GemmBench extends JmhSuite {

    @Param({"128x784x512", "tn:784x128x512", "nt:128x512x784",
            "128x512x512", "tn:512x128x512", "nt:128x512x512",
            "128x512x10", "tn:512x128x10", "nt:128x10x512",
            "256x256x256", "512x512x512", "1024x1024x1024", "2048x2048x2048"})
    public String shape;

    @Param({"vector", "scalar"})
    public String kernel;

    @Param({"1", "2"})
    public int threads;

    private Kernels kernels;
    private GemmProblem problem;

    @Setup(Level.Trial)
    public void setUp() {
        problem = GemmProblem.parse(shape);
        kernels = KernelsFactory.create(kernel, threads, System.err::println);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (kernels instanceof AutoCloseable closeable) closeable.close();
    }

    @Benchmark
    public float[] sgemm() {
        return problem.run(kernels);
    }
}
