"""Judge for learning parity with noise (LPN); the noise-free parity task reuses it with LABEL_NOISE = 0.0.

Each instance: a secret set of the 10 bit positions (each relevant with probability 0.3), 100 training
samples whose labels are the parity of the secret bits, each label flipped with probability LABEL_NOISE,
and 20 test samples with clean labels. The solution predicts the test labels; the score is the accuracy.
"""
import random

N_BITS = 10
P_RELEVANT = 0.3
N_TRAIN = 100
N_TEST = 20
LABEL_NOISE = 0.05


def _parity(sample, secret):
    return sum(b for b, s in zip(sample, secret) if s) % 2


def generate(seed, count):
    rng = random.Random(seed)
    instances = []
    for _ in range(count):
        secret = [1 if rng.random() < P_RELEVANT else 0 for _ in range(N_BITS)]
        samples = [[rng.randint(0, 1) for _ in range(N_BITS)] for _ in range(N_TRAIN + N_TEST)]
        labels = [_parity(sample, secret) for sample in samples]
        train_labels = [label ^ 1 if rng.random() < LABEL_NOISE else label for label in labels[:N_TRAIN]]
        args = [samples[:N_TRAIN], train_labels, samples[N_TRAIN:]]
        instances.append((args, {"test_labels": labels[N_TRAIN:], "secret": secret}))
    return instances


def _as_bit(value):
    """0 or 1 for an int, bool or integral float equal to 0 or 1; None for anything else."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int) and value in (0, 1):
        return value
    if isinstance(value, float) and value in (0.0, 1.0):
        return int(value)
    return None


def score(args, hidden, output):
    expected = hidden["test_labels"]
    if not isinstance(output, (list, tuple)) or len(output) != len(expected):
        return 0.0
    bits = [_as_bit(value) for value in output]
    if any(bit is None for bit in bits):
        return 0.0
    return sum(1 for bit, label in zip(bits, expected) if bit == label) / len(expected)
