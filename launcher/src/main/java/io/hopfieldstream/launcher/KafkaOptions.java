package io.hopfieldstream.launcher;

import io.hopfieldstream.schemas.config.KafkaProperties;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

/**
 * Kafka client options shared by every command that talks to a broker. Sources, each overriding
 * the ones before it: the command's defaults, the {@code --kafka-config} file, {@code KAFKA_*}
 * environment variables ({@code KAFKA_BOOTSTRAP_SERVERS} sets {@code bootstrap.servers}),
 * {@code -X key=value} options, and last {@code --bootstrap-servers}. Values pass through to the
 * clients unchanged, so TLS and SASL settings work as Kafka documents them.
 */
public final class KafkaOptions {

    /** Broker address used when no source names one. */
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,HOST:PORT...]",
            description = "Kafka brokers to connect to. Overrides bootstrap.servers from every other source "
                    + "(default: " + DEFAULT_BOOTSTRAP_SERVERS + ", but demo, experiment and stress start an embedded "
                    + "broker when no source names one). When no broker responds, the first request fails after 30 s "
                    + "(demo and experiment: 15 s; evaluate --no-create-topics: 60 s); "
                    + "-X default.api.timeout.ms=MS with -X request.timeout.ms=MS shortens that wait, "
                    + "because Kafka rejects a request timeout above the API timeout.")
    String bootstrapServers;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Java properties file of Kafka client settings, for example TLS or SASL settings.")
    Path configFile;

    @Option(names = {"-X", "--kafka-property"}, paramLabel = "KEY=VALUE",
            description = "One Kafka client property, for example -X security.protocol=SSL. Repeat for several; "
                    + "overrides the file and KAFKA_* environment variables.")
    List<String> properties = new ArrayList<>();

    /**
     * Merges the sources over the command's defaults, with the process environment.
     *
     * @throws InvalidSettingException when the file is missing or unreadable or an option is not key=value
     */
    public KafkaProperties resolve(Map<String, ?> defaults) {
        return resolve(defaults, System.getenv());
    }

    /** Merges the sources over the command's defaults, reading {@code KAFKA_*} from {@code environment}. */
    public KafkaProperties resolve(Map<String, ?> defaults, Map<String, String> environment) {
        List<String> options = new ArrayList<>(properties);
        if (bootstrapServers != null) {
            if (bootstrapServers.isBlank()) {
                throw new InvalidSettingException("Invalid --bootstrap-servers '': expected HOST:PORT[,HOST:PORT...]");
            }
            options.add(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG + "=" + bootstrapServers);
        }

        try {
            KafkaProperties merged = KafkaProperties.builder()
                    .defaultValue(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, DEFAULT_BOOTSTRAP_SERVERS)
                    .defaults(defaults)
                    .file(configFile)
                    .environment(environment)
                    .options(options)
                    .build();
            return merged;
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(e.getMessage(), e);
        }
    }

    /**
     * Returns the broker address when some source other than the defaults names one: the option,
     * {@code -X}, the file or {@code KAFKA_BOOTSTRAP_SERVERS}. The demo starts its own broker
     * when this is empty.
     */
    public Optional<String> explicitBootstrapServers(Map<String, String> environment) {
        KafkaProperties merged = resolve(Map.of(), environment);
        String key = CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG;
        boolean fromDefault = merged.source(key).map("default"::equals).orElse(true);
        return fromDefault ? Optional.empty() : merged.get(key);
    }
}
