package dev.densebench.cli;

import dev.densebench.dataset.DataFormatException;
import dev.densebench.dataset.IdxReader;
import dev.densebench.kernel.Kernels;
import dev.densebench.kernel.KernelsFactory;
import dev.densebench.model.ModelFile;
import dev.densebench.model.Safetensors;
import dev.densebench.nn.Network;
import dev.densebench.runrecord.RunRecordWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code densebench predict}: a saved model on new inputs, IDX images (as MNIST's, gzipped or
 * not) or CSV rows of the model's feature count; the model's own input scaling is applied
 * first. Writes CSV: the row number, the predicted class and every class's probability.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = "Predict with a saved model: one CSV line per input with the class and every class probability.")
public final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "a model file written by train --save")
    Path model;

    @Option(names = "--input", required = true, description = "IDX images, or CSV rows of the model's feature count; '-' reads CSV from standard input")
    String input;

    @Option(names = "--header", description = "the CSV input's first line names the columns: skip it")
    boolean header;

    @Option(names = "--out", description = "CSV file to write (default: standard output)")
    Path out;

    @Option(names = "--threads", description = "threads for the kernels (default: all cores)")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        Safetensors.Contents c = Safetensors.read(model);
        ModelFile.Description d = ModelFile.describe(model, c);
        int features = d.spec().inputs();
        float[] x;
        if (input.equals("-")) {
            x = readCsv("standard input", new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), features);
        } else {
            Path file = Path.of(input);
            if (!Files.isRegularFile(file)) throw new java.io.FileNotFoundException(file + ": file not found (--input)");
            x = isIdx(file) ? readIdx(file, features) : readCsv(file.toString(), Files.newBufferedReader(file, StandardCharsets.UTF_8), features);
        }
        int rows = x.length / features;
        d.scaling().apply(x, rows, features);
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Kernels k = KernelsFactory.create("vector", t, msg -> System.err.println("densebench: " + msg));
        try {
            Network net = ModelFile.load(model, c, d, k, 256).network();
            int[] predicted = new int[rows];
            float[] probs = new float[rows * d.classes().size()];
            net.predict(x, rows, predicted, probs);
            if (out != null) {
                RunRecordWriter.replaceAtomically(out, tmp -> {
                    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                        write(w, d.classes(), predicted, probs, d.spec().output());
                    }
                });
                System.err.printf("predictions for %,d inputs: %s%n", rows, out);
            } else {
                Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8));
                write(w, d.classes(), predicted, probs, d.spec().output());
                w.flush();
            }
        } finally {
            if (k instanceof AutoCloseable ac) ac.close();
        }
        return 0;
    }

    /** CSV: {@code row,predicted,p_<class>...} (mse models give scores, {@code score_<class>}). */
    static void write(Writer w, List<String> classes, int[] predicted, float[] probs, String output) throws IOException {
        String prefix = output.equals("mse") ? "score_" : "p_";
        StringBuilder sb = new StringBuilder("row,predicted");
        for (String c : classes) sb.append(',').append(prefix).append(csvField(c));
        w.write(sb.append('\n').toString());
        int n = classes.size();
        for (int r = 0; r < predicted.length; r++) {
            sb.setLength(0);
            sb.append(r).append(',').append(csvField(classes.get(predicted[r])));
            for (int j = 0; j < n; j++) sb.append(',').append(probs[r * n + j]);
            w.write(sb.append('\n').toString());
        }
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /** IDX files start with two zero bytes, a type byte and the rank; gzip with 0x1f 0x8b. */
    static boolean isIdx(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            if (head.length >= 2 && (head[0] & 0xFF) == 0x1f && (head[1] & 0xFF) == 0x8b) {
                try (InputStream gz = new GZIPInputStream(Files.newInputStream(file))) {
                    head = gz.readNBytes(4);
                }
            }
            return head.length == 4 && head[0] == 0 && head[1] == 0 && head[2] == 0x08;
        }
    }

    static float[] readIdx(Path file, int features) throws IOException {
        IdxReader.IdxArray images = IdxReader.read(file, 3);
        int[] dims = images.dims();
        if (dims[1] * dims[2] != features) {
            throw new DataFormatException(file, "images of " + dims[1] + "×" + dims[2] + " = " + (dims[1] * dims[2])
                    + " pixels, but the model takes " + features + " inputs");
        }
        byte[] px = images.data();
        float[] x = new float[px.length];
        for (int i = 0; i < x.length; i++) x[i] = px[i] & 0xFF;
        return x;
    }

    /** CSV rows of exactly {@code features} finite numbers; a bad row is an error naming its line. */
    float[] readCsv(String name, BufferedReader in, int features) throws IOException {
        var values = new java.io.ByteArrayOutputStream();
        var data = new java.io.DataOutputStream(values);
        int rows = 0;
        try (in) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && header) continue;
                if (line.isBlank()) continue;
                String[] v = line.split(",", -1);
                if (v.length != features) {
                    throw new IOException(name + ": line " + lineNo + ": " + v.length + " values, but the model takes " + features
                            + " features" + (v.length == features + 1 ? " (drop the label column)" : ""));
                }
                for (int j = 0; j < features; j++) {
                    float f;
                    try {
                        f = Float.parseFloat(v[j].trim());
                    } catch (NumberFormatException e) {
                        throw new IOException(name + ": line " + lineNo + ", column " + (j + 1) + ": '" + v[j].trim() + "' is not a number");
                    }
                    if (!Float.isFinite(f)) throw new IOException(name + ": line " + lineNo + ", column " + (j + 1) + ": '" + v[j].trim() + "' is not finite");
                    data.writeFloat(f);
                }
                rows++;
            }
        }
        if (rows == 0) throw new IOException(name + ": no rows to predict");
        var buf = java.nio.ByteBuffer.wrap(values.toByteArray());
        float[] x = new float[rows * features];
        buf.asFloatBuffer().get(x);
        return x;
    }
}
