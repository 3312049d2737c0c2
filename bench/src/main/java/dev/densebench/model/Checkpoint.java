package dev.densebench.model;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.densebench.dataset.DataFormatException;
import dev.densebench.train.EarlyStopping;
import dev.densebench.train.EpochStats;
import dev.densebench.train.TrainingState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A training checkpoint folder: {@code checkpoint.safetensors} (the latest) and
 * {@code previous.safetensors} (the one before). Each is a safetensors file of the
 * {@link TrainingState} tensors, with the bookkeeping and the run's own arguments in its
 * metadata. A save writes the new file atomically beside the old, then moves the old one to
 * {@code previous} and the new one into place: a kill at any moment leaves at least one whole
 * checkpoint, and {@link #load} takes the latest that reads back intact.
 */
public final class Checkpoint {
    public static final String FORMAT = "densebench-checkpoint/1";
    static final String LATEST = "checkpoint.safetensors";
    static final String PREVIOUS = "previous.safetensors";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    public Checkpoint(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** True when the folder holds a checkpoint file (intact or not). */
    public boolean exists() {
        return Files.isRegularFile(dir.resolve(LATEST)) || Files.isRegularFile(dir.resolve(PREVIOUS));
    }

    /** A saved state and the arguments of the run that saved it. */
    public record Saved(TrainingState state, List<String> args, Path file) {
    }

    public void save(TrainingState s, List<String> args) throws IOException {
        Files.createDirectories(dir);
        List<Safetensors.Tensor> tensors = new ArrayList<>();
        s.tensors().forEach((name, v) -> tensors.add(new Safetensors.Tensor(name, new int[] {v.length}, v)));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("args", JSON.writeValueAsString(args));
        meta.put("epochsDone", Integer.toString(s.epochsDone()));
        meta.put("optimizerSteps", Long.toString(s.optimizerSteps()));
        meta.put("bestEpoch", Integer.toString(s.bestEpoch()));
        meta.put("bestValAccuracy", Double.toString(s.bestValAccuracy()));
        meta.put("finished", Boolean.toString(s.finished()));
        if (s.earlyStopping() != null) {
            EarlyStopping.Snapshot e = s.earlyStopping();
            meta.put("earlyStopping", JSON.writeValueAsString(List.of(Double.toString(e.bestEpoch()), Double.toString(e.bestAccuracy()),
                    Double.toString(e.bestLoss()))));
        }
        // Each epoch as numbers in Double.toString form, which parse back to the same bits.
        List<List<String>> history = new ArrayList<>();
        for (EpochStats e : s.history()) {
            history.add(texts(e.epoch(), e.trainLoss(), e.trainAccuracy(), e.valLoss(), e.valAccuracy(), e.testLoss(), e.testAccuracy(),
                    e.seconds(), e.samplesPerSecond(), e.evalSeconds(), e.learningRate()));
        }
        meta.put("history", JSON.writeValueAsString(history));
        Path latest = dir.resolve(LATEST);
        Path fresh = dir.resolve("next.safetensors");
        Safetensors.write(fresh, tensors, meta);
        if (Files.exists(latest)) Files.move(latest, dir.resolve(PREVIOUS), StandardCopyOption.ATOMIC_MOVE);
        Files.move(fresh, latest, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The latest intact checkpoint: {@code checkpoint.safetensors}, or {@code previous} when the
     * latest is missing (a kill between the two renames) or damaged ({@code warn} says so).
     */
    public Saved load(java.util.function.Consumer<String> warn) throws IOException {
        Path latest = dir.resolve(LATEST);
        Path previous = dir.resolve(PREVIOUS);
        if (Files.isRegularFile(latest)) {
            try {
                return read(latest);
            } catch (DataFormatException e) {
                if (!Files.isRegularFile(previous)) throw e;
                warn.accept(e.getMessage() + "; resuming from " + previous + " instead");
            }
        }
        if (Files.isRegularFile(previous)) return read(previous);
        throw new java.io.FileNotFoundException(dir + ": no checkpoint (" + LATEST + ") in this folder");
    }

    static Saved read(Path file) throws IOException {
        Safetensors.Contents c = Safetensors.read(file);
        if (!FORMAT.equals(c.metadata().get("format"))) {
            throw new DataFormatException(file, "is not a densebench checkpoint (format " + c.metadata().get("format") + ", expected " + FORMAT + ")");
        }
        try {
            List<String> args = JSON.readValue(c.meta(file, "args"), new TypeReference<List<String>>() { });
            List<List<String>> h = JSON.readValue(c.meta(file, "history"), new TypeReference<List<List<String>>>() { });
            List<EpochStats> history = new ArrayList<>();
            for (List<String> e : h) {
                double[] v = e.stream().mapToDouble(Double::parseDouble).toArray();
                history.add(new EpochStats((int) v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], (float) v[10]));
            }
            EarlyStopping.Snapshot es = null;
            if (c.metadata().containsKey("earlyStopping")) {
                List<String> e = JSON.readValue(c.meta(file, "earlyStopping"), new TypeReference<List<String>>() { });
                es = new EarlyStopping.Snapshot((int) Double.parseDouble(e.get(0)), Double.parseDouble(e.get(1)), Double.parseDouble(e.get(2)));
            }
            Map<String, float[]> tensors = new LinkedHashMap<>();
            c.tensors().forEach((name, t) -> tensors.put(name, t.data()));
            TrainingState s = new TrainingState(Integer.parseInt(c.meta(file, "epochsDone")), history,
                    Long.parseLong(c.meta(file, "optimizerSteps")), Integer.parseInt(c.meta(file, "bestEpoch")),
                    Double.parseDouble(c.meta(file, "bestValAccuracy")), Boolean.parseBoolean(c.meta(file, "finished")), es, tensors);
            return new Saved(s, args, file);
        } catch (DataFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new DataFormatException(file, "damaged checkpoint metadata (" + e.getMessage() + ")");
        }
    }

    /** Removes the folder's checkpoint files (a finished run needs them no more), and the folder when empty. */
    public void delete() throws IOException {
        for (String f : List.of(LATEST, PREVIOUS, "next.safetensors")) Files.deleteIfExists(dir.resolve(f));
        try {
            Files.deleteIfExists(dir);
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            // Something else lives there (the user's own files): leave it.
        }
    }

    private static List<String> texts(double... values) {
        List<String> t = new ArrayList<>();
        for (double v : values) t.add(Double.toString(v));
        return t;
    }
}
