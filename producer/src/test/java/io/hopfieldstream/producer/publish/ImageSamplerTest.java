package io.hopfieldstream.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.producer.dataset.CifarSplit;

class ImageSamplerTest {

    /** 1000 images with labels 0..9 in turn, as in the shared archive. */
    private static final List<CifarImage> IMAGES = IntStream.range(0, 1_000)
            .mapToObj(index -> new CifarImage(CifarSplit.TEST, index, index % 10, new byte[3072]))
            .toList();

    @Test
    void samplerTakesFirst() {
        List<CifarImage> sample = ImageSampler.sample(IMAGES, SampleCriteria.first(5));

        assertThat(sample).extracting(CifarImage::index).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void samplerTakesAll() {
        assertThat(ImageSampler.sample(IMAGES, SampleCriteria.all())).hasSize(1_000);
    }

    @Test
    void samplerFiltersClasses() {
        List<CifarImage> sample = ImageSampler.sample(IMAGES, SampleCriteria.first(4).withClasses(Set.of(3, 5)));

        assertThat(sample).extracting(CifarImage::index).containsExactly(3, 5, 13, 15);
    }

    @Test
    void samplerExcludesIds() {
        SampleCriteria criteria = SampleCriteria.first(3).excluding(Set.of("test-00000", "test-00002"));

        assertThat(ImageSampler.sample(IMAGES, criteria)).extracting(CifarImage::index).containsExactly(1, 3, 4);
    }

    @Test
    void samplerRandomIsSeeded() {
        List<CifarImage> first = ImageSampler.sample(IMAGES, SampleCriteria.random(100, 7L));
        List<CifarImage> again = ImageSampler.sample(IMAGES, SampleCriteria.random(100, 7L));
        List<CifarImage> other = ImageSampler.sample(IMAGES, SampleCriteria.random(100, 8L));

        assertThat(first).hasSize(100).doesNotHaveDuplicates();
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(first).extracting(CifarImage::index).isSorted();
    }

    @Test
    void samplerRandomIsUniform() {
        // Over many seeds every image should be taken about count / size = 10% of the time.
        int[] taken = new int[1_000];
        for (long seed = 0; seed < 400; seed++) {
            for (CifarImage image : ImageSampler.sample(IMAGES, SampleCriteria.random(100, seed))) {
                taken[image.index()]++;
            }
        }

        int firstHundred = IntStream.range(0, 100).map(i -> taken[i]).sum();
        int lastHundred = IntStream.range(900, 1_000).map(i -> taken[i]).sum();
        assertThat(firstHundred).isBetween(3_400, 4_600);
        assertThat(lastHundred).isBetween(3_400, 4_600);
    }

    @Test
    void samplerRandomWithinClass() {
        List<CifarImage> sample = ImageSampler.sample(IMAGES, SampleCriteria.random(30, 1L).withClasses(Set.of(9)));

        assertThat(sample).hasSize(30).allMatch(image -> image.label() == 9);
    }

    @Test
    void samplerRejectsTooFew() {
        SampleCriteria criteria = SampleCriteria.first(101).withClasses(Set.of(2));

        assertThatThrownBy(() -> ImageSampler.sample(IMAGES, criteria))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Requested 101 images, but only 100 match classes [bird]");
    }

    @Test
    void samplerKeepsInputOrder() {
        List<CifarImage> reversed = new ArrayList<>(IMAGES.subList(0, 50));
        java.util.Collections.reverse(reversed);

        List<CifarImage> sample = ImageSampler.sample(reversed, SampleCriteria.random(10, 3L));

        assertThat(sample).extracting(CifarImage::index).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
    }

    @Test
    void criteriaRejectsBadValues() {
        assertThatThrownBy(() -> SampleCriteria.first(-5))
                .hasMessage("Invalid image count -5: expected a positive count or ALL");
        assertThatThrownBy(() -> SampleCriteria.first(5).withClasses(Set.of(10)))
                .hasMessage("Invalid class label 10: expected 0..9");
    }
}
