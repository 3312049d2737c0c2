package dev.densebench.kernel;

/**
 * Element-wise activation functions. Each knows its forward value and its derivative, written
 * in terms of the pre-activation {@code x} and the output {@code y = f(x)} (whichever is cheaper).
 */
public enum Activation {
    /** y = x. */
    IDENTITY,
    /** y = max(0, x); dy/dx = [x > 0]. */
    RELU,
    /** y = x for x > 0, else a·x (a = {@link #LEAKY_SLOPE}); dy/dx = 1 or a. */
    LEAKY_RELU,
    /** y = 1 / (1 + e^-x); dy/dx = y (1 - y). */
    SIGMOID,
    /** y = tanh x; dy/dx = 1 - y². */
    TANH;

    /** Slope of LeakyReLU for negative inputs (the common default). */
    public static final float LEAKY_SLOPE = 0.01f;

    /** Parses a command-line name such as {@code relu} or {@code leaky-relu}. */
    public static Activation parse(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "identity", "linear" -> IDENTITY;
            case "relu" -> RELU;
            case "leaky-relu", "leakyrelu", "leaky_relu" -> LEAKY_RELU;
            case "sigmoid" -> SIGMOID;
            case "tanh" -> TANH;
            default -> throw new IllegalArgumentException(
                    "unknown activation '" + name + "' (expected relu, leaky-relu, sigmoid, tanh or identity)");
        };
    }

    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** ReLU-family units get He initialisation, saturating ones Xavier/Glorot. */
    public boolean prefersHeInit() {
        return this == RELU || this == LEAKY_RELU;
    }
}
