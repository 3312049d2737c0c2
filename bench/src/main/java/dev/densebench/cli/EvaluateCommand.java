package dev.densebench.cli;

import dev.densebench.dataset.DataSplits;
import dev.densebench.dataset.Dataset;
import dev.densebench.kernel.Kernels;
import dev.densebench.kernel.KernelsFactory;
import dev.densebench.model.ModelFile;
import dev.densebench.model.Safetensors;
import dev.densebench.nn.Network;
import dev.densebench.runrecord.RunRecordWriter;
import dev.densebench.run.CsvDataArgs;
import dev.densebench.run.DataSpec;
import dev.densebench.train.ConfusionMatrix;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code densebench evaluate}: a saved model on a dataset's test (or validation) split: loss,
 * accuracy, the confusion matrix and per-class precision, recall and F1. The split is rebuilt
 * from the seed, validation size and training limit saved in the model, so on the test split it
 * gives exactly the test accuracy of the run that trained it.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = "Evaluate a saved model: loss, accuracy, confusion matrix, per-class precision, recall and F1.")
public final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "a model file written by train --save")
    Path model;

    @Option(names = "--dataset", description = "mnist, fashion-mnist, breast-cancer, csv or idx (default: the model's)")
    String dataset;

    @Option(names = "--data-dir", description = "folder with the dataset (default: data/ in the densebench folder; for idx the IDX folder)")
    Path dataDir;

    @picocli.CommandLine.Mixin
    CsvDataArgs csv = new CsvDataArgs();

    @Option(names = "--split", description = "test or validation (default: ${DEFAULT-VALUE})", defaultValue = "test")
    String split;

    @Option(names = "--threads", description = "threads for the kernels (default: all cores)")
    Integer threads;

    @Option(names = "--out", description = "also write the results as JSON to this file")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!List.of("test", "validation").contains(split)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--split': '" + split + "' (expected test or validation)");
        }
        Safetensors.Contents c = Safetensors.read(model);
        ModelFile.Description d = ModelFile.describe(model, c);
        Map<String, String> origin = d.origin();
        String dataset = this.dataset != null ? this.dataset : origin.getOrDefault("dataset", "mnist");
        if (dataset.equals("csv") && (csv.trainFile() == null || csv.testFile() == null)) {
            throw new ParameterException(spec.commandLine(), "--dataset csv needs --train and --test (the model's training and test files)");
        }
        if (dataset.equals("idx") && dataDir == null) {
            throw new ParameterException(spec.commandLine(), "--dataset idx needs --data-dir (the folder of the model's IDX images)");
        }
        // The split of the run that trained the model: its seed, validation size and training limit.
        DataSpec source = new DataSpec(dataset, dataDir, false, csv.trainFile(), csv.testFile(), csv.labelColumn(), csv.header(),
                Long.parseLong(origin.getOrDefault("seed", "1")),
                Integer.parseInt(origin.getOrDefault("validation", "" + dev.densebench.dataset.Datasets.DEFAULT_IMAGE_VALIDATION)),
                Integer.parseInt(origin.getOrDefault("trainLimit", "0")));
        PrintWriter err = spec.commandLine().getErr();
        DataSplits splits = source.load(err);
        Dataset data = split.equals("test") ? splits.test() : splits.validation();
        if (data.features() != d.spec().inputs()) {
            throw new java.io.IOException(model + " takes " + d.spec().inputs() + " inputs, but " + data.name() + " has " + data.features() + " features");
        }
        if (data.classes() != d.classes().size()) {
            throw new java.io.IOException(model + " predicts " + d.classes().size() + " classes, but " + data.name() + " has " + data.classes());
        }
        int batch = Integer.parseInt(origin.getOrDefault("batch", "128"));
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Kernels k = KernelsFactory.create("vector", t, msg -> System.err.println("densebench: " + msg));
        try {
            Network net = ModelFile.load(model, c, d, k, batch).network();
            int[] predicted = new int[data.rows()];
            Network.Evaluation e = net.evaluate(data.x(), data.y(), data.rows(), predicted);
            ConfusionMatrix cm = ConfusionMatrix.of(d.classes(), data.y(), predicted, data.rows());
            print(System.out, d, data, e, cm);
            if (out != null) {
                RunRecordWriter.writeAtomically(out, json(d, data, e, cm));
                System.out.println("results: " + out);
            }
        } finally {
            if (k instanceof AutoCloseable ac) ac.close();
        }
        return 0;
    }

    private void print(java.io.PrintStream o, ModelFile.Description d, Dataset data, Network.Evaluation e, ConfusionMatrix cm) {
        var origin = d.origin();
        o.printf("model     %s  (%s, %s, %s; trained on %s, commit %s)%n", model, d.spec().describe(outputs(d)),
                d.spec().activation().cliName(), d.spec().output(), origin.get("dataset"), origin.get("commit"));
        o.printf("data      %s, %,d examples%n", data.name(), data.rows());
        o.printf("loss      %.4f%naccuracy  %.2f %%  (%,d of %,d)%n%n", e.loss(), 100 * e.accuracy(), cm.correct(), cm.total());
        List<String> names = d.classes();
        int w = Math.max(6, names.stream().mapToInt(String::length).max().orElse(1));
        int cw = Math.max(6, Long.toString(cm.total()).length() + 1);
        o.println("confusion matrix: rows are the true class, columns the predicted class (counts)");
        StringBuilder head = new StringBuilder(pad("", w));
        for (int j = 0; j < names.size(); j++) head.append(' ').append(leftPad(shortName(names.get(j), cw), cw));
        o.println(head);
        for (int i = 0; i < names.size(); i++) {
            StringBuilder row = new StringBuilder(pad(names.get(i), w));
            for (int j = 0; j < names.size(); j++) row.append(' ').append(leftPad(Long.toString(cm.counts()[i][j]), cw));
            o.println(row);
        }
        o.println();
        o.printf("%s  %9s  %9s  %9s  %9s%n", pad("class", w), "precision", "recall", "F1", "support");
        for (int i = 0; i < names.size(); i++) {
            o.printf("%s  %7.2f %%  %7.2f %%  %7.2f %%  %,9d%n", pad(names.get(i), w), 100 * cm.precision(i), 100 * cm.recall(i),
                    100 * cm.f1(i), cm.support(i));
        }
    }

    private static int outputs(ModelFile.Description d) {
        return dev.densebench.loss.Loss.parse(d.spec().output()).outputSize(d.spec().classes());
    }

    private Map<String, Object> json(ModelFile.Description d, Dataset data, Network.Evaluation e, ConfusionMatrix cm) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "densebench-evaluation/1");
        m.put("model", model.toString());
        m.put("dataset", data.name());
        m.put("split", split);
        m.put("examples", data.rows());
        m.put("loss", e.loss());
        m.put("accuracy", e.accuracy());
        m.put("classes", d.classes());
        m.put("confusionMatrix", cm.counts());
        List<Map<String, Object>> perClass = new ArrayList<>();
        for (int i = 0; i < d.classes().size(); i++) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("class", d.classes().get(i));
            c.put("precision", cm.precision(i));
            c.put("recall", cm.recall(i));
            c.put("f1", cm.f1(i));
            c.put("support", cm.support(i));
            perClass.add(c);
        }
        m.put("perClass", perClass);
        return m;
    }

    private static String shortName(String s, int width) {
        return s.length() < width ? s : s.substring(0, width - 2) + "…";
    }

    static String pad(String s, int w) {
        return String.format("%-" + w + "s", s);
    }

    static String leftPad(String s, int w) {
        return String.format("%" + w + "s", s);
    }
}
