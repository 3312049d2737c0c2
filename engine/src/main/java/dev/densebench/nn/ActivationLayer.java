package dev.densebench.nn;

import dev.densebench.kernel.Activation;
import dev.densebench.kernel.Kernels;

/**
 * Element-wise activation: forward y = f(x); backward dx = dy ⊙ f'(x) (f' from x or y, see
 * {@link Activation}). Shapes: x, y, dx, dy all B×N.
 */
public final class ActivationLayer implements Layer {
    private final Kernels kernels;
    private final Activation f;
    private final int size;
    private final float[] output;
    private final float[] inputGrad;
    private float[] lastInput;

    public ActivationLayer(Kernels kernels, Activation f, int size, int maxBatch) {
        this.kernels = kernels;
        this.f = f;
        this.size = size;
        this.output = new float[maxBatch * size];
        this.inputGrad = new float[maxBatch * size];
    }

    public Activation activation() {
        return f;
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
        lastInput = input;
        kernels.activationForward(f, batch * size, input, output);
        return output;
    }

    @Override
    public float[] backward(float[] dOutput, int batch) {
        kernels.activationBackward(f, batch * size, lastInput, output, dOutput, inputGrad);
        return inputGrad;
    }
}
