package dev.densebench.run;

/**
 * A training option with a value it cannot take, found while turning options into a
 * {@link RunSpec}. The command line shows it as a usage error (exit 2); the message names the
 * option, the value as typed and what is expected.
 */
public final class OptionException extends IllegalArgumentException {
    private final String option;

    OptionException(String option, Object value, String expected) {
        super("Invalid value for option '" + option + "': '" + value + "' (expected " + expected + ")");
        this.option = option;
    }

    OptionException(String option, String message) {
        super(message);
        this.option = option;
    }

    public String option() {
        return option;
    }
}
