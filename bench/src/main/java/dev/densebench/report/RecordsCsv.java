package dev.densebench.report;

import java.util.List;

/** Every record as one CSV row, for analysis elsewhere (RFC 4180 quoting). */
final class RecordsCsv {
    private RecordsCsv() {
    }

    static String of(List<RunSummary> runs) {
        StringBuilder sb = new StringBuilder(
                "study,dataset,variant,seed,status,epochs,final_test_accuracy,final_val_accuracy,best_epoch,mean_epoch_seconds,"
                        + "target,time_to_target_seconds,optimizer,lr,kernels,threads,git_commit,file\n");
        for (RunSummary r : runs) {
            sb.append(String.join(",", q(r.study()), q(r.dataset()), q(r.variant()), Long.toString(r.seed()),
                    r.diverged() ? "diverged" : "finished",
                    Integer.toString(r.testAccuracy().length), r.diverged() ? "" : Double.toString(r.finalTest()),
                    r.diverged() ? "" : Double.toString(r.finalVal()),
                    Integer.toString(r.bestEpoch()), String.format("%.4f", r.meanEpochSeconds()), Double.toString(r.target()),
                    r.timeToTarget() == null ? "" : String.format("%.4f", r.timeToTarget()),
                    q(r.config().path("optimizer").asText()), r.config().path("lr").asText(),
                    q(r.config().path("kernels").asText()), r.config().path("threads").asText(),
                    q(r.machine().path("gitCommit").asText()), q(r.file().getFileName().toString()))).append('\n');
        }
        return sb.toString();
    }

    private static String q(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
