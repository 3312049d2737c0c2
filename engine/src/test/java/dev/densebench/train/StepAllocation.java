package dev.densebench.train;

import java.lang.management.ManagementFactory;

/**
 * Bytes the calling thread allocates in 100 training steps (50 full batches of 64 rows and 50
 * partial ones of 40, from a 1,000-row set), measured with the thread's allocation counter
 * after a warm-up long enough for C2 to compile the step: interpreted Vector API code boxes
 * vectors, compiled code must not allocate at all.
 */
final class StepAllocation {
    private StepAllocation() {
    }

    static long bytesPer100Steps(Trainer trainer, int warmUpRounds) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        trainer.shuffleOrder();
        for (int i = 0; i < warmUpRounds; i++) {
            trainer.trainBatch(64 * (i % 14), 64);
            trainer.trainBatch(960, 40);
        }
        long tid = Thread.currentThread().threadId();
        // The least of three measurements: a step that allocates does so in every one of them,
        // while a one-off event of the JIT (a recompilation that boxes once) shows in one only.
        long least = Long.MAX_VALUE;
        for (int round = 0; round < 3 && least > 0; round++) {
            long before = mx.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 50; i++) {
                trainer.trainBatch(64 * (i % 14), 64);
                trainer.trainBatch(960, 40);
            }
            least = Math.min(least, mx.getThreadAllocatedBytes(tid) - before);
        }
        return least;
    }
}
