package dev.densebench.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.densebench.dataset.DataFormatException;
import dev.densebench.train.EarlyStopping;
import dev.densebench.train.EpochStats;
import dev.densebench.train.TrainingState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint round-trips every bit; a damaged latest one falls back to the previous; a foreign file is refused. */
class CheckpointTest {
    @TempDir
    Path tmp;

    static TrainingState state(int epochs) {
        List<EpochStats> h = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            h.add(new EpochStats(e, 1.0 / 3 + e, 0.1 * e, Math.PI, 0.7, Math.E, 0.71 + 1e-17, 1.5, 1e6 / 7, 0.25, 0.1f / 3));
        }
        Map<String, float[]> t = new LinkedHashMap<>();
        t.put("param/dense1.weight", new float[] {1f / 3, -0f, Float.MIN_VALUE, 7e-39f});
        t.put("optim/m.0", new float[] {0.5f, 1e-30f, -2f, 3f});
        return new TrainingState(epochs, h, 1234567890123L, 2, 0.123456789, false, new EarlyStopping.Snapshot(2, 0.9, 0.31), t);
    }

    @Test
    void roundTripsEveryBit() throws Exception {
        Checkpoint c = new Checkpoint(tmp.resolve("ck"));
        TrainingState s = state(3);
        c.save(s, List.of("--dataset", "mnist", "--epochs", "6"));
        Checkpoint.Saved back = c.load(msg -> { });
        assertEquals(s.history(), back.state().history());
        assertEquals(s.optimizerSteps(), back.state().optimizerSteps());
        assertEquals(s.earlyStopping(), back.state().earlyStopping());
        assertEquals(s.bestValAccuracy(), back.state().bestValAccuracy(), 0.0);
        for (var e : s.tensors().entrySet()) assertArrayEquals(e.getValue(), back.state().tensors().get(e.getKey()), e.getKey());
        assertEquals(List.of("--dataset", "mnist", "--epochs", "6"), back.args());
    }

    @Test
    void aDamagedLatestCheckpointFallsBackToThePreviousOne() throws Exception {
        Checkpoint c = new Checkpoint(tmp.resolve("ck"));
        c.save(state(1), List.of("a"));
        c.save(state(2), List.of("a"));
        Path latest = tmp.resolve("ck/checkpoint.safetensors");
        byte[] bytes = Files.readAllBytes(latest);
        Files.write(latest, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        List<String> warnings = new ArrayList<>();
        assertEquals(1, c.load(warnings::add).state().epochsDone());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains(latest.toString()) && warnings.get(0).contains("previous"), warnings.get(0));
        // Killed between the two renames: no latest file, the previous one is whole.
        Files.delete(latest);
        assertEquals(1, c.load(warnings::add).state().epochsDone());
    }

    @Test
    void aModelFileIsNotACheckpoint() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("ck"));
        Safetensors.write(dir.resolve("checkpoint.safetensors"), List.of(new Safetensors.Tensor("0.weight", new int[] {1}, new float[] {1})),
                Map.of("format", ModelFile.FORMAT));
        var e = assertThrows(DataFormatException.class, () -> new Checkpoint(dir).load(msg -> { }));
        assertTrue(e.getMessage().contains("not a densebench checkpoint"), e.getMessage());
    }
}
