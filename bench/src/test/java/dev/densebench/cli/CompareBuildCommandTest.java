package dev.densebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.densebench.kernel.KernelsFactory;
import dev.densebench.kernel.VectorKernels;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareBuildCommandTest {

    /** This build's engine (its jar or classes folder) as the baseline, with another tile height for the baseline only. */
    @Test
    void comparesWithAnotherBuildThatHasItsOwnTuning(@TempDir Path dir) throws Exception {
        Path engine = Path.of(KernelsFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Matcher tile = Pattern.compile("(\\d+)x(\\d+)").matcher(VectorKernels.gemmTile()); // this build's tile
        assertTrue(tile.find(), VectorKernels.gemmTile());
        String otherRows = tile.group(1).equals("12") ? "6" : "12";
        Path json = dir.resolve("builds.json");
        TrainCommandTest.Result r = TrainCommandTest.run("compare-build", "--baseline", engine.toString(),
                "--baseline-set", "densebench.gemm.mr=" + otherRows, "--shapes", "30x200x40,tn:20x30x10",
                "--rounds", "3", "--window-ms", "10", "--out", json.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("30x200x40") && r.out().contains("tn:20x30x10") && r.out().contains("GFLOP/s"), r.out());
        assertTrue(r.out().contains("this build: vector kernels: ") && r.out().contains("tile " + tile.group(1) + "x"), r.out());
        // The property reached the baseline's GemmTuning only, and is gone afterwards.
        assertNull(System.getProperty("densebench.gemm.mr"));
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertTrue(doc.get("baselineKernels").asText().contains("tile " + otherRows + "x" + tile.group(2)), doc.toString());
        assertEquals(otherRows, doc.get("baselineProperties").get("densebench.gemm.mr").asText());
        assertEquals(2, doc.get("results").size());
        for (JsonNode row : doc.get("results")) {
            double[] rounds = StreamSupport.stream(row.get("ratioPerRound").spliterator(), false)
                    .mapToDouble(JsonNode::asDouble).toArray();
            assertEquals(3, rounds.length);
            assertEquals(AlternatedWindows.median(rounds), row.get("ratioMedian").asDouble(), 1e-12);
            assertTrue(row.get("gflopsBaseline").asDouble() > 0 && row.get("gflopsThisBuild").asDouble() > 0, row.toString());
        }
    }

    @Test
    void refusesAMissingOrForeignBaselineNamingTheOption(@TempDir Path dir) {
        TrainCommandTest.Result missing = TrainCommandTest.run("compare-build", "--baseline", dir.resolve("none.jar").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("--baseline") && missing.err().contains("engine jar"), missing.err());
        TrainCommandTest.Result foreign = TrainCommandTest.run("compare-build", "--baseline", dir.toString(), "--shapes", "8x8x8");
        assertEquals(2, foreign.code());
        assertTrue(foreign.err().contains("--baseline") && foreign.err().contains("no densebench engine"), foreign.err());
    }
}
