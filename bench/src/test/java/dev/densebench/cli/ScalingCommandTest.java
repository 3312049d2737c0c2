package dev.densebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScalingCommandTest {

    @Test
    void printsOneRowPerShapeAndWritesTheRoundsAsJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("scaling.json");
        TrainCommandTest.Result r = TrainCommandTest.run("scaling", "--shapes", "40x50x60,tn:70x30x40",
                "--threads", "2", "--rounds", "3", "--window-ms", "10", "--out", json.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("40x50x60") && r.out().contains("tn:70x30x40"), r.out());
        assertTrue(r.out().contains("GFLOP/s"), r.out());
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertEquals(2, doc.get("threads").asInt());
        assertEquals("densebench scaling --shapes 40x50x60,tn:70x30x40 --threads 2 --rounds 3 --window-ms 10 --out " + json,
                doc.get("command").asText());
        assertEquals(2, doc.get("results").size());
        for (JsonNode row : doc.get("results")) {
            double[] rounds = StreamSupport.stream(row.get("speedupPerRound").spliterator(), false)
                    .mapToDouble(JsonNode::asDouble).toArray();
            assertEquals(3, rounds.length);
            // The reported speed-up is the median of the rounds, and they lie within the reported range.
            assertEquals(AlternatedWindows.median(rounds), row.get("speedupMedian").asDouble(), 1e-12);
            for (double x : rounds) {
                assertTrue(x > 0 && x >= row.get("speedupMin").asDouble() && x <= row.get("speedupMax").asDouble());
            }
            assertTrue(row.get("gflopsOneThread").asDouble() > 0 && row.get("gflopsThreads").asDouble() > 0);
        }
    }

    /** Against the scalar kernels: one vector thread by default, the scalar kernels named in the output and the JSON. */
    @Test
    void comparesWithTheScalarKernels(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("vs-scalar.json");
        TrainCommandTest.Result r = TrainCommandTest.run("scaling", "--baseline", "scalar", "--shapes", "30x40x50",
                "--rounds", "3", "--window-ms", "10", "--out", json.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("scalar, 1 thread") && r.out().contains("vector, 1 thread"), r.out());
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertEquals(1, doc.get("threads").asInt());
        assertEquals("scalar", doc.get("baseline").asText());
        JsonNode row = doc.get("results").get(0);
        assertTrue(row.get("gflopsScalar").asDouble() > 0 && row.get("gflopsVector").asDouble() > 0, row.toString());
        TrainCommandTest.Result bad = TrainCommandTest.run("scaling", "--baseline", "numpy");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--baseline") && bad.err().contains("vector or scalar"), bad.err());
    }

    @Test
    void refusesMalformedShapesAndOneThreadNamingTheOption() {
        TrainCommandTest.Result shape = TrainCommandTest.run("scaling", "--shapes", "12x3", "--threads", "2");
        assertEquals(2, shape.code());
        assertTrue(shape.err().contains("--shapes") && shape.err().contains("MxKxN"), shape.err());
        TrainCommandTest.Result one = TrainCommandTest.run("scaling", "--threads", "1");
        assertEquals(2, one.code());
        assertTrue(one.err().contains("--threads"), one.err());
    }

    @Test
    void medianOfEvenAndOddCounts() {
        assertEquals(2.0, AlternatedWindows.median(new double[] {3, 1, 2}));
        assertEquals(2.5, AlternatedWindows.median(new double[] {4, 1, 3, 2}));
    }
}
