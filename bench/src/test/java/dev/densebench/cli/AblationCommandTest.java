package dev.densebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ablation runner: every run recorded once, resumption redoes only missing or broken records. */
class AblationCommandTest {
    static final String GRID = """
            { "name": "tiny", "seeds": [1, 2],
              "datasets": { "breast-cancer": {"layers": 8, "epochs": 5, "threads": 1} },
              "studies": [ { "name": "optimizer", "datasets": ["breast-cancer"],
                             "variants": { "sgd": {"optimizer": "sgd"}, "adam": {"optimizer": "adam", "lr": 0.01} } } ] }
            """;

    @Test
    void resumesOnlyMissingOrBrokenRecords(@TempDir Path tmp) throws Exception {
        String dir = TrainCommandTest.breastCancerDataDir();
        Path grid = tmp.resolve("grid.json");
        Files.writeString(grid, GRID);
        Path out = tmp.resolve("out");
        String[] args = {"ablation", "--grid", grid.toString(), "--out-dir", out.toString(), "--data-dir", dir};
        assertEquals(0, TrainCommandTest.run(args).code());
        List<Path> records = records(out);
        assertEquals(4, records.size(), "2 variants × 2 seeds");
        assertTrue(!Files.exists(out.resolve("checkpoints")) || Files.walk(out.resolve("checkpoints")).noneMatch(Files::isRegularFile),
                "a run's checkpoint is removed once its record is written");
        double[] first = accuracies(records);

        // Lose one record, break another (as a kill in mid-write could not, but a disk might), keep two.
        Path lost = records.get(0), broken = records.get(1), kept = records.get(2);
        Files.delete(lost);
        Files.writeString(broken, "{\"format\": \"densebench-run/1\", \"epo");
        FileTime keptTime = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(kept, keptTime);

        TrainCommandTest.Result again = TrainCommandTest.run(args);
        assertEquals(0, again.code());
        List<Path> after = records(out);
        assertEquals(records, after, "every record present exactly once");
        assertEquals(keptTime, Files.getLastModifiedTime(kept), "a complete record is not redone");
        assertTrue(AblationCommand.isComplete(broken));
        double[] second = accuracies(after);
        for (int i = 0; i < first.length; i++) assertEquals(first[i], second[i], 0.0, "same seeds, same accuracy");
    }

    @Test
    void reportIsBuiltFromTheRecordsAlone(@TempDir Path tmp) throws Exception {
        String dir = TrainCommandTest.breastCancerDataDir();
        Path out = ablate(tmp, GRID, "out", dir);
        Path reference = tmp.resolve("ref.csv");
        Files.writeString(reference, "label,shape,threads,gflops\nOpenBLAS,128x784x512,1,170.0\n");
        TrainCommandTest.Result r = TrainCommandTest.run("report", out.toString(), "--reference", reference.toString(), "--command", "test");
        assertEquals(0, r.code(), r.err());
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("<table class=\"results\">") && html.contains("sgd") && html.contains("adam"), "result tables");
        try (Stream<Path> pngs = Files.list(out.resolve("charts"))) {
            List<Path> charts = pngs.toList();
            assertEquals(5, charts.size(), "curves, final, time for the one study, the confusion matrix, the GEMM chart");
            for (Path png : charts) {
                byte[] head = Files.readAllBytes(png);
                assertTrue(head.length > 1000 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G', png + " is a PNG");
                assertTrue(html.contains("charts/" + png.getFileName()), "index.html shows " + png.getFileName());
            }
        }
        assertEquals(1 + 4, Files.readAllLines(out.resolve("records.csv")).size(), "a header and one row per record");
        assertTrue(Files.readString(out.resolve("summary.md")).contains("| sgd | 2 |"));
    }

    static final String LR_GRID = """
            { "name": "lr", "seeds": [1, 2],
              "datasets": { "breast-cancer": {"layers": 8, "epochs": 4, "threads": 1} },
              "studies": [ { "name": "optimizer", "datasets": ["breast-cancer"], "warmup": %s,
                             "lrGrid": { "sgd": [0.001, 0.3] },
                             "variants": { "sgd": {"optimizer": "sgd"} } } ] }
            """;

    @Test
    void choosesEachLearningRateOnValidationAndRunsTheSeedsWithIt(@TempDir Path tmp) throws Exception {
        String dir = TrainCommandTest.breastCancerDataDir();
        Path out = ablate(tmp, LR_GRID.formatted("null"), "out", dir);

        Path selection = out.resolve("lr-selection/optimizer/breast-cancer/sgd");
        ObjectMapper json = new ObjectMapper();
        JsonNode low = json.readTree(selection.resolve("lr-0.001.json").toFile());
        JsonNode high = json.readTree(selection.resolve("lr-0.3.json").toFile());
        assertEquals(1, low.path("seed").asInt());
        double lowVal = low.at("/result/valAccuracy").asDouble(), highVal = high.at("/result/valAccuracy").asDouble();
        assertTrue(lowVal != highVal, "the two rates must differ on validation for this test to tell them apart");
        String chosen = highVal > lowVal ? "0.3" : "0.001";

        List<Path> records = records(out);
        assertEquals(2, records.size(), "one record per seed, none for the selection runs");
        assertEquals(Files.readString(selection.resolve("lr-" + chosen + ".json")), Files.readString(records.get(0)),
                "the first seed's record is the winning selection run");
        JsonNode seed2 = json.readTree(records.get(1).toFile());
        assertEquals(2, seed2.path("seed").asInt());
        assertEquals(Float.parseFloat(chosen), (float) seed2.at("/config/lr").asDouble(), 0f, "seed 2 trained with the chosen rate");

        assertEquals(0, TrainCommandTest.run("report", out.toString(), "--command", "test").code());
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("<table class=\"lr-selection\">") && html.contains("chosen"), "the report lists the selection");

        // Warm-up runs leave no records and do not change any result.
        Path warm = ablate(tmp, LR_GRID.formatted("{\"epochs\": 1, \"train-limit\": 64}"), "warm", dir);
        assertEquals(2, records(warm).size());
        double[] cold = accuracies(records), warmed = accuracies(records(warm));
        for (int i = 0; i < cold.length; i++) assertEquals(cold[i], warmed[i], 0.0, "warm-up changes no result");
    }

    @Test
    void anLrGridForAnUnknownVariantIsRejected(@TempDir Path tmp) throws Exception {
        Path grid = tmp.resolve("lr.json");
        Files.writeString(grid, LR_GRID.formatted("null").replace("\"lrGrid\": { \"sgd\"", "\"lrGrid\": { \"adam\""));
        TrainCommandTest.Result r = TrainCommandTest.run("ablation", "--grid", grid.toString(), "--out-dir", tmp.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("lr.json") && r.err().contains("optimizer.lrGrid.adam"), r.err());
    }

    @Test
    void aBadGridIsRejectedNamingTheFile(@TempDir Path tmp) throws Exception {
        Path grid = tmp.resolve("bad.json");
        Files.writeString(grid, "{ \"name\": \"x\", \"seeds\": [1], \"datasets\": {}, \"studies\": [ { \"name\": \"s\", \"datasets\": [\"mnist\"], \"variants\": { \"a\": {} } } ] }");
        TrainCommandTest.Result r = TrainCommandTest.run("ablation", "--grid", grid.toString(), "--out-dir", tmp.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("bad.json") && r.err().contains("'mnist'"), r.err());
    }

    /** Writes {@code gridJson} to a file in {@code tmp}, runs the ablation into {@code tmp/outName} and returns that folder. */
    static final String DIVERGING_GRID = """
            { "name": "diverge", "seeds": [1, 2],
              "datasets": { "breast-cancer": {"layers": 8, "epochs": 5, "threads": 1} },
              "studies": [ { "name": "optimizer", "datasets": ["breast-cancer"],
                             "variants": { "sgd": {"optimizer": "sgd"}, "huge-lr": {"optimizer": "sgd", "lr": 1e30} } } ] }
            """;

    /** A variant that diverges does not stop the grid; the report counts it as diverged and never averages it. */
    @Test
    void divergedRunsAreCountedNotAveraged(@TempDir Path tmp) throws Exception {
        String dir = TrainCommandTest.breastCancerDataDir();
        Path out = ablate(tmp, DIVERGING_GRID, "out", dir);
        assertEquals(4, records(out).size());
        TrainCommandTest.Result r = TrainCommandTest.run("report", out.toString(), "--command", "test");
        assertEquals(0, r.code(), r.err());
        String summary = Files.readString(out.resolve("summary.md"));
        assertTrue(summary.contains("| huge-lr | 2 | diverged |") && summary.contains("| 2/2 |"), summary);
        assertTrue(!summary.contains("NaN"), summary);
        List<String> csv = Files.readAllLines(out.resolve("records.csv"));
        assertEquals(2, csv.stream().filter(l -> l.contains(",huge-lr,") && l.contains(",diverged,")).count(), String.join("\n", csv));
        // Resuming finds the diverged records complete: nothing is re-run, no file is touched.
        List<java.nio.file.attribute.FileTime> before = new java.util.ArrayList<>();
        for (Path f : records(out)) before.add(Files.getLastModifiedTime(f));
        TrainCommandTest.Result again = TrainCommandTest.run("ablation", "--grid", out.resolveSibling("out-grid.json").toString(),
                "--out-dir", out.toString(), "--data-dir", dir);
        assertEquals(0, again.code(), again.err());
        List<java.nio.file.attribute.FileTime> after = new java.util.ArrayList<>();
        for (Path f : records(out)) after.add(Files.getLastModifiedTime(f));
        assertEquals(before, after);
    }

    static Path ablate(Path tmp, String gridJson, String outName, String dataDir) throws Exception {
        Path grid = tmp.resolve(outName + "-grid.json");
        Files.writeString(grid, gridJson);
        Path out = tmp.resolve(outName);
        TrainCommandTest.Result r = TrainCommandTest.run("ablation", "--grid", grid.toString(), "--out-dir", out.toString(), "--data-dir", dataDir);
        assertEquals(0, r.code(), r.err());
        return out;
    }

    static List<Path> records(Path out) throws Exception {
        try (Stream<Path> s = Files.walk(out.resolve("records"))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    static double[] accuracies(List<Path> records) throws Exception {
        double[] acc = new double[records.size()];
        for (int i = 0; i < acc.length; i++) {
            JsonNode r = new ObjectMapper().readTree(records.get(i).toFile());
            acc[i] = r.at("/result/testAccuracy").asDouble();
        }
        return acc;
    }
}
