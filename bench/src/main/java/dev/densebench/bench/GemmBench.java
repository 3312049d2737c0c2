package dev.densebench.bench;

import dev.densebench.kernel.Kernels;
import dev.densebench.kernel.KernelsFactory;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One sgemm call, C = op(A)·op(B), per shape, kernel and thread count. A shape is
 * {@code MxKxN} for C[M×N] = A[M×K]·B[K×N]; {@code tn:} means Aᵀ·B (A stored K×M) and
 * {@code nt:} A·Bᵀ (B stored N×K), the two backward products. The defaults are the forward
 * and backward products of 784-512-512-10 at batch 128, and the squares 256…2048.
 * GFLOP/s = 2·M·N·K / (seconds per op) / 1e9.
 *
 * <p>Run: {@code ./run-bench.sh jmh GemmBench -p shape=512x512x512 -p threads=1}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class GemmBench {

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
    private boolean transA;
    private boolean transB;
    private int m;
    private int n;
    private int k;
    private float[] a;
    private float[] b;
    private float[] c;

    @Setup(Level.Trial)
    public void setUp() {
        String dims = shape;
        transA = dims.startsWith("tn:");
        transB = dims.startsWith("nt:");
        if (transA || transB) dims = dims.substring(3);
        String[] parts = dims.split("x");
        if (parts.length != 3) throw new IllegalArgumentException("shape '" + shape + "' is not [tn:|nt:]MxKxN");
        m = Integer.parseInt(parts[0]);
        k = Integer.parseInt(parts[1]);
        n = Integer.parseInt(parts[2]);
        kernels = KernelsFactory.create(kernel, threads, System.err::println);
        SplittableRandom rng = new SplittableRandom(1);
        a = random(rng, m * k);
        b = random(rng, k * n);
        c = new float[m * n];
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (kernels instanceof AutoCloseable closeable) closeable.close();
    }

    @Benchmark
    public float[] sgemm() {
        // Leading dimensions follow the stored shapes: A is M×K (K×M when transposed), B K×N (N×K).
        kernels.sgemm(transA, transB, m, n, k, 1f, a, 0, transA ? m : k, b, 0, transB ? k : n, 0f, c, 0, n);
        return c;
    }

    private static float[] random(SplittableRandom rng, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) x[i] = (float) rng.nextDouble(-1, 1);
        return x;
    }
}
