package dev.densebench.cli;

import dev.densebench.augment.AugmentSpec;
import dev.densebench.dataset.DataSplits;
import dev.densebench.dataset.Datasets;
import dev.densebench.kernel.Activation;
import dev.densebench.kernel.Kernels;
import dev.densebench.kernel.KernelsFactory;
import dev.densebench.loss.Loss;
import dev.densebench.model.Checkpoint;
import dev.densebench.model.ModelFile;
import dev.densebench.nn.Network;
import dev.densebench.nn.NetworkSpec;
import dev.densebench.optim.OptimizerSpec;
import dev.densebench.record.RunRecord;
import dev.densebench.record.RunRecordWriter;
import dev.densebench.train.ConfusionMatrix;
import dev.densebench.train.Schedule;
import dev.densebench.train.TrainOptions;
import dev.densebench.train.TrainResult;
import dev.densebench.train.Trainer;
import dev.densebench.train.TrainingState;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code densebench train}: trains one network on one dataset and writes its run record. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = "Train one fully-connected network and write a JSON run record.",
        footer = {"", "Per-dataset defaults: mnist and fashion-mnist: --layers 512,512 --output softmax --batch 128 --epochs 10;",
                "breast-cancer: --layers 16 --output sigmoid --batch 32 --epochs 60. Learning rate per optimizer:",
                "sgd 0.1, momentum/nesterov 0.05, rmsprop/adam/adamw 0.001, adagrad 0.01."})
public final class TrainCommand implements Callable<Integer> {

    /** The exit code of a run that diverged (a NaN or infinite loss stopped it). */
    static final int EXIT_DIVERGED = 3;

    @Spec
    CommandSpec spec;

    @Mixin
    TrainArgs args;

    /** Datasets of the user's own: a CSV pair or an IDX folder. */
    static final List<String> OWN_DATA = List.of("csv", "idx");

    /** Options that a resumed run may change: they do not change its results. */
    static final List<String> RESUME_OVERRIDES = List.of("--threads", "--out", "--save", "--checkpoint-every", "--resume");

    @Override
    public Integer call() throws Exception {
        TrainCommand cmd = this;
        Checkpoint.Saved saved = null;
        List<String> runArgs = ownArgs();
        if (args.resume != null) {
            saved = loadCheckpoint(args.resume);
            cmd = resumedCommand(saved);
            runArgs = saved.args();
        }
        TrainArgs a = cmd.args;
        a.resolveDefaults();
        TrainingSetup r = cmd.validate(a);
        Path target = a.out != null ? a.out : home().resolve("reports/runs").resolve(cmd.defaultRecordName(r));
        checkWritable(target);
        if (a.save != null) checkWritable(a.save, "--save");
        Kernels k = KernelsFactory.create(a.kernels, a.threads, msg -> System.err.println("densebench: " + msg));
        try {
            DataSplits splits = loadData(a, spec.commandLine().getErr());
            Checkpoint checkpoint = a.checkpoint == null ? null : new Checkpoint(a.checkpoint);
            if (saved != null) {
                System.out.printf("resuming %s after epoch %d of %d%n", saved.file(), saved.state().epochsDone(), a.epochs);
            }
            TrainResult result = cmd.trainAndRecord(a, r, k, splits, target, System.out, true,
                    new Resumption(checkpoint, a.checkpointEvery, saved == null ? null : saved.state(), runArgs));
            if (result.diverged()) {
                var err = spec.commandLine().getErr();
                err.printf("densebench train: diverged at epoch %d, batch %d (the loss was not finite); the record says"
                        + " \"status\": \"diverged\". Try a smaller --lr.%n", result.divergedEpoch(), result.divergedBatch());
                err.flush();
                return EXIT_DIVERGED;
            }
            return 0;
        } finally {
            if (k instanceof AutoCloseable c) c.close();
        }
    }

    /** This command's arguments as typed, without the program's and the subcommand's names. */
    private List<String> ownArgs() {
        List<String> all = spec.commandLine().getParseResult().originalArgs();
        int at = all.indexOf(spec.name());
        return new ArrayList<>(all.subList(at + 1, all.size()));
    }

    private Checkpoint.Saved loadCheckpoint(Path dir) throws java.io.IOException {
        if (!java.nio.file.Files.isDirectory(dir)) {
            throw fail("--resume", dir, "a checkpoint folder written by train --checkpoint");
        }
        var err = spec.commandLine().getErr();
        return new Checkpoint(dir).load(msg -> {
            err.println("densebench: warning: " + msg);
            err.flush();
        });
    }

    /**
     * The command as the checkpointed run was given (its saved arguments), with the few options
     * that do not change results taken from this command line; any other option is refused.
     */
    private TrainCommand resumedCommand(Checkpoint.Saved saved) {
        var given = spec.commandLine().getParseResult();
        for (var o : given.matchedOptions()) {
            if (!RESUME_OVERRIDES.contains(o.longestName())) {
                throw fail(o.longestName(), o.getValue(), "no other option with --resume: the run continues with the options it was started"
                        + " with (only " + String.join(", ", RESUME_OVERRIDES.subList(0, 4)) + " may change)");
            }
        }
        TrainCommand resumed = new TrainCommand();
        CommandLine cl = new CommandLine(resumed);
        cl.setOverwrittenOptionsAllowed(true);
        cl.parseArgs(saved.args().toArray(String[]::new));
        resumed.spec = cl.getCommandSpec();
        TrainArgs a = resumed.args;
        if (given.hasMatchedOption("--threads")) a.threads = args.threads;
        if (given.hasMatchedOption("--out")) a.out = args.out;
        if (given.hasMatchedOption("--save")) a.save = args.save;
        if (given.hasMatchedOption("--checkpoint-every")) a.checkpointEvery = args.checkpointEvery;
        a.checkpoint = args.resume;
        a.resume = args.resume;
        return resumed;
    }

    /**
     * Checkpointing of one run: where ({@code null}: none), how often, the state to continue
     * from ({@code null}: a fresh start), and the run's arguments, saved so that a resume
     * rebuilds the very same run.
     */
    record Resumption(Checkpoint checkpoint, int every, TrainingState from, List<String> args) {
        static final Resumption NONE = new Resumption(null, 1, null, List.of());
    }

    /** The most worker threads a run may ask for: each has its own pack buffers (several MB). */
    static int maxThreads() {
        return 4 * Runtime.getRuntime().availableProcessors();
    }

    /**
     * Proves, before any training, that the record can be written: its folder exists or can be
     * made, and a file can be created there. Otherwise a usage error names --out.
     */
    void checkWritable(Path target) {
        checkWritable(target, "--out");
    }

    void checkWritable(Path target, String option) {
        Path abs = target.toAbsolutePath();
        if (java.nio.file.Files.isDirectory(abs)) {
            throw fail(option, target, "a file name, not the folder " + abs);
        }
        try {
            java.nio.file.Files.createDirectories(abs.getParent());
            Path probe = java.nio.file.Files.createFile(abs.getParent().resolve(".densebench-write-check-" + ProcessHandle.current().pid()));
            java.nio.file.Files.delete(probe);
        } catch (java.io.IOException | RuntimeException e) {
            throw fail(option, target, "a file in a folder that can be created and written (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    /**
     * Under {@code --data-dir} (the default folder is verified when it is fetched), files with the
     * built-in datasets' names are checked against the published SHA-256: a mismatch is a
     * one-line warning per file, or with {@code --strict-data} an error.
     */
    static void checkPublishedChecksums(TrainArgs a, java.io.PrintWriter err) throws java.io.IOException {
        if (a.dataDir == null) return;
        for (String problem : dev.densebench.dataset.PublishedChecksums.mismatches(a.dataset, a.dataDir)) {
            if (a.strictData) throw new java.io.IOException(problem + " (--strict-data)");
            err.println("densebench: warning: " + problem + " (a copy of your own may differ; --strict-data makes this an error)");
            err.flush();
        }
    }

    static Path home() {
        return Path.of(System.getProperty("densebench.home", "."));
    }

    static DataSplits loadData(TrainArgs a, java.io.PrintWriter err) throws java.io.IOException {
        Path data = a.dataDir != null ? a.dataDir : home().resolve("data");
        checkPublishedChecksums(a, err);
        return switch (a.dataset) {
            case "csv" -> {
                System.err.printf("loading %s and %s ...%n", a.trainFile, a.testFile);
                yield Datasets.csv(a.trainFile, a.testFile, a.labelColumn, a.header, a.seed, a.trainLimit);
            }
            case "idx" -> {
                System.err.printf("loading IDX images from %s ...%n", a.dataDir);
                yield Datasets.idx(a.dataDir, a.seed, a.validation, a.trainLimit);
            }
            default -> {
                System.err.printf("loading %s from %s ...%n", a.dataset, data);
                yield Datasets.load(a.dataset, data, a.seed, a.validation, a.trainLimit);
            }
        };
    }

    /** Builds the network and trainer from resolved options, trains, writes the record to {@code target}. */
    TrainResult trainAndRecord(TrainArgs a, TrainingSetup r, Kernels k, DataSplits splits, Path target,
                               java.io.PrintStream out, boolean verbose, Resumption resumption) throws java.io.IOException {
        NetworkSpec netSpec = new NetworkSpec(splits.train().features(), r.layers, Activation.parse(a.activation),
                a.output, splits.train().classes(), r.dropout);
        int outputs = Loss.parse(a.output).outputSize(splits.train().classes());
        long needed = MemoryEstimate.bytes(netSpec.inputs(), r.layers, outputs, a.batch, r.optimizer.name(), a.earlyStop > 0, r.dropout, k.threads());
        long free = MemoryEstimate.freeHeap();
        if (needed > free) {
            throw fail("--layers", a.layers, "a network that fits: " + netSpec.describe(outputs) + " with batch " + a.batch + " needs about "
                    + MemoryEstimate.gigabytes(needed) + ", the heap has " + MemoryEstimate.gigabytes(free) + " free; raise it with"
                    + " DENSEBENCH_JVM_OPTS=-Xmx" + Math.max(2, (needed * 5 / 4 + (Runtime.getRuntime().maxMemory() - free)) / 1_000_000_000 + 1)
                    + "g, or make the network or the batch smaller");
        }
        Network net = new Network(netSpec, k, a.batch, a.seed);
        Trainer trainer = new Trainer(net, r.optimizer.create(k, net.params()), splits, r.options);
        out.printf("%s  %s (%,d parameters)  %s lr %s  batch %d  epochs %d  seed %d  kernels %s  threads %d%n",
                a.dataset, netSpec.describe(net.outputSize()), net.parameterCount(), r.optimizer.name(), r.optimizer.lr(),
                a.batch, a.epochs, a.seed, k.name(), k.threads());
        if (verbose) {
            out.printf("train %,d  validation %,d  test %,d examples  |  %s%n", splits.train().rows(),
                    splits.validation().rows(), splits.test().rows(), a.regularizationSummary(r));
        }
        if (resumption.from() != null) trainer.restore(resumption.from());
        if (resumption.checkpoint() != null) {
            Checkpoint c = resumption.checkpoint();
            trainer.checkpointTo(state -> c.save(state, resumption.args()), resumption.every());
        }
        TrainResult result;
        try (ProgressReporter progress = new ProgressReporter(out, verbose)) {
            result = trainer.fit(a.epochs, progress);
        } catch (java.io.UncheckedIOException e) {
            throw new java.io.IOException("could not write the checkpoint to " + a.checkpoint + ": " + e.getCause().getMessage(), e.getCause());
        }
        if (a.earlyStop > 0) {
            out.printf("early stopping: best epoch %d, restored; validation %.2f %%, test %.2f %%%n",
                    result.bestEpoch(), 100 * result.finalValidation().accuracy(), 100 * result.finalTest().accuracy());
        }
        ConfusionMatrix confusion = null;
        if (!result.diverged()) {
            var test = splits.test();
            int[] predicted = new int[test.rows()];
            net.predict(test.x(), test.rows(), predicted);
            confusion = ConfusionMatrix.of(test.classNames(), test.y(), predicted, test.rows());
        }
        Object record = RunRecord.build(config(a, r, netSpec, net, k), a.seed, a.dataset, splits, result, a.target, k, confusion);
        try {
            RunRecordWriter.writeAtomically(target, record);
        } catch (java.io.IOException e) {
            // Checked before training, yet it failed now (disk full, folder removed): keep the run.
            Path fallback = Path.of(System.getProperty("java.io.tmpdir")).resolve(target.getFileName());
            RunRecordWriter.writeAtomically(fallback, record);
            throw new java.io.IOException("could not write the run record to " + target + " (" + e.getMessage()
                    + "); it was written to " + fallback + " instead", e);
        }
        out.println("run record: " + target);
        if (a.save != null && !result.diverged()) {
            ModelFile.save(a.save, net, splits.train().classNames(), splits.scaling(), modelOrigin(a, result));
            out.println("model: " + a.save);
        }
        return result;
    }

    /** Everything parsed and checked: what the trainer is built from. */
    record TrainingSetup(int[] layers, float[] dropout, OptimizerSpec optimizer, TrainOptions options) {
    }

    TrainingSetup validate(TrainArgs a) {
        check(Datasets.NAMES.contains(a.dataset) || OWN_DATA.contains(a.dataset), "--dataset", a.dataset,
                "one of " + String.join(", ", Datasets.NAMES) + ", or csv (with --train and --test) or idx (with --data-dir)");
        boolean csv = a.dataset.equals("csv");
        check(!csv || a.trainFile != null, "--train", "(missing)", "a training CSV file with --dataset csv");
        check(!csv || a.testFile != null, "--test", "(missing)", "a test CSV file with --dataset csv");
        check(csv || (a.trainFile == null && a.testFile == null && a.labelColumn == null && !a.header), "--dataset", a.dataset,
                "csv when --train, --test, --label-column or --header is given");
        check(!a.dataset.equals("idx") || a.dataDir != null, "--data-dir", "(missing)",
                "the folder holding train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-... with --dataset idx");
        check(OptimizerSpec.NAMES.contains(a.optimizer), "--optimizer", a.optimizer, "one of " + String.join(", ", OptimizerSpec.NAMES));
        check(a.lr == null || (a.lr > 0 && Float.isFinite(a.lr)), "--lr", a.lr, "a positive number");
        check(a.batch >= 1, "--batch", a.batch, "an integer >= 1");
        check(a.epochs >= 1, "--epochs", a.epochs, "an integer >= 1");
        check(a.threads >= 1 && a.threads <= maxThreads(), "--threads", a.threads,
                "an integer from 1 to " + maxThreads() + " (4 per core of this machine)");
        check(a.validation >= 0, "--validation", a.validation, "an integer >= 0");
        check(a.trainLimit >= 0, "--train-limit", a.trainLimit, "an integer >= 0");
        check(a.checkpointEvery >= 1, "--checkpoint-every", a.checkpointEvery, "an integer >= 1");
        check(a.resume != null || a.checkpoint == null || !new Checkpoint(a.checkpoint).exists(), "--checkpoint", a.checkpoint,
                "a folder without a checkpoint (this one holds one: continue it with --resume " + a.checkpoint + ", or remove it)");
        var parsed = spec.commandLine().getParseResult();
        check(!((a.dataset.equals("breast-cancer") || csv) && parsed != null && parsed.hasMatchedOption("--validation")),
                "--validation", a.validation, "no --validation for breast-cancer, whose validation split is fixed (20 % of its training rows)");
        check(List.of("vector", "scalar").contains(a.kernels), "--kernels", a.kernels, "vector or scalar");
        check(a.momentum == null || (a.momentum >= 0 && a.momentum < 1), "--momentum", a.momentum, "a number in [0, 1)");
        check(a.beta1 == null || (a.beta1 >= 0 && a.beta1 < 1), "--beta1", a.beta1, "a number in [0, 1)");
        check(a.beta2 == null || (a.beta2 >= 0 && a.beta2 < 1), "--beta2", a.beta2, "a number in [0, 1)");
        check(a.rho == null || (a.rho >= 0 && a.rho < 1), "--rho", a.rho, "a number in [0, 1)");
        check(a.eps == null || a.eps > 0, "--eps", a.eps, "a positive number");
        check(a.l2 == null || a.l2 >= 0, "--l2", a.l2, "a number >= 0");
        check(a.weightDecay == null || a.weightDecay >= 0, "--weight-decay", a.weightDecay, "a number >= 0");
        check(a.maxNorm >= 0, "--max-norm", a.maxNorm, "a number >= 0 (0 = off)");
        check(a.earlyStop >= 0, "--early-stop", a.earlyStop, "an integer >= 0 (0 = off)");
        check(a.target > 0 && a.target <= 1, "--target", a.target, "an accuracy in (0, 1]");
        check(a.warmup >= 0, "--warmup", a.warmup, "a number of epochs >= 0");
        check(a.gamma > 0 && a.gamma <= 1, "--gamma", a.gamma, "a number in (0, 1]");
        check(a.stepEpochs > 0, "--step-epochs", a.stepEpochs, "a positive number of epochs");
        check(Schedule.KINDS.contains(a.schedule), "--schedule", a.schedule, "one of " + String.join(", ", Schedule.KINDS));
        try {
            Activation.parse(a.activation);
        } catch (IllegalArgumentException e) {
            throw fail("--activation", a.activation, "relu, leaky-relu, sigmoid, tanh or identity");
        }
        try {
            Loss.parse(a.output);
        } catch (IllegalArgumentException e) {
            throw fail("--output", a.output, "softmax, sigmoid or mse");
        }
        int[] layers = a.parseLayers(this);
        float[] dropout = a.parseDropout(this, layers.length);
        AugmentSpec augment;
        try {
            augment = AugmentSpec.parse(a.augment, a.shiftPixels, a.rotateDegrees, a.scale, a.elasticAlpha, a.elasticSigma);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid augmentation: " + e.getMessage());
        }
        check(!augment.any() || !(a.dataset.equals("breast-cancer") || csv), "--augment", a.augment, "none for tabular data (images only)");
        OptimizerSpec opt = OptimizerSpec.withDefaults(a.optimizer, a.lr, a.momentum, a.beta1, a.beta2, a.eps, a.rho, a.l2, a.weightDecay);
        Schedule schedule = new Schedule(a.schedule, a.gamma, a.stepEpochs, a.warmup);
        return new TrainingSetup(layers, dropout, opt, new TrainOptions(a.batch, a.seed, schedule, a.earlyStop, a.maxNorm, augment));
    }

    void check(boolean ok, String option, Object value, String expected) {
        if (!ok) throw fail(option, value, expected);
    }

    ParameterException fail(String option, Object value, String expected) {
        return new ParameterException(spec.commandLine(),
                "Invalid value for option '" + option + "': '" + typed(option, value) + "' (expected " + expected + ")");
    }

    /** The value as the user typed it ({@code -1}, not the parsed {@code -1.0}), when it was typed. */
    private Object typed(String option, Object parsed) {
        var result = spec.commandLine().getParseResult();
        var matched = result == null ? null : result.matchedOption(option);
        if (matched == null || matched.originalStringValues().isEmpty()) return parsed;
        List<String> typed = matched.originalStringValues();
        return typed.get(typed.size() - 1);
    }

    String defaultRecordName(TrainingSetup r) {
        String time = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        return args.dataset + "-" + r.optimizer.name() + "-seed" + args.seed + "-" + time + ".json";
    }

    /** Where a saved model came from: enough for {@code evaluate} to rebuild its test split. */
    private static Map<String, String> modelOrigin(TrainArgs a, TrainResult result) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("dataset", a.dataset);
        m.put("seed", Long.toString(a.seed));
        m.put("validation", Integer.toString(a.validation));
        m.put("trainLimit", Integer.toString(a.trainLimit));
        m.put("batch", Integer.toString(a.batch));
        m.put("testAccuracy", Double.toString(result.finalTest().accuracy()));
        m.put("densebenchVersion", VersionProvider.VERSION);
        m.put("commit", dev.densebench.record.MachineInfo.gitCommit());
        m.put("createdAt", Instant.now().toString());
        return m;
    }

    /** The record's {@code config}: every option, resolved. */
    private Map<String, Object> config(TrainArgs a, TrainingSetup r, NetworkSpec netSpec, Network net, Kernels k) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("dataset", a.dataset);
        c.put("layers", Arrays.stream(r.layers).boxed().toList());
        c.put("architecture", netSpec.describe(net.outputSize()));
        c.put("activation", Activation.parse(a.activation).cliName());
        c.put("output", a.output);
        OptimizerSpec o = r.optimizer;
        c.put("optimizer", o.name());
        c.put("lr", o.lr());
        c.put("momentum", o.momentum());
        c.put("beta1", o.beta1());
        c.put("beta2", o.beta2());
        c.put("eps", o.eps());
        c.put("rho", o.rho());
        c.put("l2", o.l2());
        c.put("weightDecay", o.weightDecay());
        c.put("dropout", r.dropout);
        c.put("maxNorm", a.maxNorm);
        c.put("augment", r.options.augment().describe());
        c.put("shiftPixels", a.shiftPixels);
        c.put("rotateDegrees", a.rotateDegrees);
        c.put("scale", a.scale);
        c.put("elasticAlpha", a.elasticAlpha);
        c.put("elasticSigma", a.elasticSigma);
        c.put("schedule", a.schedule);
        c.put("gamma", a.gamma);
        c.put("stepEpochs", a.stepEpochs);
        c.put("warmup", a.warmup);
        c.put("earlyStop", a.earlyStop);
        c.put("batch", a.batch);
        c.put("epochs", a.epochs);
        c.put("seed", a.seed);
        c.put("kernels", k.name());
        c.put("threads", k.threads());
        c.put("validation", a.validation);
        c.put("trainLimit", a.trainLimit);
        c.put("parameters", net.parameterCount());
        return c;
    }
}
