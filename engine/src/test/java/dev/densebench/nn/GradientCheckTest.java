package dev.densebench.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.densebench.kernel.Activation;
import dev.densebench.kernel.Kernels;
import dev.densebench.kernel.ScalarKernels;
import dev.densebench.kernel.VectorKernels;
import dev.densebench.loss.Loss;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Finite-difference checks: every analytic gradient against the central difference
 * (L(θ+h) − L(θ−h)) / 2h of a scalar function of the layer's output. For a layer we use
 * L = Σ r ⊙ y with a fixed random r, so dL/dy = r.
 */
class GradientCheckTest {
    static final float H = 1e-2f;

    static Stream<Arguments> kernels() {
        return Stream.of(Arguments.of(new ScalarKernels()), Arguments.of(new VectorKernels(1)));
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void dense(Kernels k) {
        SplittableRandom rng = new SplittableRandom(7);
        int batch = 5, in = 7, out = 19;
        Dense dense = new Dense(k, "d", in, out, batch, false, true, rng);
        randomize(dense.bias(), rng);
        float[] x = random(rng, batch * in);
        float[] r = random(rng, batch * out);
        DoubleSupplier loss = () -> dot(dense.forward(x, batch, true), r, batch * out);
        loss.getAsDouble();
        float[] dx = dense.backward(r, batch).clone();
        checkAll("dense dW", dense.weight(), dense.params().get(0).grad().clone(), loss);
        checkAll("dense db", dense.bias(), dense.params().get(1).grad().clone(), loss);
        checkAll("dense dX", x, dx, loss);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void activation(Activation f) {
        SplittableRandom rng = new SplittableRandom(11);
        int batch = 4, size = 21;
        ActivationLayer layer = new ActivationLayer(new ScalarKernels(), f, size, batch);
        float[] x = random(rng, batch * size);
        // Keep inputs away from ReLU's kink at 0, where the derivative is undefined.
        for (int i = 0; i < x.length; i++) if (Math.abs(x[i]) < 0.05f) x[i] += 0.1f;
        float[] r = random(rng, batch * size);
        DoubleSupplier loss = () -> dot(layer.forward(x, batch, true), r, batch * size);
        loss.getAsDouble();
        float[] dx = layer.backward(r, batch).clone();
        checkAll(f + " dX", x, dx, loss);
    }

    @ParameterizedTest
    @ValueSource(strings = {"softmax", "sigmoid", "mse"})
    void loss(String name) {
        SplittableRandom rng = new SplittableRandom(13);
        Loss loss = Loss.parse(name);
        int rows = 6, classes = name.equals("sigmoid") ? 2 : 5, width = loss.outputSize(classes);
        float[] z = random(rng, rows * width);
        for (int i = 0; i < z.length; i++) z[i] *= 3;
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) labels[i] = rng.nextInt(classes);
        float[] grad = new float[z.length];
        float[] scratch = new float[z.length];
        Kernels k = new ScalarKernels();
        // The gradient is of the mean loss over the rows.
        DoubleSupplier mean = () -> loss.lossAndGradient(z, rows, width, labels, 0, scratch) / rows;
        loss.lossAndGradient(z, rows, width, labels, 0, grad);
        checkAll(name + " dZ", z, grad, mean);
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void threeLayerNetwork(Kernels k) {
        SplittableRandom rng = new SplittableRandom(17);
        int batch = 6;
        NetworkSpec spec = new NetworkSpec(9, new int[] {12, 8}, Activation.TANH, "softmax", 4);
        Network net = new Network(spec, k, batch, 5);
        float[] x = random(rng, batch * 9);
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) labels[i] = rng.nextInt(4);
        Network.BatchStats stats = new Network.BatchStats();
        DoubleSupplier mean = () -> {
            net.trainStep(x, labels, 0, batch, stats);
            return stats.lossSum / batch;
        };
        mean.getAsDouble();
        for (Param p : net.params()) {
            float[] analytic = p.grad().clone();
            checkAll("network " + p.name(), p.value(), analytic, mean);
        }
    }

    /** Compares every analytic gradient entry with the central difference of {@code loss}. */
    static void checkAll(String what, float[] theta, float[] analytic, DoubleSupplier loss) {
        for (int i = 0; i < theta.length; i++) {
            float saved = theta[i];
            theta[i] = saved + H;
            double plus = loss.getAsDouble();
            theta[i] = saved - H;
            double minus = loss.getAsDouble();
            theta[i] = saved;
            double numeric = (plus - minus) / (2 * H);
            double err = Math.abs(numeric - analytic[i]);
            double bound = 2e-3 + 2e-2 * Math.abs(numeric);
            final int index = i;
            assertTrue(err <= bound, () -> what + "[" + index + "]: analytic " + analytic[index] + ", numeric " + numeric);
        }
    }

    static double dot(float[] a, float[] b, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += (double) a[i] * b[i];
        return s;
    }

    static float[] random(SplittableRandom rng, int n) {
        float[] x = new float[n];
        randomize(x, rng);
        return x;
    }

    static void randomize(float[] x, SplittableRandom rng) {
        for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextDouble(-1, 1);
    }
}
