package dev.densebench.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.densebench.ablation.Grid;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A grid's JSON options bind to the same fields, with the same checks, as train's command line. */
class GridOptionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) JSON.readTree(text);
    }

    /** The run's record config as text (the dropout rates by value). */
    private static String config(RunSpec spec) {
        var c = new java.util.LinkedHashMap<>(spec.config("a", 1, "k", 1));
        c.put("dropout", java.util.Arrays.toString(spec.dropout()));
        return c.toString();
    }

    @Test
    void everyTrainOptionHasItsNameWithoutTheDashes() {
        Set<String> cli = new TreeSet<>();
        for (CommandLine.Model.OptionSpec o : new CommandLine(new TrainArgs.Holder(new TrainArgs())).getCommandSpec().options()) {
            cli.add(o.longestName().substring(2));
        }
        cli.remove("resume"); // a grid's runs are resumed by the ablation, not by an option
        Set<String> json = new TreeSet<>();
        for (Class<?> c : List.of(TrainArgs.class, CsvDataArgs.class)) {
            JSON.getDeserializationConfig().introspect(JSON.constructType(c)).findProperties().forEach(p -> {
                if (p.hasField() && p.getField().getAnnotation(com.fasterxml.jackson.annotation.JsonIgnore.class) == null) json.add(p.getName());
            });
        }
        assertEquals(cli, json, "a train option the grids cannot set, or a grid name train does not know");
    }

    @Test
    void jsonAndCommandLineGiveTheSameRun() throws Exception {
        RunSpec fromJson = TrainArgs.fromJson(json("""
                {"dataset": "fashion-mnist", "layers": [64, 32], "activation": "tanh", "optimizer": "adamw", "lr": 0.002,
                 "beta2": 0.99, "weight-decay": 0.05, "dropout": [0.1, 0.2, 0.3], "max-norm": 3, "augment": "shift",
                 "schedule": "cosine", "warmup": 1.5, "early-stop": 2, "batch": 64, "epochs": 7, "seed": 11,
                 "train-limit": 5000, "validation": 1000, "threads": 1, "strict-data": true, "target": 0.8}"""));
        List<String> commandLine = List.of("--dataset", "fashion-mnist", "--layers", "64,32", "--activation", "tanh", "--optimizer", "adamw",
                "--lr", "0.002", "--beta2", "0.99", "--weight-decay", "0.05", "--dropout", "0.1,0.2,0.3", "--max-norm", "3",
                "--augment", "shift", "--schedule", "cosine", "--warmup", "1.5", "--early-stop", "2", "--batch", "64", "--epochs", "7",
                "--seed", "11", "--train-limit", "5000", "--validation", "1000", "--threads", "1", "--strict-data", "--target", "0.8");
        RunSpec fromCli = TrainArgs.parse(commandLine);
        assertEquals(config(fromCli), config(fromJson));
        assertArrayEquals(fromCli.dropout(), fromJson.dropout());
        assertEquals(fromCli.data(), fromJson.data());
        assertEquals(commandLine, fromJson.options(), "the JSON run as a train command line (saved in its checkpoints)");
        assertEquals(config(fromCli), config(TrainArgs.parse(fromJson.options())));
    }

    @Test
    void defaultsAreTrainsDefaults() throws Exception {
        assertEquals(config(TrainArgs.parse(List.of("--dataset", "mnist"))), config(TrainArgs.fromJson(json("{\"dataset\": \"mnist\"}"))));
    }

    @Test
    void badOptionsAreRefusedNamingTheOption() throws Exception {
        String unknown = assertThrows(OptionException.class, () -> TrainArgs.fromJson(json("{\"lrate\": 0.1}"))).getMessage();
        assertTrue(unknown.contains("'lrate'") && unknown.contains("train --help"), unknown);
        String fraction = assertThrows(OptionException.class, () -> TrainArgs.fromJson(json("{\"epochs\": 4.5}"))).getMessage();
        assertTrue(fraction.contains("--epochs") && fraction.contains("4.5"), fraction);
        String word = assertThrows(OptionException.class, () -> TrainArgs.fromJson(json("{\"batch\": \"many\"}"))).getMessage();
        assertTrue(word.contains("--batch") && word.contains("many"), word);
        String range = assertThrows(OptionException.class, () -> TrainArgs.fromJson(json("{\"lr\": -1}"))).getMessage();
        assertTrue(range.contains("--lr") && range.contains("-1") && range.contains("positive"), range);
        String nested = assertThrows(OptionException.class, () -> TrainArgs.fromJson(json("{\"layers\": {\"a\": 1}}"))).getMessage();
        assertTrue(nested.contains("--layers"), nested);
        String given = assertThrows(OptionException.class,
                () -> TrainArgs.fromJson(json("{\"dataset\": \"breast-cancer\", \"validation\": 10}"))).getMessage();
        assertTrue(given.contains("--validation"), given);
    }

    @Test
    void aGridMergesDatasetStudyAndVariantOptionsLaterWinning(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("g.json");
        Files.writeString(file, """
                { "name": "g", "seeds": [5],
                  "datasets": { "breast-cancer": {"layers": [8], "epochs": 3, "batch": 16} },
                  "studies": [ { "name": "s", "datasets": ["breast-cancer"], "base": {"epochs": 4, "optimizer": "adam"},
                                 "warmup": {"epochs": 1},
                                 "variants": { "v": {"batch": 8, "header": false} } } ] }""");
        Grid.Run run = Grid.read(file).runs().get(0);
        assertEquals(List.of("--dataset", "breast-cancer", "--layers", "8", "--epochs", "4", "--batch", "8", "--optimizer", "adam",
                "--seed", "5"), run.spec().options());
        assertEquals(1, run.warmupSpec().epochs());
        assertEquals(8, run.spec().batch());
    }

    @Test
    void aGridOfCommandLineListsIsRefusedSayingWhatIsRead(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("old.json");
        Files.writeString(file, """
                { "name": "g", "seeds": [1], "datasets": { "mnist": ["--layers", "8"] },
                  "studies": [ { "name": "s", "datasets": ["mnist"], "variants": { "v": {} } } ] }""");
        String m = assertThrows(IOException.class, () -> Grid.read(file)).getMessage();
        assertTrue(m.startsWith(file.toString()) && m.contains("datasets.mnist") && m.contains("object"), m);
        Files.writeString(file, """
                { "name": "g", "seeds": [1], "datasets": { "mnist": {"layer": 8} },
                  "studies": [ { "name": "s", "datasets": ["mnist"], "variants": { "v": {} } } ] }""");
        String unknown = assertThrows(IOException.class, () -> Grid.read(file)).getMessage();
        assertTrue(unknown.startsWith(file.toString()) && unknown.contains("variant 'v'") && unknown.contains("'layer'"), unknown);
    }
}
