package dev.densebench.optim;

import dev.densebench.kernel.Kernels;
import dev.densebench.nn.Param;
import java.util.List;

/**
 * An optimizer by name with its hyper-parameters. {@link #withDefaults} fills what the user
 * left out with the usual published values (PyTorch's, except RMSProp's ρ = 0.9 from Hinton's
 * lecture): lr sgd 0.1, momentum/nesterov 0.05 with μ = 0.9, rmsprop 1e-3, adam/adamw 1e-3
 * (β₁ 0.9, β₂ 0.999), adagrad 0.01; ε 1e-8 (adagrad 1e-10); adamw's weight decay 0.01.
 */
public record OptimizerSpec(String name, float lr, float momentum, float beta1, float beta2, float eps, float rho,
                            float l2, float weightDecay) {

    public static final List<String> NAMES = List.of("sgd", "momentum", "nesterov", "rmsprop", "adam", "adamw", "adagrad");

    /** Any null argument takes this optimizer's default. */
    public static OptimizerSpec withDefaults(String name, Float lr, Float momentum, Float beta1, Float beta2, Float eps,
                                             Float rho, Float l2, Float weightDecay) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown optimizer '" + name + "' (expected one of " + String.join(", ", NAMES) + ")");
        }
        return new OptimizerSpec(name,
                lr != null ? lr : defaultLr(name),
                momentum != null ? momentum : 0.9f,
                beta1 != null ? beta1 : 0.9f,
                beta2 != null ? beta2 : 0.999f,
                eps != null ? eps : (name.equals("adagrad") ? 1e-10f : 1e-8f),
                rho != null ? rho : 0.9f,
                l2 != null ? l2 : 0f,
                weightDecay != null ? weightDecay : (name.equals("adamw") ? 0.01f : 0f));
    }

    public static float defaultLr(String name) {
        return switch (name) {
            case "sgd" -> 0.1f;
            case "momentum", "nesterov" -> 0.05f;
            case "adagrad" -> 0.01f;
            default -> 1e-3f;
        };
    }

    /** Builds the optimizer over {@code params}, allocating its state once. */
    public Optimizer create(Kernels kernels, List<Param> params) {
        return switch (name) {
            case "sgd" -> new Sgd(kernels, params, lr, l2, weightDecay);
            case "momentum" -> new Momentum(kernels, params, lr, momentum, false, l2, weightDecay);
            case "nesterov" -> new Momentum(kernels, params, lr, momentum, true, l2, weightDecay);
            case "rmsprop" -> new RmsProp(kernels, params, lr, rho, eps, l2, weightDecay);
            case "adam", "adamw" -> new Adam(name, kernels, params, lr, beta1, beta2, eps, l2, weightDecay);
            case "adagrad" -> new Adagrad(kernels, params, lr, eps, l2, weightDecay);
            default -> throw new IllegalArgumentException("unknown optimizer '" + name + "'");
        };
    }
}
