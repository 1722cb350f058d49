"""Judge for weighted max-cut.

Each instance: n uniform in 50..200 nodes, each pair joined with probability 0.4 by an edge of integer weight
1..10, given as a symmetric n x n adjacency matrix (lists of ints, zero diagonal). The solution returns a
partition: a list of n labels of two values (0/1, 1/2, -1/1, bools…: nodes with different labels are on
different sides, as the reference's `partition[i] != partition[j]`); more than two distinct labels (where
the reference would count every edge between different labels) or another length scores 0.

Normalisation: a uniformly random partition cuts half the total weight W in expectation, so
score = clamp((cut - W/2) / (ref - W/2), 0, 1), where ref is a reference cut the judge computes itself
(greedy placement followed by one-flip local search). Random partitions score about 0, the judge's own
method scores 1, better cuts are clamped to 1.
"""
import math
import random

MIN_NODES = 50
MAX_NODES = 200
EDGE_PROBABILITY = 0.4
MAX_WEIGHT = 10


def _reference_cut(adjacency):
    n = len(adjacency)
    side = [0] * n
    for v in range(1, n):
        row = adjacency[v]
        to_zero = sum(row[u] for u in range(v) if side[u] == 0)
        to_one = sum(row[u] for u in range(v) if side[u] == 1)
        side[v] = 1 if to_zero >= to_one else 0
    gain = [sum(w if side[u] == side[v] else -w for u, w in enumerate(adjacency[v])) for v in range(n)]
    while True:
        v = max(range(n), key=gain.__getitem__)
        if gain[v] <= 0:
            break
        for u, w in enumerate(adjacency[v]):
            if w:
                gain[u] += -2 * w if side[u] == side[v] else 2 * w
        gain[v] = -gain[v]
        side[v] ^= 1
    return _cut(adjacency, side)


def _cut(adjacency, side):
    return sum(w for v, row in enumerate(adjacency) for u, w in enumerate(row) if u > v and side[u] != side[v])


def generate(seed, count):
    rng = random.Random(seed)
    instances = []
    for _ in range(count):
        n = rng.randint(MIN_NODES, MAX_NODES)
        adjacency = [[0] * n for _ in range(n)]
        for i in range(n):
            for j in range(i + 1, n):
                if rng.random() < EDGE_PROBABILITY:
                    weight = 1 + int(rng.random() * MAX_WEIGHT)
                    adjacency[i][j] = adjacency[j][i] = weight
        total = sum(map(sum, adjacency)) // 2
        instances.append(([adjacency], {"total_weight": total, "reference_cut": _reference_cut(adjacency)}))
    return instances


def _label(value):
    """A label compared by value as the reference's `partition[i] != partition[j]` does (True == 1 == 1.0)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return int(value) if value == int(value) else value
    if isinstance(value, (int, str)):
        return value
    return None


def score(args, hidden, output):
    adjacency = args[0]
    if not isinstance(output, (list, tuple)) or len(output) != len(adjacency):
        return 0.0
    labels = [_label(value) for value in output]
    if any(label is None for label in labels) or len(set(labels)) > 2:
        return 0.0
    first = labels[0]
    side = [0 if label == first else 1 for label in labels]
    half = hidden["total_weight"] / 2
    margin = hidden["reference_cut"] - half
    if margin <= 0:
        return 1.0 if _cut(adjacency, side) >= hidden["reference_cut"] else 0.0
    return min(1.0, max(0.0, (_cut(adjacency, side) - half) / margin))
