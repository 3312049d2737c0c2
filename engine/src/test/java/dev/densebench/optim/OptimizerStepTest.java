package dev.densebench.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.densebench.kernel.Kernels;
import dev.densebench.kernel.ScalarKernels;
import dev.densebench.kernel.VectorKernels;
import dev.densebench.nn.Param;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Three optimizer steps on a 37-element weight (so the vector kernels run a full vector and a
 * tail) and a 5-element bias, against the update rules written out again here in double
 * precision, one coordinate at a time. Gradients differ at every step.
 */
class OptimizerStepTest {
    static final int N = 37;
    static final int STEPS = 3;
    static final float LR = 0.1f;

    static Stream<Arguments> kernels() {
        return Stream.of(Arguments.of(new ScalarKernels()), Arguments.of(new VectorKernels(1)), Arguments.of(new VectorKernels(2)));
    }

    /** Per-coordinate reference rules; state[k] is this coordinate's k-th state variable. */
    interface Rule {
        double step(double w, double g, double[] state, int t);
    }

    static void check(Kernels k, OptimizerSpec spec, Rule rule, boolean decayBias) {
        SplittableRandom rng = new SplittableRandom(21);
        float[] w = new float[N], b = new float[5];
        for (int i = 0; i < N; i++) w[i] = (float) rng.nextDouble(-1, 1);
        for (int i = 0; i < 5; i++) b[i] = (float) rng.nextDouble(-1, 1);
        float[] gw = new float[N], gb = new float[5];
        Param weight = new Param("w", w, gw, true);
        Param bias = new Param("b", b, gb, decayBias);
        Optimizer opt = spec.create(k, List.of(weight, bias));
        double[] expectW = new double[N], expectB = new double[5];
        for (int i = 0; i < N; i++) expectW[i] = w[i];
        for (int i = 0; i < 5; i++) expectB[i] = b[i];
        double[][] stateW = new double[N][3], stateB = new double[5][3];
        for (int t = 1; t <= STEPS; t++) {
            for (int i = 0; i < N; i++) gw[i] = (float) rng.nextDouble(-1, 1);
            for (int i = 0; i < 5; i++) gb[i] = (float) rng.nextDouble(-1, 1);
            for (int i = 0; i < N; i++) expectW[i] = rule.step(expectW[i], gw[i], stateW[i], t);
            for (int i = 0; i < 5; i++) expectB[i] = decayBias ? rule.step(expectB[i], gb[i], stateB[i], t)
                    : ruleWithoutDecay(spec, rule).step(expectB[i], gb[i], stateB[i], t);
            opt.step();
        }
        for (int i = 0; i < N; i++) assertEquals(expectW[i], w[i], 2e-5, spec.name() + " weight " + i);
        for (int i = 0; i < 5; i++) assertEquals(expectB[i], b[i], 2e-5, spec.name() + " bias " + i);
    }

    /** The same optimizer without L2 or decay: what an undecayed bias sees. */
    static Rule ruleWithoutDecay(OptimizerSpec spec, Rule withDecay) {
        OptimizerSpec plain = new OptimizerSpec(spec.name(), spec.lr(), spec.momentum(), spec.beta1(), spec.beta2(), spec.eps(),
                spec.rho(), 0f, 0f);
        return rule(plain);
    }

    /** The textbook rules, applied with L2 (g += λw) and decoupled decay (w *= 1 − ηλ) first. */
    static Rule rule(OptimizerSpec s) {
        double lr = s.lr(), l2 = s.l2(), wd = s.weightDecay();
        Rule core = switch (s.name()) {
            case "sgd" -> (w, g, st, t) -> w - lr * g;
            case "momentum" -> (w, g, st, t) -> {
                st[0] = s.momentum() * st[0] + g;          // v ← μv + g
                return w - lr * st[0];                     // w ← w − ηv
            };
            case "nesterov" -> (w, g, st, t) -> {
                st[0] = s.momentum() * st[0] + g;          // v ← μv + g
                return w - lr * (g + s.momentum() * st[0]); // look-ahead: w ← w − η(g + μv)
            };
            case "rmsprop" -> (w, g, st, t) -> {
                st[0] = s.rho() * st[0] + (1 - s.rho()) * g * g; // running average of g²
                return w - lr * g / (Math.sqrt(st[0]) + s.eps());
            };
            case "adam", "adamw" -> (w, g, st, t) -> {
                st[0] = s.beta1() * st[0] + (1 - s.beta1()) * g;
                st[1] = s.beta2() * st[1] + (1 - s.beta2()) * g * g;
                double mHat = st[0] / (1 - Math.pow(s.beta1(), t)); // bias correction
                double vHat = st[1] / (1 - Math.pow(s.beta2(), t));
                return w - lr * mHat / (Math.sqrt(vHat) + s.eps());
            };
            case "adagrad" -> (w, g, st, t) -> {
                st[0] += g * g;
                return w - lr * g / (Math.sqrt(st[0]) + s.eps());
            };
            default -> throw new IllegalArgumentException(s.name());
        };
        return (w, g, st, t) -> {
            double gg = g + l2 * w;
            double ww = w * (1 - lr * wd);
            return core.step(ww, gg, st, t);
        };
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void everyOptimizerMatchesItsRule(Kernels k) {
        for (String name : OptimizerSpec.NAMES) {
            OptimizerSpec spec = OptimizerSpec.withDefaults(name, LR, null, null, null, null, null, null, null);
            check(k, spec, rule(spec), false);
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void l2AndDecoupledDecayOnEveryOptimizer(Kernels k) {
        for (String name : OptimizerSpec.NAMES) {
            OptimizerSpec spec = OptimizerSpec.withDefaults(name, LR, null, null, null, null, null, 0.05f, 0.02f);
            check(k, spec, rule(spec), false);
            check(k, spec, rule(spec), true);
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void adamWithL2IsNotAdamW(Kernels k) {
        // Adam on an L2-penalised loss rescales the penalty by 1/√v̂; AdamW shrinks w by ηλ directly.
        float[] w1 = {2f, 2f}, w2 = {2f, 2f}, g1 = {1e-3f, 1f}, g2 = {1e-3f, 1f};
        Optimizer adamL2 = OptimizerSpec.withDefaults("adam", 0.01f, null, null, null, null, null, 0.1f, 0f)
                .create(k, List.of(new Param("w", w1, g1, true)));
        Optimizer adamW = OptimizerSpec.withDefaults("adamw", 0.01f, null, null, null, null, null, 0f, 0.1f)
                .create(k, List.of(new Param("w", w2, g2, true)));
        adamL2.step();
        adamW.step();
        // Step 1 of Adam moves every coordinate by ≈ η whatever the gradient's size: with L2 both
        // coordinates move by ≈ 0.01 (the penalty is normalised away) ...
        assertEquals(2 - 0.01, w1[0], 1e-4);
        assertEquals(2 - 0.01, w1[1], 1e-4);
        // ... while AdamW first shrinks by ηλw = 0.01·0.1·2 = 0.002, then takes the same Adam step.
        assertEquals(2 * (1 - 0.01 * 0.1) - 0.01, w2[0], 1e-4);
        assertTrue(Math.abs(w1[0] - w2[0]) > 1e-3, "the two regularizers differ");
    }
}
