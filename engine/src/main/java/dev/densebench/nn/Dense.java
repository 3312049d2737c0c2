package dev.densebench.nn;

import dev.densebench.kernel.Kernels;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fully connected layer. Shapes (B = batch, I = inputs, O = outputs), all row-major:
 * <pre>
 *   forward:   Y[B×O]  = X[B×I] · W[I×O] + b[O]   (kernels.linear: bias added in the GEMM write-back)
 *   backward:  dW[I×O] = Xᵀ · dY          (sgemm transA)
 *              db[O]   = Σ_rows dY        (column sums)
 *              dX[B×I] = dY · Wᵀ          (sgemm transB; skipped for the first layer)
 * </pre>
 */
public final class Dense implements Layer {
    private final Kernels kernels;
    private final int in;
    private final int out;
    private final float[] weight;
    private final float[] bias;
    private final float[] weightGrad;
    private final float[] biasGrad;
    private final float[] output;
    private final float[] inputGrad;
    private final List<Param> params;
    private float[] lastInput;

    /**
     * @param heInit       He (N(0, 2/I)) for ReLU-family successors, else Xavier (U(±√(6/(I+O))))
     * @param inputGradient whether backward must produce dX (false for the first layer)
     */
    public Dense(Kernels kernels, String name, int in, int out, int maxBatch,
                 boolean heInit, boolean inputGradient, SplittableRandom init) {
        this.kernels = kernels;
        this.in = in;
        this.out = out;
        this.weight = new float[in * out];
        this.bias = new float[out];
        this.weightGrad = new float[in * out];
        this.biasGrad = new float[out];
        this.output = new float[maxBatch * out];
        this.inputGrad = inputGradient ? new float[maxBatch * in] : null;
        if (heInit) {
            double std = Math.sqrt(2.0 / in);
            for (int i = 0; i < weight.length; i++) {
                weight[i] = (float) (init.nextGaussian() * std);
            }
        } else {
            double limit = Math.sqrt(6.0 / (in + out));
            for (int i = 0; i < weight.length; i++) {
                weight[i] = (float) init.nextDouble(-limit, limit);
            }
        }
        this.params = List.of(new Param(name + ".weight", weight, weightGrad, true),
                new Param(name + ".bias", bias, biasGrad, false));
    }

    @Override
    public int inputSize() {
        return in;
    }

    @Override
    public int outputSize() {
        return out;
    }

    @Override
    public float[] forward(float[] input, int batch, boolean training) {
        lastInput = input;
        kernels.linear(batch, in, out, input, weight, bias, output);
        return output;
    }

    @Override
    public float[] backward(float[] dOutput, int batch) {
        kernels.sgemm(true, false, in, out, batch, 1f, lastInput, 0, in, dOutput, 0, out, 0f, weightGrad, 0, out);
        kernels.columnSums(batch, out, dOutput, biasGrad);
        if (inputGrad == null) {
            return null;
        }
        kernels.sgemm(false, true, batch, in, out, 1f, dOutput, 0, out, weight, 0, out, 0f, inputGrad, 0, in);
        return inputGrad;
    }

    @Override
    public List<Param> params() {
        return params;
    }

    public float[] weight() {
        return weight;
    }

    public float[] bias() {
        return bias;
    }
}
