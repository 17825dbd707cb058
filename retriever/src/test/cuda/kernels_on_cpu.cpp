// Test driver: runs one kernel of retrieval_kernels.cu on the CPU (cpu_emulation.h) with inputs
// from a binary file and writes its outputs to another, for RetrievalKernelsOnCpuTest. Files are
// little-endian: a header of int32 values, then the arrays in the order each mode lists.
//
//   softmax IN OUT    IN: rows, columns, hasPrevious, step, tolerance (float), mass (float),
//                     scores (rows x columns floats), previous (same, when hasPrevious)
//                     OUT: weights, argmax index (int), argmax weight, iterations (int),
//                     converged (int), change, done (int), spread (int), stillActive (int)
//   normalize IN OUT  IN: rows, columns, mode, pixels (bytes)   OUT: rows x columns floats
//   masked IN OUT     IN: rows, columns, patterns, beta (float), minSpread (float), pixels,
//                     masks (bytes), unit pixels of the patterns (patterns x columns floats)
//                     OUT: scores (rows x patterns floats)
//   round IN OUT      IN: count, scale (float), values (floats)   OUT: bytes
//   bfloat16 IN OUT   IN: count, values (floats)   OUT: uint16 values
#include "cpu_emulation.h"
#include KERNELS_FILE

#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

// Threads per block, as the backend launches them (the kernels' own BLOCK).
constexpr int THREADS = BLOCK;

struct Input {
    FILE* file;

    int integer() {
        int value;
        read(&value, sizeof value);
        return value;
    }

    float real() {
        float value;
        read(&value, sizeof value);
        return value;
    }

    template <class T>
    std::vector<T> array(long long count) {
        std::vector<T> values(count);
        read(values.data(), sizeof(T) * count);
        return values;
    }

    void read(void* target, size_t bytes) {
        if (std::fread(target, 1, bytes, file) != bytes) {
            std::fprintf(stderr, "input file is shorter than its header says\n");
            std::exit(2);
        }
    }
};

template <class T>
void write(FILE* file, const std::vector<T>& values) {
    std::fwrite(values.data(), sizeof(T), values.size(), file);
}

// The CPU product out (rows x patterns) = left (rows x d) times right (patterns x d) transposed,
// standing in for cuBLAS.
std::vector<float> products(const std::vector<float>& left, const std::vector<float>& right, int rows, int patterns,
                            int d) {
    std::vector<float> out((long long) rows * patterns);
    for (int r = 0; r < rows; r++) {
        for (int p = 0; p < patterns; p++) {
            double sum = 0;
            for (int c = 0; c < d; c++) {
                sum += (double) left[(long long) r * d + c] * right[(long long) p * d + c];
            }
            out[(long long) r * patterns + p] = (float) sum;
        }
    }
    return out;
}

void softmax(Input in, FILE* out) {
    int rows = in.integer();
    int columns = in.integer();
    int hasPrevious = in.integer();
    int step = in.integer();
    float tolerance = in.real();
    float mass = in.real();
    std::vector<float> scores = in.array<float>((long long) rows * columns);
    std::vector<float> previous = hasPrevious ? in.array<float>((long long) rows * columns) : std::vector<float>();

    std::vector<float> weights((long long) rows * columns);
    std::vector<int> done(rows, 0), argmax(rows), iterations(rows), converged(rows), spread(rows);
    std::vector<float> argmaxWeight(rows), change(rows);
    int stillActive = 0;
    launch(rows, THREADS, softmax_rows, scores.data(), columns, weights.data(),
           hasPrevious ? previous.data() : (const float*) nullptr, step, tolerance, done.data(), argmax.data(),
           argmaxWeight.data(), iterations.data(), converged.data(), change.data(), &stillActive);
    launch(rows, THREADS, attention_spread, (const float*) weights.data(), columns, mass, spread.data());

    write(out, weights);
    write(out, argmax);
    write(out, argmaxWeight);
    write(out, iterations);
    write(out, converged);
    write(out, change);
    write(out, done);
    write(out, spread);
    write(out, std::vector<int>{stillActive});
}

void normalize(Input in, FILE* out) {
    int rows = in.integer();
    int columns = in.integer();
    int mode = in.integer();
    std::vector<u8> pixels = in.array<u8>((long long) rows * columns);
    std::vector<float> values((long long) rows * columns);
    launch(rows, THREADS, normalize_rows, (const u8*) pixels.data(), columns, mode, values.data());
    write(out, values);
}

void masked(Input in, FILE* out) {
    int rows = in.integer();
    int d = in.integer();
    int patterns = in.integer();
    float beta = in.real();
    float minSpread = in.real();
    std::vector<u8> pixels = in.array<u8>((long long) rows * d);
    std::vector<u8> masks = in.array<u8>((long long) rows * d);
    std::vector<float> unitPixels = in.array<float>((long long) patterns * d);

    std::vector<float> centred((long long) rows * d), known((long long) rows * d), stats(2 * rows);
    launch(rows, THREADS, prepare_masked, (const u8*) pixels.data(), (const u8*) masks.data(), d, centred.data(),
           known.data(), stats.data());
    std::vector<float> squares((long long) patterns * d);
    launch(4, THREADS, square_elements, (const float*) unitPixels.data(), (long long) squares.size(), squares.data());

    std::vector<float> scores = products(centred, unitPixels, rows, patterns, d);
    std::vector<float> sums = products(known, unitPixels, rows, patterns, d);
    std::vector<float> squareSums = products(known, squares, rows, patterns, d);
    launch(4, THREADS, pearson_scores, scores.data(), (const float*) sums.data(), (const float*) squareSums.data(),
           (const float*) stats.data(), rows, patterns, beta, minSpread);
    write(out, scores);
}

void roundValues(Input in, FILE* out) {
    int count = in.integer();
    float scale = in.real();
    std::vector<float> values = in.array<float>(count);
    std::vector<u8> pixels(count);
    launch(4, THREADS, round_pixels, (const float*) values.data(), (long long) count, scale, pixels.data());
    write(out, pixels);
}

void bfloat16(Input in, FILE* out) {
    int count = in.integer();
    std::vector<float> values = in.array<float>(count);
    std::vector<bf16_bits> converted(count);
    launch(4, THREADS, to_bfloat16, (const float*) values.data(), (long long) count, converted.data());
    write(out, converted);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: %s softmax|normalize|masked|round|bfloat16 IN OUT\n", argv[0]);
        return 2;
    }
    std::string mode = argv[1];
    Input in{std::fopen(argv[2], "rb")};
    FILE* out = std::fopen(argv[3], "wb");
    if (in.file == nullptr || out == nullptr) {
        std::fprintf(stderr, "failed to open %s or %s\n", argv[2], argv[3]);
        return 2;
    }
    if (mode == "softmax") {
        softmax(in, out);
    } else if (mode == "normalize") {
        normalize(in, out);
    } else if (mode == "masked") {
        masked(in, out);
    } else if (mode == "round") {
        roundValues(in, out);
    } else if (mode == "bfloat16") {
        bfloat16(in, out);
    } else {
        std::fprintf(stderr, "unknown mode %s\n", argv[1]);
        return 2;
    }
    std::fclose(in.file);
    std::fclose(out);
    return 0;
}
