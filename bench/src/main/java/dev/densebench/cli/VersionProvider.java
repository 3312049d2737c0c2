package dev.densebench.cli;

import dev.densebench.runrecord.MachineInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code -V} / {@code --version} on every command: the version and the git commit it was built from. */
public final class VersionProvider implements IVersionProvider {
    static final String VERSION = dev.densebench.run.TrainRun.VERSION;

    @Override
    public String[] getVersion() {
        return new String[] {"densebench " + VERSION + " (commit " + MachineInfo.gitCommit() + ")"};
    }
}
