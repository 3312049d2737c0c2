package dev.densebench.nn;

import dev.densebench.kernel.Activation;
import java.util.Arrays;

/**
 * The shape of a multilayer perceptron: inputs, hidden widths, one activation for every
 * hidden layer, the output kind ({@code softmax}, {@code sigmoid} or {@code mse}), and the
 * dropout rate before each Dense layer: {@code dropout[0]} on the inputs, {@code dropout[i]}
 * after hidden layer i (length hidden + 1; all zero for none).
 */
public record NetworkSpec(int inputs, int[] hidden, Activation activation, String output, int classes, float[] dropout) {

    public NetworkSpec(int inputs, int[] hidden, Activation activation, String output, int classes) {
        this(inputs, hidden, activation, output, classes, new float[hidden.length + 1]);
    }

    public NetworkSpec {
        if (dropout.length != hidden.length + 1) {
            throw new IllegalArgumentException("need " + (hidden.length + 1) + " dropout rates (inputs and each hidden layer), got "
                    + dropout.length);
        }
        for (float p : dropout) {
            if (!(p >= 0f && p < 1f)) throw new IllegalArgumentException("dropout rates must be in [0, 1), got " + Arrays.toString(dropout));
        }
        dropout = dropout.clone();
        if (inputs < 1) throw new IllegalArgumentException("inputs must be positive, got " + inputs);
        for (int h : hidden) {
            if (h < 1) throw new IllegalArgumentException("hidden layer sizes must be positive, got " + Arrays.toString(hidden));
        }
        if (classes < 2) throw new IllegalArgumentException("need at least 2 classes, got " + classes);
        hidden = hidden.clone();
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    @Override
    public float[] dropout() {
        return dropout.clone();
    }

    /** e.g. {@code 784-512-512-10}. */
    public String describe(int outputs) {
        StringBuilder sb = new StringBuilder().append(inputs);
        for (int h : hidden) sb.append('-').append(h);
        return sb.append('-').append(outputs).toString();
    }
}
