package dev.densebench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.densebench.cli.CommandRunner;
import dev.densebench.dataset.IdxReader;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Train, save, evaluate, predict and export end to end through the command line: evaluate gives
 * the record's test accuracy exactly, predict the classes evaluate counted, and ONNX Runtime on
 * the exported graph the same classes and probabilities within 1e-5, on all 10,000 MNIST test
 * images and on breast cancer.
 */
class ModelUseTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static Path dataDir(String dataset) {
        String dir = System.getProperty("densebench.dataDir", "");
        assumeTrue(!dir.isBlank() && Files.isDirectory(Path.of(dir, dataset)), "data not fetched");
        return Path.of(dir);
    }

    @Test
    void mnistModelEvaluatesPredictsAndRunsInOnnxRuntime(@TempDir Path tmp) throws Exception {
        Path data = dataDir("mnist");
        Path model = tmp.resolve("m.safetensors");
        Path record = tmp.resolve("run.json");
        // A small, quick model: 784-64-10, one epoch on 10,000 images.
        CommandRunner.Result t = CommandRunner.run("train", "--dataset", "mnist", "--layers", "64", "--epochs", "1", "--train-limit", "10000",
                "--optimizer", "adam", "--data-dir", data.toString(), "--out", record.toString(), "--save", model.toString());
        assertEquals(0, t.code(), t.err());
        double recorded = JSON.readTree(record.toFile()).path("result").path("testAccuracy").asDouble();

        Path evaluation = tmp.resolve("eval.json");
        CommandRunner.Result e = CommandRunner.run("evaluate", "--model", model.toString(), "--data-dir", data.toString(), "--out", evaluation.toString());
        assertEquals(0, e.code(), e.err());
        JsonNode ev = JSON.readTree(evaluation.toFile());
        assertEquals(recorded, ev.path("accuracy").asDouble(), 0.0, "evaluate gives the record's test accuracy exactly");
        long diagonal = 0;
        for (int i = 0; i < 10; i++) diagonal += ev.path("confusionMatrix").get(i).get(i).asLong();
        assertEquals(Math.round(recorded * 10_000), diagonal);

        Path images = data.resolve("mnist/t10k-images-idx3-ubyte");
        Path predictions = tmp.resolve("pred.csv");
        CommandRunner.Result p = CommandRunner.run("predict", "--model", model.toString(), "--input", images.toString(), "--out", predictions.toString());
        assertEquals(0, p.code(), p.err());
        List<String[]> rows = Files.readAllLines(predictions).stream().skip(1).map(l -> l.split(",")).toList();
        assertEquals(10_000, rows.size());
        byte[] labels = IdxReader.read(data.resolve("mnist/t10k-labels-idx1-ubyte"), 1).data();
        int correct = 0;
        for (int i = 0; i < rows.size(); i++) if (Integer.parseInt(rows.get(i)[1]) == labels[i]) correct++;
        assertEquals(diagonal, correct, "predict's classes are those evaluate counted");

        IdxReader.IdxArray raw = IdxReader.read(images, 3);
        float[] x = new float[raw.data().length];
        for (int i = 0; i < x.length; i++) x[i] = raw.data()[i] & 0xFF;
        assertOnnxAgrees(tmp, model, x, 784, rows, 10);
    }

    @Test
    void breastCancerModelRunsInOnnxRuntime(@TempDir Path tmp) throws Exception {
        Path data = dataDir("breast-cancer");
        Path model = tmp.resolve("bc.safetensors");
        CommandRunner.Result t = CommandRunner.run("train", "--dataset", "breast-cancer", "--epochs", "20", "--data-dir", data.toString(),
                "--out", tmp.resolve("run.json").toString(), "--save", model.toString());
        assertEquals(0, t.code(), t.err());
        // Every row of the raw file (header line dropped, label column cut) as predict's CSV input.
        List<String> lines = Files.readAllLines(data.resolve("breast-cancer/breast_cancer.csv"));
        StringBuilder csv = new StringBuilder();
        float[] x = new float[(lines.size() - 1) * 30];
        for (int r = 1; r < lines.size(); r++) {
            String[] v = lines.get(r).split(",");
            csv.append(String.join(",", java.util.Arrays.copyOf(v, 30))).append('\n');
            for (int j = 0; j < 30; j++) x[(r - 1) * 30 + j] = Float.parseFloat(v[j]);
        }
        Path input = tmp.resolve("rows.csv");
        Files.writeString(input, csv);
        Path predictions = tmp.resolve("pred.csv");
        CommandRunner.Result p = CommandRunner.run("predict", "--model", model.toString(), "--input", input.toString(), "--out", predictions.toString());
        assertEquals(0, p.code(), p.err());
        List<String> out = Files.readAllLines(predictions);
        assertEquals("row,predicted,p_malignant,p_benign", out.get(0));
        // Class names to indices, as in the MNIST case.
        List<String[]> rows = out.stream().skip(1).map(l -> l.replace(",malignant,", ",0,").replace(",benign,", ",1,").split(",")).toList();
        assertEquals(569, rows.size());
        assertOnnxAgrees(tmp, model, x, 30, rows, 2);
    }

    /** Exports {@code model}, runs it in ONNX Runtime on the raw inputs, compares with predict's CSV rows. */
    private static void assertOnnxAgrees(Path tmp, Path model, float[] x, int features, List<String[]> rows, int classes) throws Exception {
        Path onnx = tmp.resolve("model.onnx");
        CommandRunner.Result ex = CommandRunner.run("export", "--model", model.toString(), "--format", "onnx", "--out", onnx.toString());
        assertEquals(0, ex.code(), ex.err());
        int n = x.length / features;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {n, features});
             OrtSession.Result result = session.run(Map.of("raw_input", input))) {
            float[][] out = (float[][]) result.get(0).getValue();
            double worst = 0;
            for (int r = 0; r < n; r++) {
                float[] probs = new float[classes];
                if (out[r].length == 1) {
                    probs[0] = 1 - out[r][0];
                    probs[1] = out[r][0];
                } else {
                    probs = out[r];
                }
                int best = 0;
                for (int j = 1; j < classes; j++) if (probs[j] > probs[best]) best = j;
                assertEquals(rows.get(r)[1], Integer.toString(best), "ONNX Runtime's class of input " + r);
                for (int j = 0; j < classes; j++) worst = Math.max(worst, Math.abs(probs[j] - Float.parseFloat(rows.get(r)[2 + j])));
            }
            assertTrue(worst <= 1e-5, "largest probability difference " + worst);
        }
    }
}
