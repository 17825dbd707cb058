package io.hopfieldstream.launcher.experiment.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopfieldstream.broker.testing.KafkaBrokerTest;
import io.hopfieldstream.broker.testing.TestBroker;
import io.hopfieldstream.evaluator.service.EvaluatorService;
import io.hopfieldstream.evaluator.service.EvaluatorSettings;
import io.hopfieldstream.evaluator.topology.TopologySettings;
import io.hopfieldstream.launcher.CifarTestData;
import io.hopfieldstream.launcher.experiment.sweep.SweepExpansion;
import io.hopfieldstream.launcher.experiment.sweep.SweepParser;
import io.hopfieldstream.launcher.experiment.sweep.SweepPlan;
import io.hopfieldstream.launcher.experiment.sweep.SweepPoint;
import io.hopfieldstream.producer.publish.TopicSetup;
import io.hopfieldstream.retriever.retrieval.Nd4jCpuBackend;
import io.hopfieldstream.retriever.service.RetrieverService;
import io.hopfieldstream.retriever.service.RetrieverSettings;
import io.hopfieldstream.schemas.config.KafkaProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep against a retriever and an evaluator that were started apart from it, as with
 * {@code --external-services}: the sweep switches the memory bank between its two points, and each
 * point must still be retrieved from its own bank under one run id.
 */
@KafkaBrokerTest
class ExternalServicesSweepIT {

    private static final String SWEEP = """
            name: external
            seed: 5
            base:
              memory: test:mixed:200
              corruption: gaussian:25
              probes: 40
            series:
              - name: sizes
                vary:
                  memorySize: [200, 400]
            """;

    @TempDir
    Path folder;

    @Test
    void externalServicesFollowMemorySwitches(TestBroker broker) throws Exception {
        String suffix = String.valueOf(System.nanoTime());
        String memoryTopic = "experiment-external-memory-" + suffix;
        Map<String, Object> client = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        SweepOptions options = SweepOptions.embedded(folder.resolve("unused-kafka"))
                .withKafka(client, Optional.of(broker.bootstrapServers()))
                .withExternalServices(true)
                .withMemoryTopic(memoryTopic)
                .withPartitions(3)
                .withPointTimeout(Duration.ofMinutes(2));
        TopicNames topics = options.topics();
        new TopicSetup(broker.admin(), Optional.empty(), Duration.ofSeconds(30)).ensureTopics(topics.specs(3));

        String retrieverGroup = "external-it-retriever-" + suffix;
        ConsumerGroups.startAtEnd(broker.admin(), retrieverGroup, topics.probes());
        RetrieverSettings retrieverSettings = RetrieverSettings.builder()
                .topics(topics.retrieverTopics())
                .groupId(retrieverGroup)
                .instanceId("external-it")
                .build();
        String applicationId = "external-it-evaluator-" + suffix;
        ConsumerGroups.startAtEnd(broker.admin(), applicationId, topics.reconstructions());
        EvaluatorSettings evaluatorSettings = EvaluatorSettings.defaults(broker.bootstrapServers())
                .withKafka(KafkaProperties.builder().defaults(client).build())
                .withTopology(TopologySettings.defaults().withTopics(topics.reconstructions(), memoryTopic,
                        topics.metrics()))
                .withApplicationId(applicationId)
                .withStateDir(folder.resolve("evaluator-state"))
                .withHttp(EvaluatorSettings.DEFAULT_HTTP_HOST, 0);

        SweepPlan plan = SweepExpansion.expand(SweepParser.parse(SWEEP, "test"), "external-" + suffix);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        SweepResult result;
        String runId;
        int memorySize;
        try (RetrieverService retriever = new RetrieverService(retrieverSettings, client, Nd4jCpuBackend::new,
                new SimpleMeterRegistry());
                EvaluatorService evaluator = EvaluatorService.start(evaluatorSettings);
                PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            retriever.start();
            assertThat(evaluator.awaitReady(Duration.ofSeconds(60))).as("evaluator ready").isTrue();
            result = new SweepRunner(options, CifarTestData.reader(), out).run(plan);
            runId = retriever.runId();
            memorySize = retriever.memory().size();
        }

        assertThat(result.failedPoints()).as("failed points; output:%n%s", printed).isZero();
        assertThat(memorySize).as("patterns the external retriever holds after the sweep").isEqualTo(400);
        for (SweepPoint point : plan.points()) {
            PointResult outcome = result.result(point);
            assertThat(outcome.metrics().getCount()).isEqualTo(40);
            assertThat(outcome.runId()).as("a running retriever keeps the run id it started with").isEqualTo(runId);
            assertThat(outcome.metrics().getExactMatchRate()).as("exact match of %s", point.experimentId())
                    .isGreaterThanOrEqualTo(0.95);
        }
        SweepPoint large = plan.points().get(1);
        long probesOfAddedImages = PointProbes.build(large, new ImageLibrary(CifarTestData.reader())
                .memory(large.settings().memory()), 0L).sources().stream()
                .filter(image -> image.index() >= 200).count();
        assertThat(probesOfAddedImages).as("probes of the larger memory made from images the smaller one lacks")
                .isGreaterThan(10);
        assertThat(result.result(large).metrics().getExactMatchRate()).as("those probes were retrieved from the"
                + " switched bank, so their own image came back").isEqualTo(1.0);
    }
}
