package dev.densebench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The settings every densebench suite shares (JMH's class annotations are inherited): average
 * time per operation in microseconds, 3 warm-up and 5 measured iterations of 1 s, one fork that
 * loads the Vector API module. A suite overrides one by annotating itself. Forks start with the
 * host JVM's flags, so {@code DENSEBENCH_JVM_OPTS} (which {@code run-bench.sh} adds) reaches them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public abstract class JmhSuite {
}
