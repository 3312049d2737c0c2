package dev.densebench.kernel;

import java.util.function.Consumer;

/**
 * Chooses the kernels once at start-up, the way Lucene picks its Panama implementation: the
 * vector path when the incubator module is present and the preferred vector is at least 256
 * bits wide, else the scalar reference, with one message saying why.
 */
public final class KernelsFactory {
    private KernelsFactory() {
    }

    /** Minimum vector width for the vector path to beat plain loops. */
    static final int MIN_VECTOR_BITS = 256;

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
        int bits = VectorKernels.vectorBits();
        if (bits < MIN_VECTOR_BITS) {
            return "preferred vector width is " + bits + " bits, below " + MIN_VECTOR_BITS;
        }
        return null;
    }
}
