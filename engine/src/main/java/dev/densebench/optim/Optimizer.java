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
}
