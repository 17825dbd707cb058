// Runs the cuda backend's kernels on the CPU for tests on machines without a GPU: every CUDA
// thread of a block is a std::thread, __syncthreads is a std::barrier, __shared__ variables are
// function statics (blocks run one after another), and atomicAdd is a std::atomic_ref. Only the
// CUDA features that retrieval_kernels.cu uses are provided.
#pragma once

#include <algorithm>
#include <atomic>
#include <barrier>
#include <cmath>
#include <cstring>
#include <math.h>
#include <thread>
#include <vector>

struct Dimension {
    unsigned int x = 1;
    unsigned int y = 1;
    unsigned int z = 1;
};

inline thread_local Dimension threadIdx;
inline thread_local Dimension blockIdx;
inline Dimension blockDim;
inline Dimension gridDim;
inline std::barrier<>* blockBarrier = nullptr;

#define __global__
#define __device__
#define __shared__ static

inline void __syncthreads() {
    blockBarrier->arrive_and_wait();
}

inline unsigned int __float_as_uint(float value) {
    unsigned int bits;
    std::memcpy(&bits, &value, sizeof bits);
    return bits;
}

inline float __uint_as_float(unsigned int bits) {
    float value;
    std::memcpy(&value, &bits, sizeof value);
    return value;
}

template <class T>
T atomicAdd(T* address, T value) {
    return std::atomic_ref<T>(*address).fetch_add(value);
}

using std::max;
using std::min;

// Launches kernel on a one-dimensional grid, one block at a time.
template <class Kernel, class... Arguments>
void launch(int grid, int block, Kernel kernel, Arguments... arguments) {
    gridDim.x = grid;
    blockDim.x = block;
    for (int b = 0; b < grid; b++) {
        std::barrier<> barrier(block);
        blockBarrier = &barrier;
        std::vector<std::thread> threads;
        threads.reserve(block);
        for (int t = 0; t < block; t++) {
            threads.emplace_back([=] {
                threadIdx.x = t;
                blockIdx.x = b;
                kernel(arguments...);
            });
        }
        for (std::thread& thread : threads) {
            thread.join();
        }
    }
}
