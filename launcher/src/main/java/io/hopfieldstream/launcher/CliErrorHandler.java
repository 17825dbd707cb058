package io.hopfieldstream.launcher;

import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Turns every failure of a command into one line on standard error and an exit code: 2 for
 * invalid settings or usage, 130 for an interrupted run, 1 for any other failure. Stack traces go
 * to the log at debug level only ({@code HOPFIELD_LOG_LEVEL=debug} shows them).
 */
final class CliErrorHandler implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {

    /** Exit code for invalid settings, unknown options and other usage errors. */
    static final int EXIT_INVALID_SETTINGS = CommandLine.ExitCode.USAGE;

    /** Exit code for a run that failed after its settings were accepted. */
    static final int EXIT_FAILED = CommandLine.ExitCode.SOFTWARE;

    /** Exit code for a run stopped by an interrupt, as shells report SIGINT (128 + 2). */
    static final int EXIT_INTERRUPTED = 130;

    private static final Logger log = LoggerFactory.getLogger(CliErrorHandler.class);

    @Override
    public int handleParseException(CommandLine.ParameterException exception, String[] args) {
        CommandLine commandLine = exception.getCommandLine();
        PrintWriter err = commandLine.getErr();
        String command = commandLine.getCommandSpec().qualifiedName();

        err.println(command + ": " + exception.getMessage());
        err.println("Run '" + command + " --help' for the options and their allowed values.");
        err.flush();
        log.debug("Rejected the command line", exception);
        return EXIT_INVALID_SETTINGS;
    }

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        String command = commandLine.getCommandSpec().qualifiedName();

        InvalidSettingException invalidSetting = findCause(exception, InvalidSettingException.class);
        if (invalidSetting != null) {
            err.println(command + ": " + invalidSetting.getMessage());
            err.println("Run '" + command + " --help' for the options and their allowed values.");
            err.flush();
            log.debug("Rejected a setting", exception);
            return EXIT_INVALID_SETTINGS;
        }

        if (findCause(exception, InterruptedException.class) != null) {
            err.println(command + ": interrupted.");
            err.flush();
            return EXIT_INTERRUPTED;
        }

        err.println(command + " failed: " + describe(exception));
        err.flush();
        log.debug("{} failed", command, exception);
        return EXIT_FAILED;
    }

    /** Returns the first throwable of the given type in the cause chain, or null. */
    static <T extends Throwable> T findCause(Throwable throwable, Class<T> type) {
        Throwable current = throwable;
        while (current != null) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
            if (current.getCause() == current) {
                return null;
            }
            current = current.getCause();
        }
        return null;
    }

    /** Describes a failure by its innermost message, falling back to the exception type. */
    private static String describe(Throwable throwable) {
        String message = null;
        Throwable current = throwable;
        while (current != null) {
            if (current.getMessage() != null && !current.getMessage().isBlank()) {
                message = current.getMessage();
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return message == null ? throwable.getClass().getSimpleName() : message;
    }
}
