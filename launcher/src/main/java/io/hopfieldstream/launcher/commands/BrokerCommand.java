package io.hopfieldstream.launcher.commands;

import io.hopfieldstream.broker.BrokerStartException;
import io.hopfieldstream.broker.EmbeddedKafkaBroker;
import io.hopfieldstream.launcher.InvalidSettingException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hopfield broker}: the embedded single-node Kafka broker (KRaft, broker and controller in one
 * process) on 127.0.0.1, so each service can run alone against it on one machine without Docker.
 */
@Command(
        name = "broker",
        mixinStandardHelpOptions = true,
        description = {
                "Run a single-node Apache Kafka broker in KRaft mode on 127.0.0.1 until Ctrl-C or SIGTERM.",
                "Replication factors are 1, so transactions and exactly-once processing work. It is for "
                        + "development and tests on one machine, not for production data."
        })
public final class BrokerCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerCommand.class);

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "9092",
            description = "Client (PLAINTEXT) port on 127.0.0.1, 1..65535, or 0 for a free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--controller-port", paramLabel = "PORT", defaultValue = "0",
            description = "KRaft controller port on 127.0.0.1, 1..65535, or 0 for a free port (default: ${DEFAULT-VALUE}).")
    int controllerPort;

    @Option(names = "--log-dir", paramLabel = "DIR",
            description = "Folder of the broker's data, kept after exit and reused on the next start "
                    + "(default: a temporary folder, deleted on exit).")
    Path logDirectory;

    @Override
    public Integer call() throws InterruptedException {
        checkPort(port, "--port");
        checkPort(controllerPort, "--controller-port");
        EmbeddedKafkaBroker.Builder builder = EmbeddedKafkaBroker.builder().port(port).controllerPort(controllerPort);
        if (logDirectory != null) {
            builder.logDirectory(logDirectory);
        }

        EmbeddedKafkaBroker broker = builder.build();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "broker-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);

        try {
            broker.start();
        } catch (BrokerStartException e) {
            throw new InvalidSettingException("Failed to start the broker: " + e.getMessage()
                    + " Choose another --port or --log-dir.", e);
        }
        LOG.info("Kafka broker listening on {}; press Ctrl-C to stop it", broker.bootstrapServers());
        System.out.println("bootstrap.servers=" + broker.bootstrapServers());
        stopped.await();
        return 0;
    }

    private static void checkPort(int value, String option) {
        if (value < 0 || value > 65_535) {
            throw new InvalidSettingException("Invalid " + option + " " + value + ": expected 0..65535.");
        }
    }
}
