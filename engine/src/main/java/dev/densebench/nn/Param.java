package dev.densebench.nn;

/**
 * One trainable tensor as optimizers see it: its values, its gradient (same length, written
 * by the backward pass), and whether weight decay / L2 applies (weights yes, biases no).
 */
public record Param(String name, float[] value, float[] grad, boolean decay) {
    public Param {
        if (value.length != grad.length) {
            throw new IllegalArgumentException("param " + name + ": value and gradient lengths differ");
        }
    }

    public int size() {
        return value.length;
    }
}
