package io.hopfieldstream.launcher.demo;

import io.hopfieldstream.producer.dataset.CifarClasses;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws sample triplets (original, probe, reconstruction) into one PNG, one row per corruption
 * with up to a fixed number of triplets. Each 32 x 32 image is scaled up by an integer factor
 * with nearest-neighbour sampling, and each triplet has a caption with the class and whether
 * retrieval returned the probe's own image.
 */
public final class TripletGrid {

    private static final int SIDE = 32;
    private static final int PLANE = SIDE * SIDE;
    private static final int GAP = 4;
    private static final int TRIPLET_GAP = 20;
    private static final int ROW_LABEL_WIDTH = 190;
    private static final int HEADER_HEIGHT = 24;
    private static final int CAPTION_HEIGHT = 18;

    private final int scale;
    private final int tripletsPerRow;

    /**
     * @param scale pixels per image pixel, 1..16
     * @param tripletsPerRow most triplets drawn per corruption, >= 1
     */
    public TripletGrid(int scale, int tripletsPerRow) {
        if (scale < 1 || scale > 16) {
            throw new IllegalArgumentException("Invalid image scale " + scale + ": expected 1..16");
        }
        if (tripletsPerRow < 1) {
            throw new IllegalArgumentException("Invalid triplets per row " + tripletsPerRow + ": expected >= 1");
        }
        this.scale = scale;
        this.tripletsPerRow = tripletsPerRow;
    }

    /** Renders the triplets, grouped by corruption in the order first seen, and writes a PNG file. */
    public void write(List<Triplet> triplets, Path file) {
        BufferedImage image = render(triplets);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IllegalStateException("No PNG writer is available in this Java runtime");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write the triplet grid to " + file, e);
        }
    }

    /** Renders the triplets into an image; an empty list gives an image with the header only. */
    public BufferedImage render(List<Triplet> triplets) {
        Map<String, List<Triplet>> rows = groupByCorruption(triplets);

        int imageSide = SIDE * scale;
        int tripletWidth = 3 * imageSide + 2 * GAP;
        int width = ROW_LABEL_WIDTH + tripletsPerRow * tripletWidth + (tripletsPerRow - 1) * TRIPLET_GAP + GAP;
        int rowHeight = imageSide + CAPTION_HEIGHT + GAP;
        int height = heightFor(rows.size(), scale);

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, width, height);
            graphics.setColor(Color.BLACK);
            graphics.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
            graphics.drawString("corruption", GAP, HEADER_HEIGHT - 8);
            graphics.drawString("original / probe / reconstruction", ROW_LABEL_WIDTH, HEADER_HEIGHT - 8);

            int y = HEADER_HEIGHT;
            for (Map.Entry<String, List<Triplet>> row : rows.entrySet()) {
                drawRow(graphics, image, row.getKey(), row.getValue(), y, tripletWidth);
                y += rowHeight;
            }
        } finally {
            graphics.dispose();
        }
        return image;
    }

    /** Returns the picture's height in pixels for a number of corruption rows (at least one row is drawn). */
    public static int heightFor(int rows, int scale) {
        int rowHeight = SIDE * scale + CAPTION_HEIGHT + GAP;
        return HEADER_HEIGHT + Math.max(1, rows) * rowHeight;
    }

    private Map<String, List<Triplet>> groupByCorruption(List<Triplet> triplets) {
        Map<String, List<Triplet>> rows = new LinkedHashMap<>();
        for (Triplet triplet : triplets) {
            List<Triplet> row = rows.computeIfAbsent(triplet.corruption(), corruption -> new ArrayList<>());
            if (row.size() < tripletsPerRow) {
                row.add(triplet);
            }
        }
        return rows;
    }

    private void drawRow(Graphics2D graphics, BufferedImage image, String corruption, List<Triplet> row,
            int y, int tripletWidth) {
        int imageSide = SIDE * scale;
        graphics.setColor(Color.BLACK);
        graphics.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        graphics.drawString(corruption, GAP, y + imageSide / 2);

        graphics.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int x = ROW_LABEL_WIDTH;
        for (Triplet triplet : row) {
            drawPixels(image, triplet.original(), x, y);
            drawPixels(image, triplet.probe(), x + imageSide + GAP, y);
            drawPixels(image, triplet.reconstruction(), x + 2 * (imageSide + GAP), y);

            graphics.setColor(triplet.exactMatch() ? new Color(0, 110, 0) : new Color(180, 0, 0));
            graphics.drawString(caption(triplet), x, y + imageSide + CAPTION_HEIGHT - 5);
            x += tripletWidth + TRIPLET_GAP;
        }
    }

    private static String caption(Triplet triplet) {
        String className = CifarClasses.STANDARD.name(triplet.label());
        String outcome = triplet.exactMatch() ? "retrieved" : "other image";
        return String.format("%s: %s, weight %.2f", className, outcome, triplet.retrievedWeight());
    }

    /** Copies planar CIFAR-10 bytes into the image at (left, top), scaled by nearest neighbour. */
    private void drawPixels(BufferedImage image, byte[] pixels, int left, int top) {
        if (pixels == null || pixels.length != 3 * PLANE) {
            return;
        }
        for (int row = 0; row < SIDE; row++) {
            for (int column = 0; column < SIDE; column++) {
                int index = row * SIDE + column;
                int red = pixels[index] & 0xFF;
                int green = pixels[PLANE + index] & 0xFF;
                int blue = pixels[2 * PLANE + index] & 0xFF;
                int rgb = (red << 16) | (green << 8) | blue;
                fillBlock(image, left + column * scale, top + row * scale, rgb);
            }
        }
    }

    private void fillBlock(BufferedImage image, int left, int top, int rgb) {
        for (int dy = 0; dy < scale; dy++) {
            for (int dx = 0; dx < scale; dx++) {
                image.setRGB(left + dx, top + dy, rgb);
            }
        }
    }
}
