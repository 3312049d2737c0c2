package dev.densebench.kernel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Chooses the kernels once at start-up, the way Lucene picks its Panama implementation: the
 * vector path when the incubator module is present and the vector width (the preferred species,
 * or {@code -Ddensebench.vector.bits}) is at least 128 bits, else the scalar reference, with one
 * message saying why. The first vector kernels of a JVM say once which width and tile they run.
 */
public final class KernelsFactory {
    private KernelsFactory() {
    }

    private static final AtomicBoolean ANNOUNCED = new AtomicBoolean();

    /**
     * @param requested {@code vector} or {@code scalar}
     * @param threads   worker threads for the vector kernels (≥ 1)
     * @param notice    receives the one-line explanation when the request cannot be honoured
     */
    public static Kernels create(String requested, int threads, Consumer<String> notice) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        switch (requested) {
            case "scalar":
                return new ScalarKernels();
            case "vector":
                String why = vectorUnavailableReason();
                if (why != null) {
                    notice.accept("vector kernels unavailable (" + why + "); falling back to scalar kernels");
                    return new ScalarKernels();
                }
                if (!ANNOUNCED.getAndSet(true)) {
                    notice.accept(VectorKernels.describe());
                    String emulated = VectorKernels.emulationWarning();
                    if (emulated != null) notice.accept(emulated);
                }
                return new VectorKernels(threads);
            default:
                throw new IllegalArgumentException("unknown kernels '" + requested + "' (expected vector or scalar)");
        }
    }

    /** Why the vector path cannot run here, or null when it can. */
    public static String vectorUnavailableReason() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return "module jdk.incubator.vector is not loaded; run with --add-modules=jdk.incubator.vector";
        }
        int requested = VectorWidth.requestedBits();
        if (requested != 0 && requested < VectorWidth.MIN_BITS) {
            return "-D" + VectorWidth.PROPERTY + "=" + requested + " is below " + VectorWidth.MIN_BITS + " bits";
        }
        int bits = VectorKernels.vectorBits();
        if (bits < VectorWidth.MIN_BITS) {
            return "preferred vector width is " + bits + " bits, below " + VectorWidth.MIN_BITS;
        }
        if (!VectorWidth.fmaInHardware()) {
            // The Vector API's fma falls back to Math.fma, which without the instruction goes
            // through BigDecimal: thousands of times slower than the scalar loops.
            return "the JIT emits no FMA instructions here (UseFMA is off, e.g. -XX:UseAVX=0 or an SSE-only CPU)";
        }
        return null;
    }
}
