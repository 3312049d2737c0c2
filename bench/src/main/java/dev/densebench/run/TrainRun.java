package dev.densebench.run;

import dev.densebench.dataset.DataSplits;
import dev.densebench.kernel.Kernels;
import dev.densebench.loss.Loss;
import dev.densebench.model.Checkpoint;
import dev.densebench.model.ModelFile;
import dev.densebench.nn.Network;
import dev.densebench.nn.NetworkSpec;
import dev.densebench.runrecord.MachineInfo;
import dev.densebench.runrecord.RunRecord;
import dev.densebench.runrecord.RunRecordWriter;
import dev.densebench.train.ConfusionMatrix;
import dev.densebench.train.TrainResult;
import dev.densebench.train.Trainer;
import dev.densebench.train.TrainingListener;
import dev.densebench.train.TrainingState;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One training run as a library call: a {@link RunSpec} and its data in; the network, optimizer
 * and trainer built, trained (from a checkpoint when given, checkpointing when asked), the run
 * record written, and the model saved when asked; the result out. {@code train},
 * {@code lr-search} and the ablation all run through here; the command line only parses and
 * prints.
 */
public final class TrainRun {
    private TrainRun() {
    }

    /** The densebench version written into records and model files. */
    public static final String VERSION = "0.1.0";

    /**
     * Checkpointing of one run: where ({@code null}: none), how often, and the state to continue
     * from ({@code null}: a fresh start). The spec's options are saved with each checkpoint, so
     * that a resume rebuilds the very same run.
     */
    public record Resumption(Checkpoint checkpoint, int every, TrainingState from) {
        public static final Resumption NONE = new Resumption(null, 1, null);
    }

    /**
     * Trains {@code spec} on {@code splits} with {@code kernels}, writes the record to
     * {@code record} (or, when that fails at the end, to the temporary folder, and says so), saves
     * the model to {@code spec.save()} when set and the run did not diverge. {@code out} gets the
     * lines a person reads (a null stream: none), {@code progress} the epochs and batches.
     */
    public static TrainResult run(RunSpec spec, Kernels kernels, DataSplits splits, Path record, PrintStream out,
                                  TrainingListener progress, Resumption resumption) throws IOException {
        NetworkSpec netSpec = new NetworkSpec(splits.train().features(), spec.layers(), spec.activation(), spec.output(),
                splits.train().classes(), spec.dropout());
        int outputs = Loss.parse(spec.output()).outputSize(splits.train().classes());
        checkMemory(spec, netSpec, outputs, kernels);
        Network net = new Network(netSpec, kernels, spec.batch(), spec.seed());
        Trainer trainer = new Trainer(net, spec.optimizer().create(kernels, net.params()), splits, spec.training());
        out.printf("%s  %s (%,d parameters)  %s lr %s  batch %d  epochs %d  seed %d  kernels %s  threads %d%n",
                spec.dataset(), netSpec.describe(outputs), net.parameterCount(), spec.optimizer().name(), spec.optimizer().lr(),
                spec.batch(), spec.epochs(), spec.seed(), kernels.name(), kernels.pool().size());
        out.printf("train %,d  validation %,d  test %,d examples  |  %s%n", splits.train().rows(),
                splits.validation().rows(), splits.test().rows(), regularizationSummary(spec));
        if (resumption.from() != null) trainer.restore(resumption.from());
        if (resumption.checkpoint() != null) {
            Checkpoint c = resumption.checkpoint();
            trainer.checkpointTo(state -> c.save(state, spec.options()), resumption.every());
        }
        TrainResult result;
        try {
            result = trainer.fit(spec.epochs(), progress);
        } catch (java.io.UncheckedIOException e) {
            throw new IOException("could not write the checkpoint to " + spec.checkpoint() + ": " + e.getCause().getMessage(), e.getCause());
        } finally {
            // A progress bar goes before the lines below are printed.
            if (progress instanceof AutoCloseable display) closeQuietly(display);
        }
        if (spec.training().earlyStopPatience() > 0) {
            out.printf("early stopping: best epoch %d, restored; validation %.2f %%, test %.2f %%%n",
                    result.bestEpoch(), 100 * result.finalValidation().accuracy(), 100 * result.finalTest().accuracy());
        }
        ConfusionMatrix confusion = null;
        if (!result.diverged()) {
            var test = splits.test();
            int[] predicted = new int[test.rows()];
            net.predict(test.x(), test.rows(), predicted, null);
            confusion = ConfusionMatrix.of(test.classNames(), test.y(), predicted, test.rows());
        }
        Object rec = RunRecord.build(spec.config(netSpec.describe(outputs), net.parameterCount(), kernels.name(), kernels.pool().size()),
                spec.seed(), spec.dataset(), splits, result, spec.target(), kernels, confusion);
        try {
            RunRecordWriter.writeAtomically(record, rec);
        } catch (IOException e) {
            // Checked before training, yet it failed now (disk full, folder removed): keep the run.
            Path fallback = Path.of(System.getProperty("java.io.tmpdir")).resolve(record.getFileName());
            RunRecordWriter.writeAtomically(fallback, rec);
            throw new IOException("could not write the run record to " + record + " (" + e.getMessage()
                    + "); it was written to " + fallback + " instead", e);
        }
        out.println("run record: " + record);
        if (spec.save() != null && !result.diverged()) {
            ModelFile.save(spec.save(), net, splits.train().classNames(), splits.scaling(), modelOrigin(spec, result));
            out.println("model: " + spec.save());
        }
        return result;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // a display that cannot close loses nothing
        }
    }

    /** A network that cannot fit in the heap is refused before it is allocated, with both numbers. */
    private static void checkMemory(RunSpec spec, NetworkSpec netSpec, int outputs, Kernels kernels) {
        long needed = MemoryEstimate.bytes(netSpec.inputs(), spec.layers(), outputs, spec.batch(), spec.optimizer().name(),
                spec.training().earlyStopPatience() > 0, spec.dropout(), kernels.pool().size());
        long free = MemoryEstimate.freeHeap();
        if (needed > free) {
            long used = Runtime.getRuntime().maxMemory() - free;
            throw new OptionException("--layers", String.join(",", Arrays.stream(spec.layers()).mapToObj(Integer::toString).toList()),
                    "a network that fits: " + netSpec.describe(outputs) + " with batch " + spec.batch() + " needs about "
                    + MemoryEstimate.gigabytes(needed) + ", the heap has " + MemoryEstimate.gigabytes(free) + " free; raise it with"
                    + " DENSEBENCH_JVM_OPTS=-Xmx" + Math.max(2, (needed * 5 / 4 + used) / 1_000_000_000 + 1)
                    + "g, or make the network or the batch smaller");
        }
    }

    /** Where a saved model came from: enough for {@code evaluate} to rebuild its test split. */
    private static Map<String, String> modelOrigin(RunSpec spec, TrainResult result) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("dataset", spec.dataset());
        m.put("seed", Long.toString(spec.seed()));
        m.put("validation", Integer.toString(spec.data().validation()));
        m.put("trainLimit", Integer.toString(spec.data().trainLimit()));
        m.put("batch", Integer.toString(spec.batch()));
        m.put("testAccuracy", Double.toString(result.finalTest().accuracy()));
        m.put("densebenchVersion", VERSION);
        m.put("commit", MachineInfo.gitCommit());
        m.put("createdAt", Instant.now().toString());
        return m;
    }

    static String regularizationSummary(RunSpec s) {
        var o = s.optimizer();
        var t = s.training();
        var sched = t.schedule();
        return String.format("l2 %s  weight decay %s  dropout %s  max-norm %s  augment %s  schedule %s  early-stop %s",
                o.l2(), o.weightDecay(), Arrays.toString(s.dropout()), t.maxNorm() == 0 ? "off" : t.maxNorm(),
                t.augment().describe(), sched.kind() + (sched.warmupEpochs() > 0 ? " +warmup " + sched.warmupEpochs() : ""),
                t.earlyStopPatience() == 0 ? "off" : t.earlyStopPatience());
    }
}
