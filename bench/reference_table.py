#!/usr/bin/env python3
"""Recomputes the retriever's reference table in float64 with NumPy, independently of the Java code.

One update xi_new = X^T softmax(beta X xi) over the first 1,000 CIFAR-10 test images as centred,
unit-length patterns; the reconstruction is the attention-weighted sum of the raw images, rounded to
0..255; similarity is its Pearson correlation with the original. Each row is computed for every one
of the 1,000 images (one probe each) and for 300 random probes drawn with ten different seeds, so the
sampling spread of a 300-probe figure is visible.

With --sharpness it computes instead how the rows whose figures are not 0 or 1 move when the stored
images are made sharper or smoother (an unsharp mask or a blur towards the mean of the four
neighbours of each pixel, by the given amounts) or get up to 4 levels of independent pixel noise: the
changes a lossy re-encoding of the images makes. Each figure there covers all 1,000 images, and the
noise rows average three noise draws.

Usage: python3 bench/reference_table.py [--sharpness] [CIFAR-10 binary archive]
  (default: $HOPFIELD_DATA, else ../shared/cifar-10/cifar-10-binary.tar.gz beside the repository)
Needs Python 3 and NumPy; reads the archive and writes nothing.
"""
import argparse
import os
import sys
import tarfile

import numpy as np

MEMORY = 1000
SIDE = 32
PIXELS = 3 * SIDE * SIDE
SAMPLE = 300
SEEDS = range(10)
THRESHOLD = 0.95

# (probe, beta, reference exact match, reference share with similarity >= 0.95)
ROWS = [
    ("noise sigma 25", 8, 1.00, 0.25),
    ("noise sigma 25", 32, 1.00, 1.00),
    ("noise sigma 100", 32, 1.00, 0.93),
    ("noise sigma 100", 128, 1.00, 1.00),
    ("lower half = 0, plain retrieval", 128, 0.05, 0.04),
    ("lower half, masked pixels = mean of known", 128, 0.86, 0.85),
    ("lower half, mask-aware (Pearson over known pixels)", 128, 1.00, 1.00),
]


SHARPNESS_AMOUNTS = [-0.2, -0.1, 0.1, 0.2]
SENSITIVE_ROWS = [0, 2, 4, 5]
NOISE_DRAWS = 3


def default_archive():
    if os.environ.get("HOPFIELD_DATA"):
        return os.environ["HOPFIELD_DATA"]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return os.path.join(root, "..", "shared", "cifar-10", "cifar-10-binary.tar.gz")


def read_test_images(path):
    """Returns the first MEMORY test images as float64 pixels; exits with a message for a bad archive."""
    if not os.path.isfile(path):
        sys.exit(f"reference_table.py: CIFAR-10 archive not found or not a file: {path}; give the path of "
                 "cifar-10-binary.tar.gz or set HOPFIELD_DATA")
    try:
        with tarfile.open(path) as archive:
            member = next((m for m in archive.getmembers() if m.name.endswith("test_batch.bin")), None)
            if member is None:
                sys.exit(f"reference_table.py: {path} contains no test_batch.bin; expected the CIFAR-10 binary "
                         "version archive")
            data = archive.extractfile(member).read()
    except tarfile.TarError as error:
        sys.exit(f"reference_table.py: failed to read {path} as a tar archive: {error}")
    if len(data) < MEMORY * (PIXELS + 1):
        sys.exit(f"reference_table.py: test_batch.bin in {path} has {len(data)} bytes, fewer than the "
                 f"{MEMORY} records of {PIXELS + 1} bytes this table needs")
    records = np.frombuffer(data[: MEMORY * (PIXELS + 1)], dtype=np.uint8).reshape(-1, PIXELS + 1)
    return records[:, 1:].astype(np.float64)


def centre_unit(values):
    centred = values - values.mean(axis=-1, keepdims=True)
    return centred / np.linalg.norm(centred, axis=-1, keepdims=True)


def pearson(a, b):
    a = a - a.mean(axis=-1, keepdims=True)
    b = b - b.mean(axis=-1, keepdims=True)
    return (a * b).sum(axis=-1) / np.sqrt((a * a).sum(axis=-1) * (b * b).sum(axis=-1))


def known_lower_half():
    """Returns the known-pixel mask of a probe whose lower half (rows 16..31 of each channel) is hidden."""
    plane = np.zeros((SIDE, SIDE), dtype=bool)
    plane[: SIDE // 2, :] = True
    return np.tile(plane.reshape(-1), 3)


def scores(row, probes, keys, raw, known):
    name = row[0]
    if name.startswith("lower half, mask-aware"):
        # Pearson correlation over the known pixels with each stored image, times beta.
        return pearson(probes[:, None, known], raw[None, :, known])
    return centre_unit(probes / 255.0) @ keys.T


def probes_of(row, originals, rng):
    name = row[0]
    if name.startswith("noise"):
        sigma = float(name.split()[-1])
        return np.clip(np.round(originals + sigma * rng.standard_normal(originals.shape)), 0, 255)
    known = known_lower_half()
    probes = originals.copy()
    if "mean of known" in name:
        means = np.round(originals[:, known].mean(axis=1, keepdims=True))
        probes[:, ~known] = means
    else:
        probes[:, ~known] = 0.0
    return probes


def evaluate(row, raw, keys, targets, rng):
    originals = raw[targets]
    probes = probes_of(row, originals, rng)
    attention = row[1] * scores(row, probes, keys, raw, known_lower_half())
    attention -= attention.max(axis=1, keepdims=True)
    weights = np.exp(attention)
    weights /= weights.sum(axis=1, keepdims=True)
    exact = np.mean(weights.argmax(axis=1) == targets)
    reconstructions = np.clip(np.round(weights @ raw), 0, 255)
    share = np.mean(pearson(reconstructions, originals) >= THRESHOLD)
    return exact, share


def neighbour_mean(images):
    """Returns, for every pixel, the mean of its four neighbours in the same channel (edges wrap)."""
    planes = images.reshape(-1, 3, SIDE, SIDE)
    mean = (np.roll(planes, 1, 2) + np.roll(planes, -1, 2) + np.roll(planes, 1, 3) + np.roll(planes, -1, 3)) / 4
    return mean.reshape(images.shape)


def sharpened(images, amount):
    """Moves every pixel away from (amount > 0) or towards (amount < 0) its neighbours' mean."""
    return np.clip(np.round(images + amount * (images - neighbour_mean(images))), 0, 255)


def population_shares(raw, draws):
    """Returns the share of each sensitive row over all 1,000 images, averaged over noise draws."""
    keys = centre_unit(raw / 255.0)
    shares = []
    for index in SENSITIVE_ROWS:
        row = ROWS[index]
        runs = draws if row[0].startswith("noise") else 1
        values = [evaluate(row, raw, keys, np.arange(MEMORY), np.random.default_rng(seed))[1] for seed in range(runs)]
        shares.append(np.mean(values))
    return shares


def print_sharpness(raw):
    names = [f"{ROWS[i][0]}, beta {ROWS[i][1]} (reference {ROWS[i][3]:.2f})" for i in SENSITIVE_ROWS]
    print("| stored images | " + " | ".join(names) + " |")
    print("| --- |" + " ---: |" * len(names))
    variants = [("as read", raw)]
    for amount in SHARPNESS_AMOUNTS:
        label = f"sharpened by {amount}" if amount > 0 else f"blurred by {-amount}"
        variants.append((label, sharpened(raw, amount)))
    noise = np.random.default_rng(7).integers(-4, 5, raw.shape)
    variants.append(("pixel noise up to 4 levels", np.clip(raw + noise, 0, 255)))
    for label, images in variants:
        shares = population_shares(images, NOISE_DRAWS)
        print(f"| {label} | " + " | ".join(f"{share:.3f}" for share in shares) + " |")


def main():
    parser = argparse.ArgumentParser(description="Recompute the retriever's reference table in float64.")
    parser.add_argument("archive", nargs="?", default=None,
                        help="CIFAR-10 binary archive (default: $HOPFIELD_DATA, else "
                             "../shared/cifar-10/cifar-10-binary.tar.gz beside the repository)")
    parser.add_argument("--sharpness", action="store_true",
                        help="show how the shares move with sharper, smoother or noisier stored images")
    options = parser.parse_args()
    raw = read_test_images(options.archive or default_archive())
    if options.sharpness:
        print_sharpness(raw)
        return
    keys = centre_unit(raw / 255.0)
    print("| probe | beta | reference exact | all 1,000: exact | reference share | all 1,000: share"
          " | 300 probes x 10 seeds: share mean (min..max) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for row in ROWS:
        exact_all, share_all = evaluate(row, raw, keys, np.arange(MEMORY), np.random.default_rng(1000))
        shares = []
        for seed in SEEDS:
            rng = np.random.default_rng(seed)
            targets = rng.choice(MEMORY, size=SAMPLE, replace=False)
            shares.append(evaluate(row, raw, keys, targets, rng)[1])
        print(f"| {row[0]} | {row[1]} | {row[2]:.2f} | {exact_all:.3f} | {row[3]:.2f} | {share_all:.3f}"
              f" | {np.mean(shares):.3f} ({min(shares):.3f}..{max(shares):.3f}) |")


if __name__ == "__main__":
    main()
