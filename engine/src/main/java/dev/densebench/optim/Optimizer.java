package dev.densebench.optim;

/**
 * Updates parameters in place from their gradients. An optimizer is built over a network's
 * {@link dev.densebench.nn.Param} list and allocates its state (velocities, moments) once,
 * at construction; {@link #step()} allocates nothing.
 */
public interface Optimizer {
    /** Name used on the command line and in run records. */
    String name();

    /** Applies one update to every parameter, using the gradients left by the backward pass. */
    void step();

    /** The learning rate used by the next step (schedules change it between steps). */
    float learningRate();

    void setLearningRate(float lr);

    /** Steps taken so far (Adam's bias correction depends on it). */
    long steps();

    /**
     * The optimizer's state buffers by name (e.g. {@code m.0}, {@code v.0} for parameter 0), the
     * live arrays: a checkpoint copies them out, a resume copies saved values in.
     */
    java.util.Map<String, float[]> state();

    /** Continues from a saved step count; with {@link #state()} restored, the next step is the one the saved run would take. */
    void resumeAt(long steps);
}
