package dev.densebench.loss;

import dev.densebench.kernel.Kernels;

/**
 * Softmax + cross-entropy, fused: for logits z and label t,
 * L = logsumexp(z) − z_t (computed as max + log Σ e^(z−max), finite for any logits) and
 * dL/dz = softmax(z) − onehot(t).
 */
public final class SoftmaxCrossEntropy implements Loss {
    @Override
    public String name() {
        return "softmax";
    }

    @Override
    public int outputSize(int classes) {
        return classes;
    }

    @Override
    public double lossAndGradient(Kernels kernels, float[] outputs, int rows, int width, int[] labels, int labelOff,
                                  float[] dOutputs) {
        return kernels.softmaxCrossEntropy(rows, width, outputs, labels, labelOff, 1f / rows, dOutputs);
    }

    @Override
    public int predict(float[] outputs, int row, int width) {
        return Loss.argmax(outputs, row, width);
    }
}
