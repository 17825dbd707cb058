package io.hopfieldstream.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TripletGridTest {

    private static final int PLANE = 1024;

    @TempDir
    Path folder;

    /** Returns an image whose every pixel has the given red, green and blue values. */
    private static byte[] solid(int red, int green, int blue) {
        byte[] pixels = new byte[3 * PLANE];
        for (int i = 0; i < PLANE; i++) {
            pixels[i] = (byte) red;
            pixels[PLANE + i] = (byte) green;
            pixels[2 * PLANE + i] = (byte) blue;
        }
        return pixels;
    }

    private static Triplet triplet(String corruption) {
        return new Triplet(corruption, 3, solid(255, 0, 0), solid(0, 255, 0), solid(0, 0, 255), true, 0.99);
    }

    @Test
    void rowPerCorruptionCappedPerRow() {
        TripletGrid grid = new TripletGrid(2, 2);
        List<Triplet> triplets = List.of(triplet("gaussian:25"), triplet("lower-half"), triplet("gaussian:25"),
                triplet("gaussian:25"));

        BufferedImage image = grid.render(triplets);

        assertThat(image.getHeight()).isEqualTo(TripletGrid.heightFor(2, 2));
        assertThat(TripletGrid.heightFor(2, 2)).isGreaterThan(TripletGrid.heightFor(1, 2));
    }

    @Test
    void imagesScaledInPlanarOrder() {
        TripletGrid grid = new TripletGrid(3, 1);
        BufferedImage image = grid.render(List.of(triplet("gaussian:25")));
        int top = TripletGrid.heightFor(1, 3) - (32 * 3 + 18 + 4);
        int left = image.getWidth() - 4 - (3 * 96 + 2 * 4);

        assertThat(image.getRGB(left, top) & 0xFFFFFF).as("original, first pixel").isEqualTo(0xFF0000);
        assertThat(image.getRGB(left + 95, top + 95) & 0xFFFFFF).as("original, last pixel").isEqualTo(0xFF0000);
        assertThat(image.getRGB(left + 96 + 4, top) & 0xFFFFFF).as("probe").isEqualTo(0x00FF00);
        assertThat(image.getRGB(left + 2 * (96 + 4), top) & 0xFFFFFF).as("reconstruction").isEqualTo(0x0000FF);
    }

    @Test
    void writesReadablePng() throws Exception {
        Path file = folder.resolve("out/triplets.png");

        new TripletGrid(3, 4).write(List.of(triplet("lower-half")), file);

        assertThat(Files.exists(file)).isTrue();
        BufferedImage read = ImageIO.read(file.toFile());
        assertThat(read.getHeight()).isEqualTo(TripletGrid.heightFor(1, 3));
    }

    @Test
    void scaleOutsideRangeRejected() {
        assertThatThrownBy(() -> new TripletGrid(0, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 1..16");
    }
}
