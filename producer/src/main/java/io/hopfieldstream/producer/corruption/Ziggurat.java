package io.hopfieldstream.producer.corruption;

/**
 * Standard normal values by the ziggurat method of Marsaglia and Tsang (2000) with 128 layers.
 *
 * <p>The density is covered by 127 rectangles of equal area {@value #LAYER_AREA} and a base strip with the
 * tail beyond {@value #TAIL_START}. A sample draws a layer and a signed 32-bit value. When the value falls
 * inside the part of the layer that lies wholly under the density, it is returned scaled. Otherwise the
 * wedge or the tail is sampled exactly. Unlike the original, the layer index and the value come from
 * different bits of one 64-bit draw, which removes the correlation that Doornik (2005) found between them.
 */
final class Ziggurat {

    private static final int LAYERS = 128;

    /** Right edge of the base layer; beyond it lies the tail. */
    private static final double TAIL_START = 3.442619855899;

    /** Area of each layer, the base layer including the tail. */
    private static final double LAYER_AREA = 9.91256303526217e-3;

    private static final double TWO_TO_31 = 2147483648.0;

    /** Bounds on |value| under which a value of layer i is accepted at once. */
    private static final long[] ACCEPT_BOUND = new long[LAYERS];

    /** Scale from a 32-bit value to x for layer i. */
    private static final double[] SCALE = new double[LAYERS];

    /** Density exp(-x^2/2) at the right edge of layer i. */
    private static final double[] DENSITY = new double[LAYERS];

    static {
        double edge = TAIL_START;
        double previousEdge = edge;
        double density = StrictMath.exp(-0.5 * edge * edge);
        double baseWidth = LAYER_AREA / density;

        ACCEPT_BOUND[0] = (long) (edge / baseWidth * TWO_TO_31);
        ACCEPT_BOUND[1] = 0;
        SCALE[0] = baseWidth / TWO_TO_31;
        SCALE[LAYERS - 1] = edge / TWO_TO_31;
        DENSITY[0] = 1.0;
        DENSITY[LAYERS - 1] = density;

        for (int i = LAYERS - 2; i >= 1; i--) {
            edge = StrictMath.sqrt(-2.0 * StrictMath.log(LAYER_AREA / edge + StrictMath.exp(-0.5 * edge * edge)));
            ACCEPT_BOUND[i + 1] = (long) (edge / previousEdge * TWO_TO_31);
            previousEdge = edge;
            DENSITY[i] = StrictMath.exp(-0.5 * edge * edge);
            SCALE[i] = edge / TWO_TO_31;
        }
    }

    private Ziggurat() {
    }

    /** Returns one standard normal value drawn from {@code random}. */
    static double sample(ProbeRandom random) {
        while (true) {
            long bits = random.nextLong();
            int layer = (int) (bits & (LAYERS - 1));
            long value = (int) (bits >> 32);
            if (Math.abs(value) < ACCEPT_BOUND[layer]) {
                return value * SCALE[layer];
            }

            double x = value * SCALE[layer];
            if (layer == 0) {
                return sampleTail(random, value > 0);
            }
            // The wedge between the inner rectangle and the density: accept under the curve.
            double y = DENSITY[layer] + random.nextDouble() * (DENSITY[layer - 1] - DENSITY[layer]);
            if (y < StrictMath.exp(-0.5 * x * x)) {
                return x;
            }
        }
    }

    /** Samples |x| > TAIL_START from the normal tail by Marsaglia's (1964) method. */
    private static double sampleTail(ProbeRandom random, boolean positive) {
        double x;
        double y;
        do {
            x = -StrictMath.log(1.0 - random.nextDouble()) / TAIL_START;
            y = -StrictMath.log(1.0 - random.nextDouble());
        } while (y + y < x * x);
        return positive ? TAIL_START + x : -(TAIL_START + x);
    }
}
