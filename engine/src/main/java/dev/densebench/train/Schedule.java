package dev.densebench.train;

import java.util.List;

/**
 * Learning-rate schedules as a function of training progress e (in epochs, fractional within
 * an epoch, so the rate changes every step) over E epochs, from the base rate η₀:
 * <pre>
 *   constant      η₀
 *   step          η₀ · γ^⌊e / stepEpochs⌋
 *   exponential   η₀ · γ^e
 *   cosine        η₀ · ½ (1 + cos(π e / E))          (Loshchilov &amp; Hutter 2017, no restarts)
 * </pre>
 * with an optional linear warm-up over the first {@code warmupEpochs}: the rate is multiplied
 * by min(1, e / warmupEpochs), measured at the end of the step.
 */
public record Schedule(String kind, float gamma, float stepEpochs, float warmupEpochs) {
    public static final List<String> KINDS = List.of("constant", "step", "exponential", "cosine");

    public Schedule {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("unknown schedule '" + kind + "' (expected one of " + String.join(", ", KINDS) + ")");
        }
        if (!(gamma > 0f && gamma <= 1f)) throw new IllegalArgumentException("schedule gamma must be in (0, 1], got " + gamma);
        if (!(stepEpochs > 0f)) throw new IllegalArgumentException("schedule step must be positive, got " + stepEpochs);
        if (!(warmupEpochs >= 0f)) throw new IllegalArgumentException("warm-up must be >= 0 epochs, got " + warmupEpochs);
    }

    public static Schedule constant() {
        return new Schedule("constant", 1f, 1f, 0f);
    }

    /**
     * The rate for the step that ends at progress {@code epochs} (e.g. 0.5 halfway through the
     * first epoch) of {@code totalEpochs}.
     */
    public float rate(float base, double epochs, int totalEpochs) {
        double r = switch (kind) {
            case "step" -> base * Math.pow(gamma, Math.floor(epochs / stepEpochs));
            case "exponential" -> base * Math.pow(gamma, epochs);
            case "cosine" -> base * 0.5 * (1 + Math.cos(Math.PI * Math.min(1.0, epochs / totalEpochs)));
            default -> base;
        };
        if (warmupEpochs > 0f) {
            r *= Math.min(1.0, epochs / warmupEpochs);
        }
        return (float) r;
    }
}
