package dev.densebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The train command's contract: every option in --help, exit 2 naming the option on bad input, a complete record. */
class TrainCommandTest {

    record Result(int code, String out, String err) {
    }

    /** The data folder the build passes in (-Ddensebench.dataDir); skips the test when breast cancer is not there. */
    static String breastCancerDataDir() {
        String dir = System.getProperty("densebench.dataDir", "");
        assumeTrue(!dir.isBlank() && Files.isDirectory(Path.of(dir, "breast-cancer")), "data not fetched");
        return dir;
    }

    static Result run(String... args) {
        CommandRunner.Result r = CommandRunner.run(args);
        return new Result(r.code(), r.out(), r.err());
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        Result r = run("train", "--help");
        assertEquals(0, r.code());
        for (String option : new String[] {"--dataset", "--layers", "--activation", "--output", "--optimizer", "--lr",
                "--momentum", "--beta1", "--beta2", "--eps", "--rho", "--l2", "--weight-decay", "--dropout", "--max-norm",
                "--augment", "--elastic-alpha", "--elastic-sigma", "--schedule", "--warmup", "--early-stop",
                "--batch", "--epochs", "--seed", "--kernels", "--threads", "--data-dir", "--out"}) {
            assertTrue(r.out().contains(option), "help mentions " + option);
        }
        assertTrue(r.out().contains("default: mnist") && r.out().contains("default: vector"), r.out());
    }

    @ParameterizedTest
    @CsvSource({
            "--dataset, cifar, --dataset",
            "--lr, -1, --lr",
            "--lr, abc, --lr",
            "--batch, 0, --batch",
            "--epochs, x, --epochs",
            "--kernels, gpu, --kernels",
            "--threads, 0, --threads",
            "--optimizer, lbfgs, --optimizer",
            "--activation, swish, activation",
            "--output, hinge, output",
            "--layers, '512,x', --layers",
            "--momentum, 1.5, --momentum",
            "--beta2, 1, --beta2",
            "--eps, 0, --eps",
            "--rho, -0.1, --rho",
            "--l2, -1, --l2",
            "--weight-decay, -0.5, --weight-decay",
            "--dropout, '0.5,0.5,0.5,0.5', --dropout",
            "--dropout, 1.0, --dropout",
            "--max-norm, -3, --max-norm",
            "--augment, 'shift,flip', flip",
            "--schedule, linear, --schedule",
            "--warmup, -1, --warmup",
            "--early-stop, -2, --early-stop",
            "--gamma, 2, --gamma"})
    void wrongValuesExitTwoNamingTheOption(String option, String value, String named) {
        Result r = run("train", option, value, "--data-dir", "/nonexistent");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(named), "message names " + named + ": " + r.err());
    }

    @Test
    void augmentationIsRejectedForTabularData() {
        Result r = run("train", "--dataset", "breast-cancer", "--augment", "shift", "--data-dir", "/nonexistent");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--augment") && r.err().contains("images only"), r.err());
    }

    @Test
    void lrSearchRejectsABadGrid() {
        Result r = run("lr-search", "--lr-grid", "0.1,zero", "--data-dir", "/nonexistent");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--lr-grid"), r.err());
    }

    @Test
    void writesACompleteRunRecord(@TempDir Path tmp) throws Exception {
        String dir = breastCancerDataDir();
        Path out = tmp.resolve("run.json");
        Result r = run("train", "--dataset", "breast-cancer", "--epochs", "3", "--threads", "1",
                "--data-dir", dir, "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode rec = new ObjectMapper().readTree(out.toFile());
        assertEquals("breast-cancer", rec.at("/config/dataset").asText());
        assertEquals(1, rec.at("/seed").asLong());
        assertEquals(3, rec.at("/epochs").size());
        for (String field : new String[] {"epoch", "trainLoss", "trainAccuracy", "valLoss", "valAccuracy",
                "testLoss", "testAccuracy", "seconds"}) {
            assertTrue(rec.at("/epochs/2/" + field).isNumber(), "epoch field " + field);
        }
        for (String field : new String[] {"epochsRun", "bestEpoch", "valAccuracy", "testAccuracy", "trainSeconds"}) {
            assertTrue(rec.at("/result/" + field).isNumber(), "result field " + field);
        }
        for (String field : new String[] {"optimizer", "lr", "l2", "weightDecay", "dropout", "maxNorm", "augment", "schedule"}) {
            assertTrue(!rec.at("/config/" + field).isMissingNode(), "config field " + field);
        }
        for (String field : new String[] {"cpuModel", "cores", "jdk", "vectorBits", "kernels", "threads", "gitCommit"}) {
            assertTrue(!rec.at("/machine/" + field).isMissingNode(), "machine field " + field);
        }
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    /** A usage error is one line naming the option with the value as typed, then where help is: no usage text, no trace. */
    @Test
    void aUsageErrorIsOneLineAndAPointerToHelp() {
        Result r = run("train", "--lr", "-1");
        assertEquals(2, r.code(), r.err());
        String[] lines = r.err().strip().split("\\R");
        assertEquals(2, lines.length, r.err());
        assertTrue(lines[0].contains("--lr") && lines[0].contains("'-1'"), lines[0]);
        assertTrue(lines[1].startsWith("see '") && lines[1].endsWith("--help'"), lines[1]);
        assertTrue(!r.err().contains("Usage:") && !r.err().contains("at dev.densebench"), r.err());
    }

    /** A missing data folder: exit 1, one line naming it, no stack trace. */
    @Test
    void aMissingDataFolderIsOneLineWithoutATrace(@org.junit.jupiter.api.io.TempDir Path tmp) {
        Path missing = tmp.resolve("nowhere");
        Result r = run("train", "--dataset", "breast-cancer", "--data-dir", missing.toString(), "--epochs", "1",
                "--out", tmp.resolve("run.json").toString());
        assertEquals(1, r.code(), r.err());
        String[] lines = r.err().strip().split("\\R");
        assertTrue(lines.length <= 2, r.err());
        assertTrue(lines[lines.length - 1].contains("nowhere"), r.err());
        assertTrue(!r.err().contains("at dev.densebench") && !r.err().contains("Exception"), r.err());
    }

    /** An --out that cannot be written is refused before any training, and nothing is created. */
    @Test
    void anUnwritableOutIsRefusedBeforeTraining(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Result r = run("train", "--dataset", "breast-cancer", "--epochs", "1", "--out", file.resolve("run.json").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("densebench train: Invalid value for option '--out'"), r.err());
        assertTrue(!r.err().contains("loading"), "refused before loading data: " + r.err());
        try (var left = Files.list(tmp)) {
            assertEquals(1, left.count(), "nothing created");
        }
    }

    @Test
    void threadsAreBoundedAndValidationIsRefusedWhereItIsFixed() {
        Result many = run("train", "--threads", "1000");
        assertEquals(2, many.code(), many.err());
        assertTrue(many.err().contains("--threads") && many.err().contains("'1000'"), many.err());
        Result bc = run("train", "--dataset", "breast-cancer", "--validation", "100000");
        assertEquals(2, bc.code(), bc.err());
        assertTrue(bc.err().contains("--validation") && bc.err().contains("fixed"), bc.err());
    }

    @Test
    void versionNamesTheCommit() {
        Result r = run("train", "-V");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("densebench ") && r.out().contains("commit"), r.out());
    }

    /** A diverging run stops at once, exits 3 and leaves a record whose status says so. */
    @Test
    void aDivergingRunExitsThreeWithItsStatusRecorded(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        String dir = breastCancerDataDir();
        Path out = tmp.resolve("run.json");
        Result r = run("train", "--dataset", "breast-cancer", "--optimizer", "sgd", "--lr", "1e30", "--epochs", "50",
                "--data-dir", dir, "--out", out.toString());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("diverged at epoch 1"), r.err());
        var result = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toFile()).path("result");
        assertEquals("diverged", result.path("status").asText());
        assertEquals(1, result.path("divergedAt").path("epoch").asInt());
    }

    /** A copy under --data-dir that differs from the published SHA-256: a warning, or with --strict-data an error. */
    @Test
    void ownCopiesAreCheckedAgainstThePublishedChecksums(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        String dir = breastCancerDataDir();
        Path copy = Files.createDirectories(tmp.resolve("data/breast-cancer"));
        java.util.List<String> lines = Files.readAllLines(Path.of(dir, "breast-cancer/breast_cancer.csv"));
        lines.set(1, lines.get(1).replaceFirst("^[0-9.]+", "17.99001"));
        Files.write(copy.resolve("breast_cancer.csv"), lines);
        Result warned = run("train", "--dataset", "breast-cancer", "--epochs", "1", "--data-dir", tmp.resolve("data").toString(),
                "--out", tmp.resolve("a.json").toString());
        assertEquals(0, warned.code(), warned.err());
        assertTrue(warned.err().contains("warning") && warned.err().contains("breast_cancer.csv"), warned.err());
        Result strict = run("train", "--dataset", "breast-cancer", "--epochs", "1", "--data-dir", tmp.resolve("data").toString(),
                "--strict-data", "--out", tmp.resolve("b.json").toString());
        assertEquals(1, strict.code(), strict.err());
        assertTrue(strict.err().strip().lines().count() <= 2 && strict.err().contains("--strict-data"), strict.err());
        assertTrue(!Files.exists(tmp.resolve("b.json")));
    }
}
