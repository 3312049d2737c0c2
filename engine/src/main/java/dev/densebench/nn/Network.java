package dev.densebench.nn;

import dev.densebench.random.Seeds;

import dev.densebench.kernel.Activation;
import dev.densebench.kernel.Kernels;
import dev.densebench.loss.Loss;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A feed-forward stack Dense → Activation → … → Dense, ending in raw outputs that a fused
 * {@link Loss} turns into a loss and its gradient. Every buffer is allocated here, for
 * {@code maxBatch} rows; a training step allocates nothing.
 */
public final class Network {
    private final NetworkSpec spec;
    private final Kernels kernels;
    private final Loss loss;
    private final int maxBatch;
    private final int outputs;
    private final List<Layer> layers;
    private final List<Param> params;
    private final float[] lossGrad;
    private final float[] evalInput;

    public Network(NetworkSpec spec, Kernels kernels, int maxBatch, long seed) {
        if (maxBatch < 1) throw new IllegalArgumentException("batch size must be positive, got " + maxBatch);
        this.spec = spec;
        this.kernels = kernels;
        this.loss = Loss.parse(spec.output());
        this.maxBatch = maxBatch;
        this.outputs = loss.outputSize(spec.classes());
        SplittableRandom init = Seeds.INIT.stream(seed);
        SplittableRandom masks = Seeds.DROPOUT.stream(seed);
        List<Layer> built = new ArrayList<>();
        int width = spec.inputs();
        int[] hidden = spec.hidden();
        float[] dropout = spec.dropout();
        Activation act = spec.activation();
        for (int i = 0; i <= hidden.length; i++) {
            if (dropout[i] > 0f) {
                built.add(new Dropout(kernels, width, dropout[i], maxBatch, masks));
            }
            // dX is needed unless this Dense layer sees the raw inputs (possibly through dropout).
            boolean needsInputGrad = i > 0;
            if (i == hidden.length) {
                // The output layer feeds a loss, not a ReLU: Xavier keeps the initial logits small.
                built.add(new Dense(kernels, "dense" + (i + 1), width, outputs, maxBatch, false, needsInputGrad, init));
            } else {
                built.add(new Dense(kernels, "dense" + (i + 1), width, hidden[i], maxBatch, act.prefersHeInit(), needsInputGrad, init));
                built.add(new ActivationLayer(kernels, act, hidden[i], maxBatch));
                width = hidden[i];
            }
        }
        this.layers = Collections.unmodifiableList(built);
        List<Param> ps = new ArrayList<>();
        for (Layer l : layers) ps.addAll(l.params());
        this.params = Collections.unmodifiableList(ps);
        this.lossGrad = new float[maxBatch * outputs];
        this.evalInput = new float[maxBatch * spec.inputs()];
    }

    public NetworkSpec spec() { return spec; }
    public Kernels kernels() { return kernels; }
    public int maxBatch() { return maxBatch; }
    public int outputSize() { return outputs; }
    public List<Layer> layers() { return layers; }
    public List<Param> params() { return params; }

    public long parameterCount() {
        long n = 0;
        for (Param p : params) n += p.size();
        return n;
    }

    /** Every dropout layer draws its masks from {@code stream} from now on (one stream, shared, as at construction). */
    public void drawDropoutMasksFrom(SplittableRandom stream) {
        for (Layer l : layers) {
            if (l instanceof Dropout d) d.drawMasksFrom(stream);
        }
    }

    /** True when every parameter value is finite (no NaN, no infinity). */
    public boolean weightsFinite() {
        for (Param p : params) {
            for (float v : p.value()) {
                if (!Float.isFinite(v)) return false;
            }
        }
        return true;
    }

    /** Raw outputs (logits) for the first {@code batch} rows of {@code x}; the returned buffer is reused. */
    public float[] forward(float[] x, int batch, boolean training) {
        checkBatch(batch);
        float[] h = x;
        // Indexed loops, not iterators: the step must not allocate even when escape analysis gives up.
        for (int i = 0, n = layers.size(); i < n; i++) h = layers.get(i).forward(h, batch, training);
        return h;
    }

    /**
     * Forward, loss and backward for one batch: leaves every parameter gradient in its
     * {@link Param#grad()} (for the mean loss) and reports, in {@code stats}, the summed loss and
     * the number of correct predictions.
     */
    public void trainStep(float[] x, int[] labels, int labelOff, int batch, BatchStats stats) {
        float[] out = forward(x, batch, true);
        stats.correct = countCorrect(out, labels, labelOff, batch);
        stats.lossSum = loss.lossAndGradient(out, batch, outputs, labels, labelOff, lossGrad);
        float[] g = lossGrad;
        for (int i = layers.size() - 1; i >= 0 && g != null; i--) g = layers.get(i).backward(g, batch);
    }

    /** Loss and accuracy over {@code rows} rows of a dataset, in chunks of the batch size. */
    public Evaluation evaluate(float[] x, int[] y, int rows) {
        return evaluate(x, y, rows, null);
    }

    /**
     * Loss and accuracy over {@code rows} rows, and, when {@code predicted} is not null, each
     * row's predicted class into it: one forward pass for both (a confusion matrix needs them).
     */
    public Evaluation evaluate(float[] x, int[] y, int rows, int[] predicted) {
        double lossSum = 0;
        long correct = 0;
        for (int start = 0; start < rows; start += maxBatch) {
            int n = Math.min(maxBatch, rows - start);
            float[] out = forwardChunk(x, start, n);
            for (int r = 0; r < n; r++) {
                int p = loss.predict(out, r, outputs);
                if (predicted != null) predicted[start + r] = p;
                if (p == y[start + r]) correct++;
            }
            // Gradients are not needed, but the fused kernel writes them: use the spare buffer.
            lossSum += loss.lossAndGradient(out, n, outputs, y, start, lossGrad);
        }
        return new Evaluation(rows == 0 ? Double.NaN : lossSum / rows, rows == 0 ? Double.NaN : (double) correct / rows);
    }

    /**
     * The predicted class of each of {@code rows} rows of {@code x} into {@code classes} and, when
     * {@code probs} is not null, its class probabilities (rows × classes, see
     * {@link Loss#probabilities}), in one forward pass, in chunks of the batch size.
     */
    public void predict(float[] x, int rows, int[] classes, float[] probs) {
        int k = spec.classes();
        for (int start = 0; start < rows; start += maxBatch) {
            int n = Math.min(maxBatch, rows - start);
            float[] out = forwardChunk(x, start, n);
            for (int r = 0; r < n; r++) {
                classes[start + r] = loss.predict(out, r, outputs);
                if (probs != null) loss.probabilities(out, r, outputs, probs, (start + r) * k);
            }
        }
    }

    /** Inference outputs of rows [start, start + n) of {@code x} (n ≤ the batch size); the buffer is reused. */
    private float[] forwardChunk(float[] x, int start, int n) {
        int in = spec.inputs();
        System.arraycopy(x, start * in, evalInput, 0, n * in);
        return forward(evalInput, n, false);
    }

    private int countCorrect(float[] out, int[] labels, int labelOff, int batch) {
        int correct = 0;
        for (int r = 0; r < batch; r++) {
            if (loss.predict(out, r, outputs) == labels[labelOff + r]) correct++;
        }
        return correct;
    }

    private void checkBatch(int batch) {
        if (batch < 1 || batch > maxBatch) {
            throw new IllegalArgumentException("batch of " + batch + " rows, but the network was built for 1.." + maxBatch);
        }
    }

    /** Mutable per-step results, reused so that a step allocates nothing. */
    public static final class BatchStats {
        public double lossSum;
        public int correct;
    }

    /** Mean loss and accuracy of an evaluation pass. */
    public record Evaluation(double loss, double accuracy) {
    }
}
