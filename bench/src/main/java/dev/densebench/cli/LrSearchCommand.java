package dev.densebench.cli;

import dev.densebench.dataset.DataSplits;
import dev.densebench.kernel.Kernels;
import dev.densebench.run.DataSpec;
import dev.densebench.run.OptionException;
import dev.densebench.run.RunSpec;
import dev.densebench.run.TrainArgs;
import dev.densebench.run.TrainRun;
import picocli.CommandLine.ParameterException;
import dev.densebench.kernel.KernelsFactory;
import dev.densebench.runrecord.RunRecordWriter;
import dev.densebench.train.TrainResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code densebench lr-search}: trains once per learning rate of a grid, with every other
 * option as for {@code train}, and chooses the rate with the best final validation accuracy.
 * The test accuracy is printed and recorded but never used to choose.
 */
@Command(name = "lr-search", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = "Choose a learning rate on the validation split from a grid (all train options apply).",
        footer = {"", "Default grids: sgd 0.03,0.1,0.3; momentum and nesterov 0.01,0.03,0.1; rmsprop 1e-4,3e-4,1e-3;",
                "adam and adamw 3e-4,1e-3,3e-3; adagrad 3e-3,0.01,0.03."})
public final class LrSearchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TrainArgs args;

    @Option(names = "--lr-grid", description = "learning rates to try, comma-separated (default: per optimizer, see below)")
    String grid;

    @Option(names = "--out-dir", description = "folder for the run records and lr-search.json (default: reports/lr-search/<dataset>-<optimizer>)")
    Path outDir;

    /** The grids the README publishes: three rates around each optimizer's usual default. */
    static List<Float> defaultGrid(String optimizer) {
        return switch (optimizer) {
            case "sgd" -> List.of(0.03f, 0.1f, 0.3f);
            case "momentum", "nesterov" -> List.of(0.01f, 0.03f, 0.1f);
            case "rmsprop" -> List.of(1e-4f, 3e-4f, 1e-3f);
            case "adam", "adamw" -> List.of(3e-4f, 1e-3f, 3e-3f);
            case "adagrad" -> List.of(3e-3f, 0.01f, 0.03f);
            default -> throw new IllegalArgumentException(optimizer);
        };
    }

    @Override
    public Integer call() throws Exception {
        RunSpec base;
        try {
            base = args.toSpec(spec.commandLine().getParseResult(), List.of());
        } catch (OptionException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        List<Float> lrs = parseGrid(base.optimizer().name());
        Path dir = outDir != null ? outDir : DataSpec.home().resolve("reports/lr-search").resolve(base.dataset() + "-" + base.optimizer().name());
        Kernels k = KernelsFactory.create(base.kernels(), base.threads(), msg -> System.err.println("densebench: " + msg));
        List<Map<String, Object>> rows = new ArrayList<>();
        try {
            DataSplits splits = base.data().load(spec.commandLine().getErr());
            float bestLr = Float.NaN;
            double bestVal = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < lrs.size(); i++) {
                float lr = lrs.get(i);
                System.out.printf("%n[%d/%d] lr %s%n", i + 1, lrs.size(), plain(lr));
                TrainResult r = TrainRun.run(base.withLr(lr), k, splits, dir.resolve("lr-" + plain(lr) + ".json"), System.out,
                        new ProgressReporter(System.out, false), TrainRun.Resumption.NONE);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("lr", lr);
                row.put("valAccuracy", r.finalValidation().accuracy());
                row.put("testAccuracy", r.finalTest().accuracy());
                row.put("trainSeconds", r.epochs().stream().mapToDouble(e -> e.seconds()).sum());
                rows.add(row);
                if (r.finalValidation().accuracy() > bestVal) {
                    bestVal = r.finalValidation().accuracy();
                    bestLr = lr;
                }
            }
            System.out.printf("%n%s on %s, %d epochs: learning rate chosen on validation accuracy%n", base.optimizer().name(), base.dataset(),
                    base.epochs());
            System.out.printf("%10s  %9s  %9s  %10s%n", "lr", "val acc", "test acc", "train (s)");
            for (Map<String, Object> row : rows) {
                System.out.printf("%10s  %7.2f %%  %7.2f %%  %8.1f s%s%n", plain((Float) row.get("lr")), 100 * (double) row.get("valAccuracy"),
                        100 * (double) row.get("testAccuracy"), (double) row.get("trainSeconds"),
                        ((Float) row.get("lr")) == bestLr ? "   <- chosen" : "");
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("dataset", base.dataset());
            summary.put("optimizer", base.optimizer().name());
            summary.put("epochs", base.epochs());
            summary.put("seed", base.seed());
            summary.put("grid", lrs);
            summary.put("chosenLr", bestLr);
            summary.put("runs", rows);
            RunRecordWriter.writeAtomically(dir.resolve("lr-search.json"), summary);
            System.out.println("summary: " + dir.resolve("lr-search.json"));
            return 0;
        } finally {
            if (k instanceof AutoCloseable c) c.close();
        }
    }

    static String plain(float lr) {
        return new java.math.BigDecimal(Float.toString(lr)).toPlainString();
    }

    private List<Float> parseGrid(String optimizer) {
        if (grid == null) return defaultGrid(optimizer);
        List<Float> lrs = new ArrayList<>();
        try {
            for (String part : grid.split(",")) {
                float lr = Float.parseFloat(part.trim());
                if (!(lr > 0 && Float.isFinite(lr))) throw new NumberFormatException();
                lrs.add(lr);
            }
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--lr-grid': '" + grid
                    + "' (expected positive numbers separated by commas, e.g. 1e-3,3e-3)");
        }
        return lrs;
    }
}
