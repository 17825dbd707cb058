package io.hopfieldstream.launcher.commands;

import picocli.CommandLine.Command;

/** {@code hopfield produce}: the producer service, as two subcommands. */
@Command(
        name = "produce",
        mixinStandardHelpOptions = true,
        description = {
                "Publish CIFAR-10 images to Kafka: the memory bank to memory.patterns, or corrupted probes "
                        + "to images.corrupted.",
                "Creates the pipeline's topics when they are missing."
        },
        subcommands = {ProduceMemoryCommand.class, ProduceProbesCommand.class})
public final class ProduceCommand {
}
