package dev.densebench.runrecord;

import dev.densebench.dataset.DataSplits;
import dev.densebench.kernel.Kernels;
import dev.densebench.train.ConfusionMatrix;
import dev.densebench.train.EpochStats;
import dev.densebench.train.TrainResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON run record (format {@code densebench-run/1}): config, seed, dataset, per-epoch
 * statistics, the final result and the machine. Field names are a contract with the ablation
 * runner and the report generator.
 */
public final class RunRecord {
    private RunRecord() {
    }

    public static Map<String, Object> build(Map<String, Object> config, long seed, String datasetName, DataSplits splits,
                                            TrainResult result, double target, Kernels kernels, ConfusionMatrix testConfusion) {
        Map<String, Object> ds = new LinkedHashMap<>();
        ds.put("name", datasetName);
        ds.put("features", splits.train().features());
        ds.put("classes", splits.train().classNames());
        ds.put("trainRows", splits.train().rows());
        ds.put("validationRows", splits.validation().rows());
        ds.put("testRows", splits.test().rows());

        List<Map<String, Object>> epochs = new ArrayList<>();
        for (EpochStats s : result.epochs()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("epoch", s.epoch());
            e.put("trainLoss", s.trainLoss());
            e.put("trainAccuracy", s.trainAccuracy());
            e.put("valLoss", s.valLoss());
            e.put("valAccuracy", s.valAccuracy());
            e.put("testLoss", s.testLoss());
            e.put("testAccuracy", s.testAccuracy());
            e.put("seconds", s.seconds());
            e.put("samplesPerSecond", s.samplesPerSecond());
            e.put("evalSeconds", s.evalSeconds());
            e.put("learningRate", s.learningRate());
            epochs.add(e);
        }

        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("status", result.status());
        if (result.diverged()) {
            outcome.put("divergedAt", Map.of("epoch", result.divergedEpoch(), "batch", result.divergedBatch()));
        }
        outcome.put("epochsRun", result.epochs().size());
        outcome.put("bestEpoch", result.bestEpoch());
        outcome.put("stoppedEarly", result.stoppedEarly());
        outcome.put("valLoss", result.finalValidation().loss());
        outcome.put("valAccuracy", result.finalValidation().accuracy());
        outcome.put("testLoss", result.finalTest().loss());
        outcome.put("testAccuracy", result.finalTest().accuracy());
        outcome.put("trainSeconds", result.epochs().stream().mapToDouble(EpochStats::seconds).sum());
        // Time to target: training seconds summed up to the first epoch whose test accuracy
        // reaches the target (evaluation time excluded); null when no epoch reached it.
        outcome.put("target", target);
        Integer epochToTarget = null;
        Double timeToTarget = null;
        double cumulative = 0;
        for (EpochStats s : result.epochs()) {
            cumulative += s.seconds();
            if (s.testAccuracy() >= target) {
                epochToTarget = s.epoch();
                timeToTarget = cumulative;
                break;
            }
        }
        outcome.put("epochToTarget", epochToTarget);
        outcome.put("timeToTargetSeconds", timeToTarget);
        if (testConfusion != null) {
            // counts[true class][predicted class] of the final weights on the test split.
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("split", "test");
            cm.put("classes", testConfusion.classes());
            cm.put("counts", testConfusion.counts());
            outcome.put("confusionMatrix", cm);
        }

        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("format", "densebench-run/1");
        rec.put("createdAt", Instant.now().toString());
        rec.put("config", config);
        rec.put("seed", seed);
        rec.put("dataset", ds);
        rec.put("epochs", epochs);
        rec.put("result", outcome);
        rec.put("machine", MachineInfo.describe(kernels));
        return rec;
    }
}
