package dev.densebench.nn;

import dev.densebench.kernel.Activation;
import java.util.Arrays;

/**
 * The shape of a multilayer perceptron: inputs, hidden widths, one activation for every
 * hidden layer, and the output kind ({@code softmax}, {@code sigmoid} or {@code mse}).
 */
public record NetworkSpec(int inputs, int[] hidden, Activation activation, String output, int classes) {
    public NetworkSpec {
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

    /** e.g. {@code 784-512-512-10}. */
    public String describe(int outputs) {
        StringBuilder sb = new StringBuilder().append(inputs);
        for (int h : hidden) sb.append('-').append(h);
        return sb.append('-').append(outputs).toString();
    }
}
