package dev.densebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.densebench.peer.OpenBlas;
import java.nio.file.Path;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenBLAS comparison: both libraries compute the same C, each round's ratio is densebench / OpenBLAS. */
class OpenBlasCommandTest {

    private static boolean openBlasHere() {
        try {
            OpenBlas.load(null);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Test
    void comparesEveryShapeAndWritesTheRounds(@TempDir Path dir) throws Exception {
        assumeTrue(openBlasHere(), "no OpenBLAS library on this machine");
        Path json = dir.resolve("openblas.json");
        // Odd sizes and both transposes: the product check inside the command compares every C.
        TrainCommandTest.Result r = TrainCommandTest.run("openblas", "--shapes", "37x45x29,tn:50x33x41,nt:13x70x19",
                "--rounds", "3", "--window-ms", "10", "--out", json.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("tn:50x33x41") && r.out().contains("OpenBLAS:"), r.out());
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertEquals(3, doc.get("results").size());
        for (JsonNode row : doc.get("results")) {
            double[] rounds = StreamSupport.stream(row.get("ratioPerRound").spliterator(), false).mapToDouble(JsonNode::asDouble).toArray();
            assertEquals(3, rounds.length);
            assertEquals(AlternatedWindows.median(rounds), row.get("ratioMedian").asDouble(), 1e-12);
            assertTrue(row.get("gflopsOpenBlas").asDouble() > 0 && row.get("gflopsDensebench").asDouble() > 0);
        }
    }

    @Test
    void aLibraryThatIsNotThereIsOneLineNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("libnothing.so");
        TrainCommandTest.Result r = TrainCommandTest.run("openblas", "--library", missing.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--library") && r.err().contains(missing.toString()), r.err());
        assertTrue(r.err().strip().lines().count() <= 2, r.err());
    }
}
