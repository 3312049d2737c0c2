package dev.densebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CSV data set of one's own trains, saves, evaluates and predicts end to end; bad rows get one
 * line naming them; a run resumed from its checkpoint writes the record of the run left alone.
 */
class OwnDataAndResumeTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Three Gaussian blobs in 4 dimensions, the label ("species") in the second column, with a header. */
    static void writeBlobs(Path file, int rows, long seed) throws Exception {
        SplittableRandom rng = new SplittableRandom(seed);
        String[] names = {"setosa", "versicolor", "virginica"};
        StringBuilder sb = new StringBuilder("width,species,height,depth,weight\n");
        for (int r = 0; r < rows; r++) {
            int c = rng.nextInt(3);
            double[] v = new double[4];
            for (int j = 0; j < 4; j++) v[j] = 10 * c + 3 * j + rng.nextGaussian() * 2;
            sb.append(v[0]).append(',').append(names[c]).append(',').append(v[1]).append(',').append(v[2]).append(',').append(v[3]).append('\n');
        }
        Files.writeString(file, sb);
    }

    @Test
    void ownCsvTrainsSavesEvaluatesAndPredicts(@TempDir Path tmp) throws Exception {
        Path train = tmp.resolve("train.csv");
        Path test = tmp.resolve("test.csv");
        writeBlobs(train, 400, 1);
        writeBlobs(test, 120, 2);
        Path model = tmp.resolve("blobs.safetensors");
        Path record = tmp.resolve("run.json");
        CommandRunner.Result t = CommandRunner.run("train", "--dataset", "csv", "--train", train.toString(), "--test", test.toString(),
                "--label-column", "species", "--header", "--epochs", "20", "--optimizer", "adam", "--lr", "0.01", "--out", record.toString(), "--save", model.toString());
        assertEquals(0, t.code(), t.err());
        JsonNode rec = JSON.readTree(record.toFile());
        double recorded = rec.path("result").path("testAccuracy").asDouble();
        assertTrue(recorded > 0.9, "blobs this far apart are easy: " + recorded);
        assertEquals("[\"setosa\",\"versicolor\",\"virginica\"]", rec.path("result").path("confusionMatrix").path("classes").toString());

        Path ev = tmp.resolve("eval.json");
        CommandRunner.Result e = CommandRunner.run("evaluate", "--model", model.toString(), "--dataset", "csv", "--train", train.toString(),
                "--test", test.toString(), "--label-column", "species", "--header", "--out", ev.toString());
        assertEquals(0, e.code(), e.err());
        assertEquals(recorded, JSON.readTree(ev.toFile()).path("accuracy").asDouble(), 0.0);

        // predict reads the features alone: the test file without its label column.
        List<String> lines = Files.readAllLines(test);
        StringBuilder features = new StringBuilder();
        List<String> truth = new java.util.ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] v = l.split(",");
            features.append(v[0]).append(',').append(v[2]).append(',').append(v[3]).append(',').append(v[4]).append('\n');
            truth.add(v[1]);
        }
        Path input = tmp.resolve("features.csv");
        Files.writeString(input, features);
        Path pred = tmp.resolve("pred.csv");
        CommandRunner.Result p = CommandRunner.run("predict", "--model", model.toString(), "--input", input.toString(), "--out", pred.toString());
        assertEquals(0, p.code(), p.err());
        List<String> out = Files.readAllLines(pred);
        assertEquals("row,predicted,p_setosa,p_versicolor,p_virginica", out.get(0));
        int correct = 0;
        for (int i = 0; i < truth.size(); i++) if (out.get(i + 1).split(",")[1].equals(truth.get(i))) correct++;
        assertEquals(Math.round(recorded * truth.size()), correct, "predict's classes give the recorded accuracy");

        Files.writeString(input, "1,2,3,4\n1,2,x,4\n");
        CommandRunner.Result bad = CommandRunner.run("predict", "--model", model.toString(), "--input", input.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("line 2, column 3: 'x' is not a number"), bad.err());
        Files.writeString(input, "1,2,3,4\n1,2,3\n");
        bad = CommandRunner.run("predict", "--model", model.toString(), "--input", input.toString());
        assertTrue(bad.err().contains("line 2: 3 values, but the model takes 4 features"), bad.err());
        Files.writeString(input, "1,2,3,Infinity\n");
        bad = CommandRunner.run("predict", "--model", model.toString(), "--input", input.toString());
        assertTrue(bad.err().contains("line 1, column 4: 'Infinity' is not finite"), bad.err());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
    }

    @Test
    void anIdxFolderOfOnesOwnTrainsAndEvaluates(@TempDir Path tmp) throws Exception {
        String dir = System.getProperty("densebench.dataDir", "");
        org.junit.jupiter.api.Assumptions.assumeTrue(!dir.isBlank() && Files.isDirectory(Path.of(dir, "mnist")), "data not fetched");
        Path images = Path.of(dir, "mnist");    // any folder in MNIST's layout
        Path model = tmp.resolve("idx.safetensors");
        Path record = tmp.resolve("run.json");
        CommandRunner.Result t = CommandRunner.run("train", "--dataset", "idx", "--data-dir", images.toString(), "--layers", "16",
                "--epochs", "1", "--train-limit", "3000", "--out", record.toString(), "--save", model.toString());
        assertEquals(0, t.code(), t.err());
        JsonNode rec = JSON.readTree(record.toFile());
        assertEquals(10, rec.path("dataset").path("classes").size(), "classes 0..9 from the labels");
        Path ev = tmp.resolve("eval.json");
        CommandRunner.Result e = CommandRunner.run("evaluate", "--model", model.toString(), "--data-dir", images.toString(), "--out", ev.toString());
        assertEquals(0, e.code(), e.err());
        assertEquals(rec.path("result").path("testAccuracy").asDouble(), JSON.readTree(ev.toFile()).path("accuracy").asDouble(), 0.0);
        CommandRunner.Result missing = CommandRunner.run("train", "--dataset", "idx", "--out", tmp.resolve("x.json").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("--data-dir"), missing.err());
    }

    @Test
    void badCsvTrainingFilesNameTheLine(@TempDir Path tmp) throws Exception {
        Path train = tmp.resolve("train.csv");
        Files.writeString(train, "a,b,label\n1,2,x\n3,4\n");
        CommandRunner.Result r = CommandRunner.run("train", "--dataset", "csv", "--train", train.toString(), "--test", train.toString(),
                "--header", "--out", tmp.resolve("r.json").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(train + ": line 3: 2 columns, expected 3"), r.err());
        r = CommandRunner.run("train", "--dataset", "csv", "--train", train.toString(), "--out", tmp.resolve("r.json").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--test"), r.err());
    }

    @Test
    void aResumedRunWritesTheRecordOfTheRunLeftAlone(@TempDir Path tmp) throws Exception {
        Path data = Path.of(TrainCommandTest.breastCancerDataDir());
        String[] common = {"--dataset", "breast-cancer", "--epochs", "6", "--optimizer", "adam", "--dropout", "0.2", "--schedule", "cosine",
                "--data-dir", data.toString()};
        Path whole = tmp.resolve("whole.json");
        assertEquals(0, CommandRunner.run(concat("train", common, "--out", whole.toString())).code());
        // Checkpoints every 3 epochs: after the run the folder holds epoch 6 (latest) and epoch 3 (previous).
        Path ck = tmp.resolve("ck");
        Path resumed = tmp.resolve("resumed.json");
        assertEquals(0, CommandRunner.run(concat("train", common, "--out", resumed.toString(), "--checkpoint", ck.toString(),
                "--checkpoint-every", "3")).code());
        // As if killed between epoch 3 and 6: only the epoch-3 checkpoint is left.
        Files.delete(ck.resolve("checkpoint.safetensors"));
        Files.delete(resumed);
        CommandRunner.Result r = CommandRunner.run("train", "--resume", ck.toString(), "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertEquals(epochs(whole), epochs(resumed));
        // Every option but the harmless few is refused with --resume; a used folder is refused without it.
        CommandRunner.Result refused = CommandRunner.run("train", "--resume", ck.toString(), "--lr", "0.5");
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("--lr"), refused.err());
        refused = CommandRunner.run(concat("train", common, "--checkpoint", ck.toString()));
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("--resume"), refused.err());
    }

    @Test
    void aNetworkThatCannotFitIsRefusedBeforeItIsAllocated(@TempDir Path tmp) throws Exception {
        String data = TrainCommandTest.breastCancerDataDir();
        Path out = tmp.resolve("r.json");
        CommandRunner.Result r = CommandRunner.run("train", "--dataset", "breast-cancer", "--layers", "100000,100000", "--data-dir", data,
                "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("needs about") && r.err().contains("free") && r.err().contains("-Xmx"), r.err());
        assertTrue(!r.err().contains("at dev.densebench"), r.err());
        assertTrue(!Files.exists(out));
    }

    /** Per-epoch losses and accuracies, without wall times. */
    static String epochs(Path record) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (JsonNode e : JSON.readTree(record.toFile()).path("epochs")) {
            for (String f : List.of("trainLoss", "trainAccuracy", "valLoss", "valAccuracy", "testLoss", "testAccuracy", "learningRate")) {
                sb.append(e.path(f).asText()).append(' ');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String[] concat(String first, String[] middle, String... rest) {
        List<String> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(List.of(middle));
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

}
