package io.hopfieldstream.launcher.experiment.run;

import io.hopfieldstream.launcher.experiment.sweep.MemorySpec;
import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.producer.dataset.CifarReader;
import io.hopfieldstream.producer.dataset.CifarSelection;
import io.hopfieldstream.producer.dataset.CifarSplit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CIFAR-10 images of a sweep, read once per split on first use and kept in memory: 3 KB an image,
 * about 150 MB for the training split. Each memory is then a selection without another pass over the
 * archive. Not thread-safe.
 */
public final class ImageLibrary {

    private static final Logger log = LoggerFactory.getLogger(ImageLibrary.class);

    private final CifarReader reader;
    private final Map<CifarSplit, List<CifarImage>> splits = new EnumMap<>(CifarSplit.class);

    public ImageLibrary(CifarReader reader) {
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    /** Returns the images of a memory: the first {@code size} of its source in index order, of its class if it has one. */
    public List<CifarImage> memory(MemorySpec spec) {
        List<CifarImage> selected = new ArrayList<>(spec.size());
        for (CifarSplit split : spec.source().splits()) {
            for (CifarImage image : split(split)) {
                if (selected.size() == spec.size()) {
                    return selected;
                }
                if (!spec.singleClass() || image.label() == spec.label()) {
                    selected.add(image);
                }
            }
        }
        if (selected.size() < spec.size()) {
            throw new IllegalStateException("The data contains only " + selected.size() + " images for memory " + spec.text()
                    + ", fewer than its size " + spec.size());
        }
        return selected;
    }

    private List<CifarImage> split(CifarSplit split) {
        return splits.computeIfAbsent(split, key -> {
            long start = System.nanoTime();
            List<CifarImage> images = reader.read(CifarSelection.all(key));
            log.info("Read {} CIFAR-10 {} images from {} in {} ms", images.size(), key.id(), reader.source().path(),
                    (System.nanoTime() - start) / 1_000_000);
            return List.copyOf(images);
        });
    }
}
