package io.hopfieldstream.producer.publish;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

import io.hopfieldstream.producer.corruption.ProbeRandom;
import io.hopfieldstream.producer.dataset.CifarClasses;
import io.hopfieldstream.producer.dataset.CifarImage;

/**
 * Takes images from a sequence by {@link SampleCriteria}: filters by class and excluded ids, then keeps the
 * first {@code count} or a uniformly random subset of {@code count} (reservoir sampling, Vitter's Algorithm R,
 * seeded), in one pass and with memory for {@code count} images only.
 */
public final class ImageSampler {

    private ImageSampler() {
    }

    /**
     * Samples images; the result is in the order of the input.
     *
     * @throws IllegalArgumentException when fewer images match than {@code count}
     */
    public static List<CifarImage> sample(Iterator<CifarImage> images, SampleCriteria criteria) {
        List<Taken> taken = new ArrayList<>();
        ProbeRandom random = new ProbeRandom(criteria.seed());
        long matching = 0;
        long position = -1;

        while (images.hasNext()) {
            CifarImage image = images.next();
            position++;
            if (!criteria.matches(image.label(), image.patternId())) {
                continue;
            }
            matching++;
            if (criteria.count() == SampleCriteria.ALL || taken.size() < criteria.count()) {
                taken.add(new Taken(position, image));
            } else if (criteria.order() == SampleOrder.FIRST) {
                break;
            } else {
                long slot = random.nextLong() >>> 1;
                int index = (int) (slot % matching);
                if (index < criteria.count()) {
                    taken.set(index, new Taken(position, image));
                }
            }
        }

        if (criteria.count() != SampleCriteria.ALL && taken.size() < criteria.count()) {
            throw new IllegalArgumentException("Requested " + criteria.count() + " images, but only " + matching
                    + " match" + (criteria.classes().isEmpty() ? "" : " classes " + classNames(criteria.classes()))
                    + (criteria.excludedIds().isEmpty() ? "" : " outside the " + criteria.excludedIds().size()
                    + " excluded ids"));
        }
        taken.sort(Comparator.comparingLong(Taken::position));
        return taken.stream().map(Taken::image).toList();
    }

    /** Samples images from a list. */
    public static List<CifarImage> sample(List<CifarImage> images, SampleCriteria criteria) {
        return sample(images.iterator(), criteria);
    }

    /** An image kept so far and its position in the input. */
    private record Taken(long position, CifarImage image) {
    }

    /** Returns the CIFAR-10 names of the labels, for example "[bird]" for label 2. */
    private static String classNames(Collection<Integer> labels) {
        return labels.stream().map(CifarClasses.STANDARD::name).toList().toString();
    }
}
