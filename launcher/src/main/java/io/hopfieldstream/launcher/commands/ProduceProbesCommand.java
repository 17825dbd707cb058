package io.hopfieldstream.launcher.commands;

import io.hopfieldstream.launcher.InvalidSettingException;
import io.hopfieldstream.launcher.KafkaOptions;
import io.hopfieldstream.launcher.options.Converters;
import io.hopfieldstream.launcher.options.DataOptions;
import io.hopfieldstream.launcher.options.MemoryBankOptions;
import io.hopfieldstream.launcher.options.TopicOptions;
import io.hopfieldstream.launcher.probes.ProbeCampaign;
import io.hopfieldstream.producer.corruption.CorruptionSpec;
import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.producer.dataset.CifarReader;
import io.hopfieldstream.producer.publish.ImageSampler;
import io.hopfieldstream.producer.publish.ProbeSettings;
import io.hopfieldstream.producer.publish.ProbeSummary;
import io.hopfieldstream.producer.publish.ProbeTarget;
import io.hopfieldstream.producer.publish.SampleCriteria;
import io.hopfieldstream.producer.publish.SampleOrder;
import io.hopfieldstream.schemas.Topics;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hopfield produce probes}: publishes corrupted copies of stored images (probes with a
 * known truth) or of images outside the memory bank (probes without one) at a set rate.
 */
@Command(
        name = "probes",
        mixinStandardHelpOptions = true,
        description = {
                "Publish probes of one experiment to images.corrupted: corrupted copies of the memory bank's images "
                        + "(the bank options select the same images as 'hopfield produce memory'), or with "
                        + "--without-truth of images outside the bank.",
                "Several --corruption options interleave, each with an equal share of the rate and the count."
        })
public final class ProduceProbesCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ProduceProbesCommand.class);

    private static final Pattern EXPERIMENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    @Mixin
    MemoryBankOptions memory;

    @Mixin
    DataOptions data;

    @Mixin
    TopicOptions topics;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--experiment", paramLabel = "ID",
            description = "Experiment id on every probe; metrics are grouped by it. Letters, digits, '.', '_', '-' "
                    + "(default: exp-<date>-<time>).")
    String experimentId;

    @Option(names = "--corruption", paramLabel = "SPEC", converter = Converters.CorruptionConverter.class,
            description = "How probes are made; repeat for several. Steps joined by '+': gaussian:SIGMA (pixel levels), "
                    + "salt-and-pepper:FRACTION, lower-half, upper-half, centre-rectangle:FRACTION, "
                    + "random-rectangle:FRACTION, dropout:FRACTION, none (default: gaussian:25).")
    List<CorruptionSpec> corruptions = List.of();

    @Option(names = "--experiment-seed", paramLabel = "SEED", defaultValue = "1",
            description = "Seed of the corruptions; the same seed and probe index give the same probe (default: ${DEFAULT-VALUE}).")
    long experimentSeed;

    @Option(names = "--rate", paramLabel = "PROBES_PER_S", defaultValue = "100",
            description = "Total probes per second over all corruptions, 0 for unlimited (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--count", paramLabel = "N",
            description = "Total probes to send over all corruptions (default: one pass over the targets per "
                    + "corruption, or unlimited with --duration).")
    Long count;

    @Option(names = "--duration", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "Stop after this time, for example 30s, 5m or PT1H (default: no time limit).")
    Duration duration;

    @Option(names = "--targets", paramLabel = "N",
            description = "Probe only a seeded random subset of N images of the bank (default: every image).")
    Integer targetCount;

    @Option(names = "--target-classes", paramLabel = "CLASS", split = ",",
            description = "Probe only images of these classes, as labels 0..9 or names (default: all).")
    List<String> targetClasses = List.of();

    @Option(names = "--without-truth",
            description = "Probe images of the same split that are not in the memory bank; their probes carry no "
                    + "truth patternId and the evaluator counts them as unscored.")
    boolean withoutTruth;

    @Option(names = "--first-probe-index", paramLabel = "INDEX", defaultValue = "0",
            description = "Index of the first probe, to continue an experiment after an earlier run (default: ${DEFAULT-VALUE}).")
    long firstProbeIndex;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = Topics.IMAGES_CORRUPTED,
            description = "Topic to write (default: ${DEFAULT-VALUE}).")
    String topic;

    @Override
    public Integer call() throws InterruptedException {
        ProbeCampaign.Plan plan = plan();
        SampleCriteria bankCriteria = memory.criteria();
        Map<String, Object> kafkaProperties = kafka.resolve(Map.of()).asMap();

        CifarReader reader = data.openReader();
        List<CifarImage> bank = memory.select(reader, bankCriteria);
        List<ProbeTarget> targets = targets(reader, bank);
        log.info("Probing {} images ({}) for experiment {} with {}", targets.size(),
                withoutTruth ? "outside the memory bank of " + memory.describe() : memory.describe(),
                plan.experimentId(), plan.corruptions());

        topics.ensureTopics(kafkaProperties);
        ProbeCampaign campaign = new ProbeCampaign(kafkaProperties, plan);
        Thread stopOnSignal = new Thread(campaign::requestStop, "probe-publisher-stop");
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        try {
            List<ProbeSummary> summaries = campaign.run(targets);
            long total = summaries.stream().mapToLong(ProbeSummary::probes).sum();
            log.info("Experiment {}: {} probes published to {}", plan.experimentId(), total, topic);
        } finally {
            removeHook(stopOnSignal);
        }
        return 0;
    }

    /** Checks the probe options and returns the publishing plan. */
    ProbeCampaign.Plan plan() {
        String experiment = experimentId != null
                ? experimentId
                : "exp-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        if (!EXPERIMENT_ID.matcher(experiment).matches()) {
            throw new InvalidSettingException("Invalid --experiment '" + experiment
                    + "': expected 1 to 100 letters, digits, '.', '_' or '-'");
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new InvalidSettingException("Invalid --rate " + rate + ": expected probes per second >= 0 (0 for unlimited)");
        }
        List<CorruptionSpec> specs = corruptions.isEmpty() ? List.of(CorruptionSpec.parse("gaussian:25")) : corruptions;
        if (count != null && count < specs.size()) {
            throw new InvalidSettingException("Invalid --count " + count + ": expected at least one probe per corruption ("
                    + specs.size() + ")");
        }
        if (duration != null && (duration.isZero() || duration.isNegative())) {
            throw new InvalidSettingException("Invalid --duration " + duration + ": expected a positive duration");
        }
        if (targetCount != null && targetCount < 1) {
            throw new InvalidSettingException("Invalid --targets " + targetCount + ": expected at least 1 image");
        }
        if (firstProbeIndex < 0) {
            throw new InvalidSettingException("Invalid --first-probe-index " + firstProbeIndex + ": expected >= 0");
        }

        long probes;
        if (count != null) {
            probes = count;
        } else {
            probes = duration == null ? ProbeSettings.ONE_PASS : ProbeSettings.UNLIMITED_COUNT;
        }
        return new ProbeCampaign.Plan(experiment, specs, experimentSeed, rate, probes, duration, firstProbeIndex, topic,
                Duration.ofSeconds(5));
    }

    /** Chooses the images to probe: a subset of the bank, or images of the same split outside it. */
    private List<ProbeTarget> targets(CifarReader reader, List<CifarImage> bank) {
        Set<Integer> classes = MemoryBankOptions.parseLabels("--target-classes", targetClasses);
        if (withoutTruth) {
            Set<String> stored = bank.stream().map(CifarImage::patternId).collect(Collectors.toSet());
            int outside = memory.split().size() - bank.size();
            if (outside == 0) {
                throw new InvalidSettingException("Invalid --without-truth with --memory-size " + bank.size()
                        + ": the memory bank holds every " + memory.split().id() + " image, so none is left to probe; "
                        + "choose a smaller --memory-size or --split train");
            }
            int requested = targetCount == null ? Math.min(bank.size(), outside) : targetCount;
            SampleCriteria criteria = new SampleCriteria(requested, classes, SampleOrder.RANDOM, experimentSeed, stored);
            String options = "--without-truth"
                    + (targetCount == null ? "" : " with --targets " + targetCount)
                    + (targetClasses.isEmpty() ? "" : " with --target-classes " + String.join(",", targetClasses));
            List<CifarImage> unstored = memory.select(reader, criteria, options);
            if (unstored.isEmpty()) {
                throw new InvalidSettingException("Invalid " + options + ": no " + memory.split().id()
                        + " image outside the memory bank (" + memory.describe() + ") matches");
            }
            return ProbeTarget.shuffled(ProbeTarget.unstored(unstored), experimentSeed);
        }

        int requested = targetCount == null ? SampleCriteria.ALL : targetCount;
        SampleCriteria criteria = new SampleCriteria(requested, classes, SampleOrder.RANDOM, experimentSeed, Set.of());
        List<CifarImage> chosen;
        try {
            chosen = ImageSampler.sample(bank, criteria);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("Invalid --targets or --target-classes: " + e.getMessage(), e);
        }
        if (chosen.isEmpty()) {
            throw new InvalidSettingException("Invalid --target-classes " + String.join(",", targetClasses)
                    + ": the memory bank (" + memory.describe() + ") holds no image of these classes");
        }
        return ProbeTarget.shuffled(ProbeTarget.stored(chosen), experimentSeed);
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and runs the hook itself.
        }
    }
}
