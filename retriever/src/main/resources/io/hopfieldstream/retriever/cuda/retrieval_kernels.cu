// Kernels of the cuda retrieval backend, compiled at start-up by NVRTC to a cubin for the
// device's own compute capability. cuBLAS does the matrix products; these kernels do the
// per-row work around them. Row-major layouts throughout: a matrix of R rows and C columns
// stores element (r, c) at r * C + c.

typedef unsigned char u8;
typedef unsigned short bf16_bits;

#define BLOCK 256

// Reduces one float per thread to a block-wide sum; every thread gets the result.
__device__ float block_sum(float value, float* scratch) {
    scratch[threadIdx.x] = value;
    __syncthreads();
    for (int stride = blockDim.x / 2; stride > 0; stride >>= 1) {
        if (threadIdx.x < stride) {
            scratch[threadIdx.x] += scratch[threadIdx.x + stride];
        }
        __syncthreads();
    }
    float total = scratch[0];
    __syncthreads();
    return total;
}

// Scales pixels to 0..1 and applies the normalisation to each row: mode bit 1 subtracts the
// row mean, mode bit 2 divides by the row's Euclidean length (a zero row stays zero).
// One block per row.
extern "C" __global__ void normalize_rows(const u8* pixels, int columns, int mode, float* out) {
    __shared__ float scratch[BLOCK];
    const u8* row = pixels + (long long) blockIdx.x * columns;
    float* target = out + (long long) blockIdx.x * columns;

    float sum = 0.0f;
    for (int c = threadIdx.x; c < columns; c += blockDim.x) {
        sum += row[c] / 255.0f;
    }
    float mean = (mode & 1) ? block_sum(sum, scratch) / columns : 0.0f;

    float squares = 0.0f;
    for (int c = threadIdx.x; c < columns; c += blockDim.x) {
        float v = row[c] / 255.0f - mean;
        squares += v * v;
    }
    float length = (mode & 2) ? sqrtf(block_sum(squares, scratch)) : 1.0f;
    float scale = length > 0.0f ? 1.0f / length : 0.0f;

    for (int c = threadIdx.x; c < columns; c += blockDim.x) {
        target[c] = (row[c] / 255.0f - mean) * scale;
    }
}

// Prepares masked probes for Pearson scores over their known pixels. For row r with known-pixel
// mask m (1 known, 0 missing): centred[c] = m[c] * (p[c] / 255 - mean of the known values),
// known[c] = m[c], stats[2r] = number of known pixels, stats[2r + 1] = sum of centred[c]^2.
// One block per row.
extern "C" __global__ void prepare_masked(const u8* pixels, const u8* masks, int columns,
                                          float* centred, float* known, float* stats) {
    __shared__ float scratch[BLOCK];
    long long offset = (long long) blockIdx.x * columns;

    float count = 0.0f;
    float sum = 0.0f;
    for (int c = threadIdx.x; c < columns; c += blockDim.x) {
        if (masks[offset + c]) {
            count += 1.0f;
            sum += pixels[offset + c] / 255.0f;
        }
    }
    count = block_sum(count, scratch);
    sum = block_sum(sum, scratch);
    float mean = count > 0.0f ? sum / count : 0.0f;

    float squares = 0.0f;
    for (int c = threadIdx.x; c < columns; c += blockDim.x) {
        float isKnown = masks[offset + c] ? 1.0f : 0.0f;
        float v = isKnown * (pixels[offset + c] / 255.0f - mean);
        centred[offset + c] = v;
        known[offset + c] = isKnown;
        squares += v * v;
    }
    squares = block_sum(squares, scratch);
    if (threadIdx.x == 0) {
        stats[2 * blockIdx.x] = count;
        stats[2 * blockIdx.x + 1] = squares;
    }
}

// Turns the three masked products into beta times the Pearson correlation over the known
// pixels. With q' the probe centred over its n known pixels (zero elsewhere) and y a stored
// pattern: cov = sum q' y (the mean term vanishes), var_y = sum m y^2 - (sum m y)^2 / n floored at
// minSpread (so a flat pattern scores near 0 instead of 0 / 0), var_q = sum q'^2; a probe with
// var_q below minSpread is flat and scores 0 everywhere. scores holds cov on entry; all three are
// rows x columns.
extern "C" __global__ void pearson_scores(float* scores, const float* sums, const float* squareSums,
                                          const float* stats, int rows, int columns, float beta,
                                          float minSpread) {
    long long total = (long long) rows * columns;
    for (long long i = blockIdx.x * (long long) blockDim.x + threadIdx.x; i < total;
         i += (long long) gridDim.x * blockDim.x) {
        int r = (int) (i / columns);
        float n = stats[2 * r];
        float varianceQ = stats[2 * r + 1];
        float varianceY = n > 0.0f ? squareSums[i] - sums[i] * sums[i] / n : 0.0f;
        float factor = varianceQ >= minSpread ? beta / sqrtf(varianceQ) : 0.0f;
        scores[i] = scores[i] / sqrtf(fmaxf(varianceY, minSpread)) * factor;
    }
}

// Row softmax over scores (already multiplied by beta), subtracting each row's maximum first.
// Rows whose done flag is set keep their weights and outputs. For an active row it writes the
// weights, the index and weight of the largest one (the first index on ties) and, where
// previous is not null, the largest absolute change of any weight against previous.
// step is the 1-based update step; a row converges once that change is at most tolerance, and
// then stops (done = 1). stillActive counts the rows that have not converged. One block per row.
extern "C" __global__ void softmax_rows(const float* scores, int columns, float* weights,
                                        const float* previous, int step, float tolerance,
                                        int* done, int* argmaxIndex, float* argmaxWeight,
                                        int* iterations, int* converged, float* change,
                                        int* stillActive) {
    __shared__ float values[BLOCK];
    __shared__ int indices[BLOCK];
    int r = blockIdx.x;
    if (done[r]) {
        return;
    }
    const float* row = scores + (long long) r * columns;
    float* out = weights + (long long) r * columns;

    float best = -INFINITY;
    int bestIndex = 0x7fffffff;
    for (int c = threadIdx.x; c < columns; c += blockDim.x) {
        float v = row[c];
        if (v > best || (v == best && c < bestIndex)) {
            best = v;
            bestIndex = c;
        }
    }
    values[threadIdx.x] = best;
    indices[threadIdx.x] = bestIndex;
    __syncthreads();
    for (int stride = blockDim.x / 2; stride > 0; stride >>= 1) {
        if (threadIdx.x < stride) {
            float other = values[threadIdx.x + stride];
            int otherIndex = indices[threadIdx.x + stride];
            if (other > values[threadIdx.x]
                    || (other == values[threadIdx.x] && otherIndex < indices[threadIdx.x])) {
                values[threadIdx.x] = other;
                indices[threadIdx.x] = otherIndex;
            }
        }
        __syncthreads();
    }
    float rowMax = values[0];
    int rowArgmax = indices[0];
    __syncthreads();

    float sum = 0.0f;
    for (int c = threadIdx.x; c < columns; c += blockDim.x) {
        sum += expf(row[c] - rowMax);
    }
    sum = block_sum(sum, values);

    float largestChange = 0.0f;
    for (int c = threadIdx.x; c < columns; c += blockDim.x) {
        float w = expf(row[c] - rowMax) / sum;
        if (previous != 0) {
            largestChange = fmaxf(largestChange, fabsf(w - previous[(long long) r * columns + c]));
        }
        out[c] = w;
    }
    values[threadIdx.x] = largestChange;
    __syncthreads();
    for (int stride = blockDim.x / 2; stride > 0; stride >>= 1) {
        if (threadIdx.x < stride) {
            values[threadIdx.x] = fmaxf(values[threadIdx.x], values[threadIdx.x + stride]);
        }
        __syncthreads();
    }

    if (threadIdx.x == 0) {
        argmaxIndex[r] = rowArgmax;
        argmaxWeight[r] = 1.0f / sum;
        iterations[r] = step;
        float rowChange = previous != 0 ? values[0] : INFINITY;
        change[r] = rowChange;
        int rowConverged = previous != 0 && rowChange <= tolerance;
        converged[r] = rowConverged;
        if (rowConverged) {
            done[r] = 1;
        } else {
            atomicAdd(stillActive, 1);
        }
    }
}

// Smallest number of weights of a row whose sum reaches mass: a radix select on the float bit
// patterns (weights are >= 0, so their bits sort like their values), 8 bits per round, with
// counts and masses per digit. Weights below (1 - mass) / (2 columns) are skipped: all of them
// together hold less than half of 1 - mass, so they never belong to the smallest such set, and the
// margin absorbs the float rounding of weights that sum to 1.
// One block per row.
extern "C" __global__ void attention_spread(const float* weights, int columns, float mass,
                                            int* spread) {
    __shared__ int counts[256];
    __shared__ double masses[256];
    __shared__ unsigned int prefix;
    __shared__ unsigned int prefixMask;
    __shared__ int countAbove;
    __shared__ double massAbove;
    __shared__ int found;
    const float* row = weights + (long long) blockIdx.x * columns;
    float floor = (1.0f - mass) / (2.0f * columns);

    if (threadIdx.x == 0) {
        prefix = 0;
        prefixMask = 0;
        countAbove = 0;
        massAbove = 0.0;
        found = 1;
    }
    int lastCount = 0;
    for (int shift = 24; shift >= 0; shift -= 8) {
        for (int d = threadIdx.x; d < 256; d += blockDim.x) {
            counts[d] = 0;
            masses[d] = 0.0;
        }
        __syncthreads();
        for (int c = threadIdx.x; c < columns; c += blockDim.x) {
            float w = row[c];
            unsigned int bits = __float_as_uint(w);
            if (w >= floor && w > 0.0f && (bits & prefixMask) == prefix) {
                int digit = (bits >> shift) & 255;
                atomicAdd(&counts[digit], 1);
                atomicAdd(&masses[digit], (double) w);
            }
        }
        __syncthreads();
        if (threadIdx.x == 0 && found) {
            int digit = 255;
            int chosen = -1;
            for (; digit >= 0; digit--) {
                if (counts[digit] == 0) {
                    continue;
                }
                if (massAbove + masses[digit] >= mass) {
                    chosen = digit;
                    break;
                }
                massAbove += masses[digit];
                countAbove += counts[digit];
            }
            if (chosen < 0) {
                found = 0;
            } else {
                prefix |= ((unsigned int) chosen) << shift;
                prefixMask |= 255u << shift;
                lastCount = counts[chosen];
            }
        }
        __syncthreads();
    }
    if (threadIdx.x == 0) {
        if (!found) {
            // Rounding left the whole row short of mass: every weight is needed.
            spread[blockIdx.x] = columns;
        } else {
            double value = (double) __uint_as_float(prefix);
            int needed = (int) ceil((mass - massAbove) / value - 1e-9);
            needed = max(1, min(needed, lastCount));
            spread[blockIdx.x] = countAbove + needed;
        }
    }
}

// Scales reconstructions to pixel units, rounds them half up and clamps them to 0..255.
extern "C" __global__ void round_pixels(const float* values, long long count, float scale, u8* out) {
    for (long long i = blockIdx.x * (long long) blockDim.x + threadIdx.x; i < count;
         i += (long long) gridDim.x * blockDim.x) {
        float v = floorf(values[i] * scale + 0.5f);
        out[i] = (u8) fminf(fmaxf(v, 0.0f), 255.0f);
    }
}

// Widens raw pixels to floats times scale (1 / 255 gives the 0..1 values that reconstructions
// and masked scores read).
extern "C" __global__ void pixels_to_float(const u8* pixels, long long count, float scale, float* out) {
    for (long long i = blockIdx.x * (long long) blockDim.x + threadIdx.x; i < count;
         i += (long long) gridDim.x * blockDim.x) {
        out[i] = pixels[i] * scale;
    }
}

// Squares every element (the stored patterns' squares for masked variances).
extern "C" __global__ void square_elements(const float* values, long long count, float* out) {
    for (long long i = blockIdx.x * (long long) blockDim.x + threadIdx.x; i < count;
         i += (long long) gridDim.x * blockDim.x) {
        out[i] = values[i] * values[i];
    }
}

// Converts floats to bfloat16 bit patterns, rounding to nearest even (inputs are finite).
extern "C" __global__ void to_bfloat16(const float* values, long long count, bf16_bits* out) {
    for (long long i = blockIdx.x * (long long) blockDim.x + threadIdx.x; i < count;
         i += (long long) gridDim.x * blockDim.x) {
        unsigned int bits = __float_as_uint(values[i]);
        bits += 0x7fffu + ((bits >> 16) & 1u);
        out[i] = (bf16_bits) (bits >> 16);
    }
}
