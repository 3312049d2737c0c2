package dev.densebench.jmh;

import dev.densebench.kernel.Kernels;
import dev.densebench.peer.OpenBlas;
import java.lang.foreign.Arena;
import java.util.SplittableRandom;

/**
 * One sgemm problem named by a shape string: {@code MxKxN} for C[M×N] = A[M×K]·B[K×N],
 * {@code tn:MxKxN} for Aᵀ·B (A stored K×M) and {@code nt:MxKxN} for A·Bᵀ (B stored N×K), with
 * random operands in [-1, 1). Shared by {@link GemmBench} and {@code densebench scaling}.
 */
public final class GemmProblem {
    public final String shape;
    public final boolean transA, transB;
    public final int m, k, n;
    private final float[] a, b, c;

    private GemmProblem(String shape, boolean transA, boolean transB, int m, int k, int n) {
        this.shape = shape;
        this.transA = transA;
        this.transB = transB;
        this.m = m;
        this.k = k;
        this.n = n;
        SplittableRandom rng = new SplittableRandom(1); // fixed operands: runs compare like with like
        a = JmhFixtures.random(rng, m * k, -1, 1);
        b = JmhFixtures.random(rng, k * n, -1, 1);
        c = new float[m * n];
    }

    /** Parses {@code [tn:|nt:]MxKxN}; a malformed shape is refused with the expected form. */
    public static GemmProblem parse(String shape) {
        String dims = shape.trim();
        boolean transA = dims.startsWith("tn:"), transB = dims.startsWith("nt:");
        if (transA || transB) dims = dims.substring(3);
        String[] parts = dims.split("x");
        try {
            if (parts.length != 3) throw new NumberFormatException();
            int m = Integer.parseInt(parts[0]), k = Integer.parseInt(parts[1]), n = Integer.parseInt(parts[2]);
            if (m < 1 || k < 1 || n < 1) throw new NumberFormatException();
            return new GemmProblem(shape.trim(), transA, transB, m, k, n);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shape '" + shape + "' is not [tn:|nt:]MxKxN with positive sizes, e.g. 512x512x512");
        }
    }

    /** The same product on OpenBLAS, its operands copied into native memory of {@code arena}. */
    public OpenBlas.Product onOpenBlas(OpenBlas blas, Arena arena) {
        return blas.new Product(transA, transB, m, n, k, a, b, arena);
    }

    /** Floating-point operations of one product: 2·M·N·K. */
    public double flops() {
        return 2.0 * m * n * k;
    }

    /** C = op(A)·op(B) with the leading dimensions of the stored shapes; returns C. */
    public float[] run(Kernels kernels) {
        return run(kernels::sgemm);
    }

    /** The same through any sgemm with {@link Kernels#sgemm}'s arguments (another build's, say). */
    public float[] run(Sgemm sgemm) {
        sgemm.sgemm(transA, transB, m, n, k, 1f, a, 0, transA ? m : k, b, 0, transB ? k : n, 0f, c, 0, n);
        return c;
    }

    /**
     * Checks that two results of this product agree within float rounding of a k-long sum of
     * products of values in [-1, 1) (a peer, or a build that blocks k differently, rounds
     * otherwise); else an IllegalStateException names the shape and {@code what} differed.
     */
    public void checkSame(float[] ours, float[] theirs, String what) {
        double worst = 0;
        for (int i = 0; i < ours.length; i++) worst = Math.max(worst, Math.abs(ours[i] - theirs[i]));
        double bound = 1e-5 * k * 4;
        if (!(worst <= bound)) {
            throw new IllegalStateException(shape + ": " + what + " differ by " + worst + " (bound " + bound + ")");
        }
    }

    /** {@link Kernels#sgemm}'s signature. */
    @FunctionalInterface
    public interface Sgemm {
        void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                   float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc);
    }
}
