package dev.densebench.run;

/**
 * What a training run will allocate, estimated before anything is: per weight, its value and
 * gradient, the optimizer's state and early stopping's copy; per layer and batch row, the
 * outputs and input gradients (activation and dropout layers hold their own); the batch and
 * evaluation buffers; and each kernel thread's packing buffers. The dataset is already loaded
 * when this is asked, so it is compared with the heap still free.
 */
final class MemoryEstimate {
    private MemoryEstimate() {
    }

    /** Bytes of packing buffers per kernel thread (KC × NC of B and MC × KC of A, the largest table row). */
    static final long PACK_BYTES_PER_THREAD = 4L * (1024 * 2048 + 96 * 1024);

    static long bytes(int inputs, int[] hidden, int outputs, int batch, String optimizer, boolean earlyStop, float[] dropout, int threads) {
        long weights = 0;
        long activations = 0;
        int width = inputs;
        for (int i = 0; i <= hidden.length; i++) {
            int out = i < hidden.length ? hidden[i] : outputs;
            weights += (long) width * out + out;
            activations += 2L * out + (i > 0 ? width : 0);                 // Dense output, input gradient
            if (i < hidden.length) activations += 2L * out;                 // activation output and gradient
            if (dropout[i] > 0) activations += 3L * width;                  // mask, output, gradient
            width = out;
        }
        int stateCopies = switch (optimizer) {
            case "adam", "adamw" -> 2;
            case "sgd" -> 0;
            default -> 1;
        };
        long floats = weights * (2 + stateCopies + (earlyStop ? 1 : 0)) + (long) batch * (activations + 2L * inputs + outputs);
        return 4 * floats + threads * PACK_BYTES_PER_THREAD;
    }

    /** The heap this JVM can still give: its maximum minus what is in use now. */
    static long freeHeap() {
        Runtime r = Runtime.getRuntime();
        return r.maxMemory() - (r.totalMemory() - r.freeMemory());
    }

    static String gigabytes(long bytes) {
        return String.format("%.1f GB", bytes / 1e9);
    }
}
