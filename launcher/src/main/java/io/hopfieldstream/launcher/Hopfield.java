package io.hopfieldstream.launcher;

import io.hopfieldstream.launcher.commands.BrokerCommand;
import io.hopfieldstream.launcher.commands.DemoCommand;
import io.hopfieldstream.launcher.commands.EvaluateCommand;
import io.hopfieldstream.launcher.commands.ProduceCommand;
import io.hopfieldstream.launcher.commands.RetrieveCommand;
import io.hopfieldstream.launcher.commands.StressCommand;
import io.hopfieldstream.launcher.experiment.ExperimentCommand;
import io.hopfieldstream.launcher.experiment.ReplayCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code hopfield} command line: one subcommand per service of the pipeline plus the
 * all-in-one demo. Exit codes: 0 on success, 1 when a run fails, 2 for invalid settings or
 * usage (one message naming the setting, no stack trace), 130 when interrupted.
 */
@Command(
        name = "hopfield",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Modern Hopfield Network retrieval of CIFAR-10 images over Apache Kafka.",
        subcommands = {
                BrokerCommand.class,
                DemoCommand.class,
                EvaluateCommand.class,
                ExperimentCommand.class,
                ProduceCommand.class,
                ReplayCommand.class,
                RetrieveCommand.class,
                StressCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Hopfield implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing subcommand: choose one of " + String.join(", ", spec.subcommands().keySet()) + ".");
    }

    /** Builds the command line with the project's error handlers, for {@link #main} and tests. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Hopfield());
        CliErrorHandler errors = new CliErrorHandler();
        commandLine.setParameterExceptionHandler(errors);
        commandLine.setExecutionExceptionHandler(errors);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }

    public static void main(String[] args) {
        int exitCode = commandLine().execute(args);
        System.exit(exitCode);
    }
}
