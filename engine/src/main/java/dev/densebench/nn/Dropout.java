package dev.densebench.nn;

import dev.densebench.kernel.Kernels;
import java.util.SplittableRandom;

/**
 * Inverted dropout (Srivastava et al. 2014) with drop probability p, keep probability q = 1 − p:
 * in training y = x ⊙ m with m_i = 1/q with probability q, else 0, so E[y] = x; backward
 * dx = dy ⊙ m. At evaluation it is the identity (the input array is passed through).
 * Masks come from the seeded dropout stream, which the trainer replaces at every epoch
 * ({@link #drawMasksFrom}) so that a resumed run draws the same masks.
 */
public final class Dropout implements Layer {
    private final Kernels kernels;
    private final int size;
    private final float rate;
    private final float[] mask;
    private final float[] output;
    private final float[] inputGrad;
    private SplittableRandom rng;

    public Dropout(Kernels kernels, int size, float rate, int maxBatch, SplittableRandom rng) {
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
        this.kernels = kernels;
        this.size = size;
        this.rate = rate;
        this.mask = new float[maxBatch * size];
        this.output = new float[maxBatch * size];
        this.inputGrad = new float[maxBatch * size];
        this.rng = rng;
    }

    /** Masks from now on come from {@code stream}. */
    public void drawMasksFrom(SplittableRandom stream) {
        this.rng = stream;
    }

    @Override
    public int inputSize() {
        return size;
    }

    @Override
    public int outputSize() {
        return size;
    }

    @Override
    public float[] forward(float[] input, int batch, boolean training) {
        if (!training) {
            return input;
        }
        int n = batch * size;
        float keep = 1f - rate;
        float scale = 1f / keep;
        // Two 24-bit uniforms per 64-bit draw halves the cost of the random stream.
        int i = 0;
        for (; i + 1 < n; i += 2) {
            long bits = rng.nextLong();
            mask[i] = ((bits >>> 40) * 0x1.0p-24f) < keep ? scale : 0f;
            mask[i + 1] = (((bits >>> 8) & 0xFFFFFFL) * 0x1.0p-24f) < keep ? scale : 0f;
        }
        if (i < n) {
            mask[i] = rng.nextFloat() < keep ? scale : 0f;
        }
        kernels.updates().multiply(n, input, mask, output);
        return output;
    }

    @Override
    public float[] backward(float[] dOutput, int batch) {
        kernels.updates().multiply(batch * size, dOutput, mask, inputGrad);
        return inputGrad;
    }
}
