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


REFERENCE_RAISES = -1  # the reference's scorer raises on this output (the harness's sentinel)


def _flattened(output):
    """`np.array(output).reshape(-1)` for rectangular nestings of lists; None when numpy would refuse."""
    if not isinstance(output, (list, tuple)):
        return [output]
    if all(not isinstance(item, (list, tuple)) for item in output):
        return list(output)
    if not all(isinstance(item, (list, tuple)) for item in output):
        return None
    parts = [_flattened(item) for item in output]
    if any(part is None for part in parts) or len({len(part) for part in parts}) > 1:
        return None
    return [value for part in parts for value in part]


def score(args, hidden, output):
    """As the reference: predictions flattened (`reshape(-1)`), compared with `==` to the labels (so True
    counts as 1, and 2 is simply wrong). A prediction that is not 20 labels (or one, which numpy
    broadcasts) is the reference's exception, which makes the whole utility 1e-6 (the task's rules)."""
    expected = hidden["test_labels"]
    flat = _flattened(output)
    if flat is None or len(flat) not in (1, len(expected)):
        return REFERENCE_RAISES
    if len(flat) == 1:
        flat = flat * len(expected)
    correct = 0
    for value, label in zip(flat, expected):
        if isinstance(value, (bool, int, float)) and value == label:
            correct += 1
    return correct / len(expected)
