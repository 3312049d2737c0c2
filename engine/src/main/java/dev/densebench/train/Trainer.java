package dev.densebench.train;

import dev.densebench.data.DataSplits;
import dev.densebench.data.Dataset;
import dev.densebench.data.Datasets;
import dev.densebench.nn.Network;
import dev.densebench.nn.Seeds;
import dev.densebench.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mini-batch training: each epoch shuffles the training rows with the seeded stream, gathers
 * each batch into a preallocated buffer, runs forward/loss/backward and one optimizer step,
 * then evaluates on the validation and test sets. The last, partial batch is trained too.
 */
public final class Trainer {
    private final Network network;
    private final Optimizer optimizer;
    private final DataSplits data;
    private final int batchSize;
    private final SplittableRandom shuffle;
    private final float[] xBatch;
    private final int[] yBatch;
    private final int[] order;
    private final Network.BatchStats stats = new Network.BatchStats();

    public Trainer(Network network, Optimizer optimizer, DataSplits data, int batchSize, long seed) {
        if (batchSize < 1 || batchSize > network.maxBatch()) {
            throw new IllegalArgumentException("batch size " + batchSize + " must be in 1.." + network.maxBatch());
        }
        if (data.train().features() != network.spec().inputs()) {
            throw new IllegalArgumentException("the network takes " + network.spec().inputs()
                    + " inputs but " + data.train().name() + " has " + data.train().features() + " features");
        }
        this.network = network;
        this.optimizer = optimizer;
        this.data = data;
        this.batchSize = batchSize;
        this.shuffle = Seeds.SHUFFLE.stream(seed);
        this.xBatch = new float[batchSize * network.spec().inputs()];
        this.yBatch = new int[batchSize];
        this.order = new int[data.train().rows()];
    }

    public int batchesPerEpoch() {
        return (data.train().rows() + batchSize - 1) / batchSize;
    }

    /** Trains for {@code epochs} epochs and returns the statistics of each. */
    public List<EpochStats> fit(int epochs, TrainingListener listener) {
        listener.onStart(epochs, batchesPerEpoch());
        List<EpochStats> history = new ArrayList<>();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            EpochStats s = runEpoch(epoch, listener);
            history.add(s);
            listener.onEpoch(s);
        }
        return history;
    }

    /** One epoch of training plus the evaluation passes. */
    public EpochStats runEpoch(int epoch, TrainingListener listener) {
        Dataset train = data.train();
        shuffleOrder();
        double lossSum = 0;
        long correct = 0;
        long t0 = System.nanoTime();
        int batches = batchesPerEpoch();
        for (int b = 0; b < batches; b++) {
            int start = b * batchSize;
            int n = Math.min(batchSize, train.rows() - start);
            trainBatch(start, n);
            lossSum += stats.lossSum;
            correct += stats.correct;
            listener.onBatch(epoch, b + 1, lossSum / (start + n));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        Network.Evaluation val = evaluate(data.validation());
        Network.Evaluation test = evaluate(data.test());
        double evalSeconds = (System.nanoTime() - t1) / 1e9;
        return new EpochStats(epoch, lossSum / train.rows(), (double) correct / train.rows(),
                val.loss(), val.accuracy(), test.loss(), test.accuracy(),
                seconds, train.rows() / seconds, evalSeconds, optimizer.learningRate());
    }

    /** Gathers rows order[start, start+n) and takes one optimizer step on them. Allocates nothing. */
    public void trainBatch(int start, int n) {
        Dataset train = data.train();
        int f = train.features();
        float[] x = train.x();
        int[] y = train.y();
        for (int i = 0; i < n; i++) {
            int row = order[start + i];
            System.arraycopy(x, row * f, xBatch, i * f, f);
            yBatch[i] = y[row];
        }
        network.trainStep(xBatch, yBatch, 0, n, stats);
        optimizer.step();
    }

    /** Loss and accuracy on a dataset (NaN for an empty one). */
    public Network.Evaluation evaluate(Dataset d) {
        return network.evaluate(d.x(), d.y(), d.rows());
    }

    /** Draws a fresh seeded permutation of the training rows into {@code order}, in place. */
    public void shuffleOrder() {
        for (int i = 0; i < order.length; i++) order[i] = i;
        for (int i = order.length - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
