package dev.densebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.densebench.ablation.Grid;
import dev.densebench.ablation.Shards;
import dev.densebench.dataset.DataSplits;
import dev.densebench.dataset.Datasets;
import dev.densebench.kernel.Kernels;
import dev.densebench.kernel.KernelsFactory;
import dev.densebench.model.Checkpoint;
import dev.densebench.runrecord.RunRecordWriter;
import dev.densebench.run.DataSpec;
import dev.densebench.run.RunSpec;
import dev.densebench.run.TrainRun;
import dev.densebench.train.TrainingListener;
import dev.densebench.train.TrainResult;
import dev.densebench.train.TrainingState;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code densebench ablation}: runs every (study, dataset, variant, seed) of a grid file, one
 * run record each, under {@code OUT/records/}. Resumable: a run whose record is already
 * complete and valid is skipped; records are written atomically, so a killed run leaves either
 * a whole record or none.
 */
@Command(name = "ablation", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = "Run an ablation grid (resumable): one JSON run record per study, dataset, variant and seed.")
public final class AblationCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--grid", required = true, description = "the grid, a JSON file (see bench/src/main/resources/grids/)")
    Path gridFile;

    @Option(names = "--out-dir", required = true, description = "folder for records/, grid.json and the report")
    Path outDir;

    @Option(names = "--threads", description = "threads for the kernels of runs that do not set their own (default: all cores)")
    Integer threads;

    @Option(names = "--data-dir", description = "folder with mnist/, fashion-mnist/, breast-cancer/ (default: data/ in the densebench folder)")
    Path dataDir;

    @Option(names = "--shard", paramLabel = "I/N", description = "run only shard I of N (1-based): whole variants (selection runs and seeds), balanced by estimated work")
    String shard;

    @Option(names = "--dry-run", description = "list the runs (of --shard, or of every shard) and their estimated work; train nothing")
    boolean dryRun;

    /** One kernel instance per (kernels, threads) and one dataset's files at a time, shared by the runs. */
    private final Map<String, Kernels> kernels = new HashMap<>();
    private final Map<String, Datasets.UnsplitData> raw = new HashMap<>();

    @Override
    public Integer call() throws Exception {
        Shards.Shard part = null;
        if (shard != null) {
            try {
                part = Shards.Shard.parse(shard);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--shard': '" + shard + "' (expected " + e.getMessage() + ")");
            }
        }
        Grid grid;
        try {
            grid = Grid.read(gridFile);
        } catch (java.io.IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--grid': " + e.getMessage());
        }
        List<Grid.Run> runs = grid.runs();
        if (part != null || dryRun) {
            List<Shards.Unit> units = Shards.units(runs, run -> estimatedWork(run.spec()));
            List<List<Shards.Unit>> shards = Shards.assign(units, part == null ? 1 : part.count());
            if (dryRun) {
                printPlan(grid, shards, part);
                return 0;
            }
            runs = shards.get(part.index() - 1).stream().flatMap(u -> u.runs().stream()).toList();
            double mine = shards.get(part.index() - 1).stream().mapToDouble(Shards.Unit::work).sum();
            double all = units.stream().mapToDouble(Shards.Unit::work).sum();
            System.out.printf("shard %s: %d of %d variants, %d runs, %.0f %% of the grid's estimated work%n", part,
                    shards.get(part.index() - 1).size(), units.size(), runs.size(), 100 * mine / all);
        }
        Files.createDirectories(outDir);
        // Shards sharing a folder write the same grid: the copy is atomic, so none sees half of it.
        RunRecordWriter.replaceAtomically(outDir.resolve("grid.json"), tmp -> Files.copy(gridFile, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING));
        List<Grid.Run> todo = new ArrayList<>();
        for (Grid.Run run : runs) {
            if (!isComplete(run.recordPath(outDir))) todo.add(run);
        }
        System.out.printf("ablation '%s'%s: %d runs, %d already complete, %d to go -> %s%n", grid.name(),
                part == null ? "" : " shard " + part, runs.size(),
                runs.size() - todo.size(), todo.size(), outDir);
        long start = System.nanoTime();
        try {
            // The ETA weighs each run by its estimated work (a scalar MNIST run is not a
            // breast-cancer run) and corrects itself from the speed measured so far.
            double[] work = todo.stream().mapToDouble(r -> estimatedWork(r.spec())).toArray();
            double workLeft = java.util.Arrays.stream(work).sum();
            double workDone = 0;
            for (int i = 0; i < todo.size(); i++) {
                Grid.Run run = todo.get(i);
                long t0 = System.nanoTime();
                String lr = run.lr();
                double testAccuracy;
                if (!run.lrCandidates().isEmpty()) {
                    Grid.Run best = bestCandidate(run);
                    lr = best.lr();
                    if (best.seed() == run.seed()) {
                        // The winning selection run is this very run (same options, same seed): reuse its record.
                        Path winner = best.recordPath(outDir);
                        RunRecordWriter.replaceAtomically(run.recordPath(outDir),
                                tmp -> Files.copy(winner, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING));
                        testAccuracy = new ObjectMapper().readTree(run.recordPath(outDir).toFile()).path("result").path("testAccuracy").asDouble();
                    } else {
                        float chosen = Float.parseFloat(lr);
                        testAccuracy = warmUpAndTrain(run.spec().withLr(chosen),
                                run.warmupSpec() == null ? null : run.warmupSpec().withLr(chosen), run.recordPath(outDir));
                    }
                } else {
                    testAccuracy = warmUpAndTrain(run.spec(), run.warmupSpec(), run.recordPath(outDir));
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                double elapsed = (System.nanoTime() - start) / 1e9;
                workDone += work[i];
                workLeft -= work[i];
                double eta = workDone > 0 ? elapsed / workDone * Math.max(0, workLeft) : elapsed / (i + 1) * (todo.size() - i - 1);
                String variant = run.variant() + (lr != null ? " lr " + lr : "");
                String outcome = Double.isNaN(testAccuracy) ? "  diverged  " : String.format("test %6.2f %%", 100 * testAccuracy);
                System.out.printf("[%3d/%d] %-13s %-13s %-26s seed %-3d  %s  %7.1f s   elapsed %s  ETA %s%n",
                        runs.size() - todo.size() + i + 1, runs.size(), run.isSelection() ? run.study() + "/lr" : run.study(),
                        run.dataset(), variant, run.seed(), outcome, seconds, ProgressReporter.hoursMinutesSeconds(elapsed), ProgressReporter.hoursMinutesSeconds(eta));
            }
        } finally {
            for (Kernels k : kernels.values()) {
                if (k instanceof AutoCloseable c) c.close();
            }
        }
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("grid", grid.name());
        done.put("runs", runs.size());
        done.put("seconds", (System.nanoTime() - start) / 1e9);
        if (part != null) done.put("shard", part.toString());
        RunRecordWriter.writeAtomically(outDir.resolve(part == null ? "ablation.json"
                : "ablation-shard-" + part.index() + "-of-" + part.count() + ".json"), done);
        System.out.println("all " + runs.size() + " runs complete: " + outDir.resolve("records"));
        return 0;
    }

    /**
     * A run's estimated work, for balancing shards: epochs × training examples × weights (the
     * multiply-adds of one pass), times 50 for the scalar kernels (84× slower than vector in the
     * reference ablation; 50 keeps a scalar run from looking cheaper than it is on any machine).
     */
    static double estimatedWork(RunSpec run) {
        boolean tabular = !run.dataset().equals("mnist") && !run.dataset().equals("fashion-mnist");
        long rows = tabular ? 365 : 60_000L - run.data().validation();
        if (run.data().trainLimit() > 0) rows = Math.min(rows, run.data().trainLimit());
        long weights = 0;
        int width = tabular ? 30 : 784;
        for (int n : run.layers()) {
            weights += (long) width * n;
            width = n;
        }
        weights += (long) width * (run.output().equals("sigmoid") ? 1 : tabular ? 2 : 10);
        return (double) run.epochs() * rows * weights * (run.kernels().equals("scalar") ? 50 : 1);
    }

    private void printPlan(Grid grid, List<List<Shards.Unit>> shards, Shards.Shard part) {
        double all = shards.stream().flatMap(List::stream).mapToDouble(Shards.Unit::work).sum();
        System.out.printf("grid '%s', %d shard(s); work = epochs × examples × weights (×50 scalar), in millions of multiply-adds%n", grid.name(), shards.size());
        for (int s = 0; s < shards.size(); s++) {
            if (part != null && s != part.index() - 1) continue;
            List<Shards.Unit> units = shards.get(s);
            double work = units.stream().mapToDouble(Shards.Unit::work).sum();
            long runs = units.stream().mapToLong(u -> u.runs().size()).sum();
            System.out.printf("%nshard %d/%d: %d variants, %d runs, work %,.0f M (%.1f %%)%n", s + 1, shards.size(), units.size(), runs,
                    work / 1e6, 100 * work / all);
            System.out.printf("  %-13s %-14s %-24s %-8s %-13s %14s%n", "study", "dataset", "variant", "seed", "lr", "work (M)");
            for (Shards.Unit u : units) {
                for (Grid.Run r : u.runs()) {
                    System.out.printf("  %-13s %-14s %-24s %-8d %-13s %,14.0f%n", r.study(), r.dataset(), r.variant(), r.seed(),
                            r.isSelection() ? "select " + r.lr() : r.lrCandidates().isEmpty() ? "given" : "chosen",
                            estimatedWork(r.spec()) / 1e6);
                }
            }
        }
    }

    /** The selection run with the best final validation accuracy (the earlier one on a tie). */
    Grid.Run bestCandidate(Grid.Run run) throws java.io.IOException {
        Grid.Run best = null;
        double bestVal = Double.NEGATIVE_INFINITY;
        for (Grid.Run c : run.lrCandidates()) {
            Path record = c.recordPath(outDir);
            if (!isComplete(record)) throw new IllegalStateException("selection run missing: " + record);
            JsonNode result = new ObjectMapper().readTree(record.toFile()).path("result");
            double val = result.path("valAccuracy").asDouble();
            // A diverged candidate is never chosen (its accuracy is NaN, which compares false anyway).
            if (!TrainResult.DIVERGED.equals(result.path("status").asText()) && val > bestVal) {
                bestVal = val;
                best = c;
            }
        }
        if (best == null) {
            throw new java.io.IOException("every learning rate of " + run.study() + "/" + run.dataset() + "/" + run.variant()
                    + " diverged (see " + outDir.resolve("lr-selection") + "): give the grid smaller rates");
        }
        return best;
    }

    /**
     * Trains one run and writes its record; returns its final test accuracy. With warm-up
     * options, an unrecorded run with those options added (and validation and test cut to their
     * first 1,000 examples) goes first, so the recorded epochs time JIT-compiled code.
     */
    private double warmUpAndTrain(RunSpec run, RunSpec warmup, Path record) throws Exception {
        if (warmup != null) {
            Path tmp = Files.createTempFile("densebench-warmup", ".json");
            try {
                train(warmup, tmp, 1000);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return train(run, record, 0).finalTest().accuracy();
    }

    /**
     * One run through the library ({@link TrainRun}): the grid's spec with this command's
     * --threads (unless the run sets its own) and --data-dir; one kernel instance per kernels and
     * thread count, and one dataset's files at a time, shared by the runs.
     */
    private TrainResult train(RunSpec planned, Path record, int evalLimit) throws Exception {
        RunSpec run = planned;
        if (threads != null && !run.options().contains("--threads")) run = run.withThreads(threads);
        if (dataDir != null) run = run.withDataDir(dataDir);
        RunSpec r = run;
        Kernels k = kernels.computeIfAbsent(r.kernels() + "/" + r.threads(),
                key -> KernelsFactory.create(r.kernels(), r.threads(), msg -> System.err.println("densebench: " + msg)));
        // Files are read once per dataset (one held at a time); each seed gets its own split.
        Path dataFolder = r.data().dataDir() != null ? r.data().dataDir() : DataSpec.home().resolve("data");
        if (!raw.containsKey(r.dataset())) {
            raw.clear();
            r.data().checkPublishedChecksums(spec.commandLine().getErr());
            System.err.printf("loading %s from %s ...%n", r.dataset(), dataFolder);
            raw.put(r.dataset(), Datasets.readUnsplit(r.dataset(), dataFolder));
        }
        DataSplits splits = Datasets.split(raw.get(r.dataset()), r.seed(), r.data().validation(), r.data().trainLimit());
        PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
        if (evalLimit > 0) {
            splits = new DataSplits(splits.train(), head(splits.validation(), evalLimit), head(splits.test(), evalLimit), splits.scaling());
            return TrainRun.run(r, k, splits, record, quiet, TrainingListener.NONE, TrainRun.Resumption.NONE);
        }
        // A recorded run checkpoints every epoch under OUT/checkpoints/, so that a killed ablation
        // continues it from its last epoch; the checkpoint goes once the record is written.
        Checkpoint checkpoint = new Checkpoint(checkpointDir(record));
        TrainingState from = null;
        if (checkpoint.exists()) {
            Checkpoint.Saved saved = checkpoint.load(msg -> System.err.println("densebench: warning: " + msg));
            if (saved.args().equals(r.options())) {
                from = saved.state();
                System.err.printf("resuming %s after epoch %d%n", record.getFileName(), from.epochsDone());
            } else {
                checkpoint.delete();   // a checkpoint of other options (the grid changed): start afresh
            }
        }
        TrainResult result = TrainRun.run(r, k, splits, record, quiet, TrainingListener.NONE, new TrainRun.Resumption(checkpoint, 1, from));
        checkpoint.delete();
        return result;
    }

    /** OUT/checkpoints/ mirrors OUT/records/ (and OUT/lr-selection/), one folder per run. */
    Path checkpointDir(Path record) {
        Path rel = outDir.toAbsolutePath().normalize().relativize(record.toAbsolutePath().normalize());
        String name = rel.toString();
        return outDir.resolve("checkpoints").resolve(name.endsWith(".json") ? name.substring(0, name.length() - 5) : name);
    }

    private static dev.densebench.dataset.Dataset head(dev.densebench.dataset.Dataset d, int rows) {
        return rows >= d.rows() ? d : d.select(d.name(), java.util.stream.IntStream.range(0, rows).toArray());
    }

    /** A record counts as complete when it parses and holds a result and all the epochs it ran. */
    static boolean isComplete(Path record) {
        if (!Files.isRegularFile(record)) return false;
        try {
            JsonNode r = new ObjectMapper().readTree(record.toFile());
            int ran = r.path("result").path("epochsRun").asInt(-1);
            boolean diverged = TrainResult.DIVERGED.equals(r.path("result").path("status").asText());
            return (ran > 0 || diverged && ran == 0) && r.path("epochs").size() == ran && r.path("machine").isObject();
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
