package dev.densebench.cli;

import dev.densebench.dataset.DataSplits;
import dev.densebench.kernel.Kernels;
import dev.densebench.kernel.KernelsFactory;
import dev.densebench.model.Checkpoint;
import dev.densebench.run.DataSpec;
import dev.densebench.run.OptionException;
import dev.densebench.run.RunSpec;
import dev.densebench.run.TrainArgs;
import dev.densebench.run.TrainRun;
import dev.densebench.train.TrainResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code densebench train}: parses and checks the options ({@link TrainArgs#toSpec}), proves the
 * outputs writable, loads the data and hands the run to {@link TrainRun}; with {@code --resume},
 * the options come from the checkpoint.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = "Train one fully-connected network and write a JSON run record.",
        footer = {"", "Per-dataset defaults: mnist and fashion-mnist: --layers 512,512 --output softmax --batch 128 --epochs 10;",
                "breast-cancer: --layers 16 --output sigmoid --batch 32 --epochs 60. Learning rate per optimizer:",
                "sgd 0.1, momentum/nesterov 0.05, rmsprop/adam/adamw 0.001, adagrad 0.01."})
public final class TrainCommand implements Callable<Integer> {

    /** The exit code of a run that diverged (a NaN or infinite loss stopped it). */
    static final int EXIT_DIVERGED = 3;

    /** Options that a resumed run may change: they do not change its results. */
    static final List<String> RESUME_OVERRIDES = List.of("--threads", "--out", "--save", "--checkpoint-every", "--resume");

    @Spec
    CommandSpec spec;

    @Mixin
    TrainArgs args;

    @Override
    public Integer call() throws Exception {
        RunSpec run;
        Checkpoint.Saved saved = null;
        try {
            if (args.resume() != null) {
                saved = loadCheckpoint(args.resume());
                run = resumed(saved);
            } else {
                run = args.toSpec(spec.commandLine().getParseResult(), ownArgs());
            }
        } catch (OptionException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Path target = run.out() != null ? run.out() : DataSpec.home().resolve("reports/runs").resolve(defaultRecordName(run));
        checkWritable(target, "--out");
        if (run.save() != null) checkWritable(run.save(), "--save");
        Kernels k = KernelsFactory.create(run.kernels(), run.threads(), msg -> System.err.println("densebench: " + msg));
        try {
            DataSplits splits = run.data().load(spec.commandLine().getErr());
            Checkpoint checkpoint = run.checkpoint() == null ? null : new Checkpoint(run.checkpoint());
            if (saved != null) {
                System.out.printf("resuming %s after epoch %d of %d%n", saved.file(), saved.state().epochsDone(), run.epochs());
            }
            TrainResult result;
            try {
                result = TrainRun.run(run, k, splits, target, System.out, new ProgressReporter(System.out, true),
                        new TrainRun.Resumption(checkpoint, run.checkpointEvery(), saved == null ? null : saved.state()));
            } catch (OptionException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
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
        if (!Files.isDirectory(dir)) {
            throw fail("--resume", dir, "a checkpoint folder written by train --checkpoint");
        }
        var err = spec.commandLine().getErr();
        return new Checkpoint(dir).load(msg -> {
            err.println("densebench: warning: " + msg);
            err.flush();
        });
    }

    /**
     * The run as the checkpoint saved it (its own options), with the few options that do not
     * change results taken from this command line; any other option is refused.
     */
    private RunSpec resumed(Checkpoint.Saved saved) {
        var given = spec.commandLine().getParseResult();
        for (var o : given.matchedOptions()) {
            if (!RESUME_OVERRIDES.contains(o.longestName())) {
                throw fail(o.longestName(), o.getValue(), "no other option with --resume: the run continues with the options it was started"
                        + " with (only " + String.join(", ", RESUME_OVERRIDES.subList(0, 4)) + " may change)");
            }
        }
        // The folder it resumes is where it goes on checkpointing, so the saved run's own check that
        // its --checkpoint folder holds no checkpoint does not apply.
        RunSpec run = TrainArgs.parse(withoutValueOf(saved.args(), "--checkpoint"));
        RunSpec own = args.toSpec(given, List.of());
        if (given.hasMatchedOption("--threads")) run = run.withThreads(own.threads());
        return run.withOutputs(given.hasMatchedOption("--out") ? own.out() : run.out(), given.hasMatchedOption("--save") ? own.save() : run.save(),
                args.resume(), given.hasMatchedOption("--checkpoint-every") ? own.checkpointEvery() : run.checkpointEvery());
    }

    /** The options without {@code option} and its value. */
    private static List<String> withoutValueOf(List<String> options, String option) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            if (options.get(i).equals(option)) {
                i++;
            } else if (!options.get(i).startsWith(option + "=")) {
                out.add(options.get(i));
            }
        }
        return out;
    }

    /**
     * Proves, before any training, that an output can be written: its folder exists or can be
     * made, and a file can be created there. Otherwise a usage error names the option.
     */
    void checkWritable(Path target, String option) {
        Path abs = target.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            throw fail(option, target, "a file name, not the folder " + abs);
        }
        try {
            Files.createDirectories(abs.getParent());
            Path probe = Files.createFile(abs.getParent().resolve(".densebench-write-check-" + ProcessHandle.current().pid()));
            Files.delete(probe);
        } catch (java.io.IOException | RuntimeException e) {
            throw fail(option, target, "a file in a folder that can be created and written (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    ParameterException fail(String option, Object value, String expected) {
        return new ParameterException(spec.commandLine(),
                "Invalid value for option '" + option + "': '" + typed(option, value) + "' (expected " + expected + ")");
    }

    /** The value as the user typed it, when it was typed. */
    private Object typed(String option, Object parsed) {
        var result = spec.commandLine().getParseResult();
        var matched = result == null ? null : result.matchedOption(option);
        if (matched == null || matched.originalStringValues().isEmpty()) return parsed;
        List<String> typed = matched.originalStringValues();
        return typed.get(typed.size() - 1);
    }

    static String defaultRecordName(RunSpec run) {
        String time = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        return run.dataset() + "-" + run.optimizer().name() + "-seed" + run.seed() + "-" + time + ".json";
    }
}
