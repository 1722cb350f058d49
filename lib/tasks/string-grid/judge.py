"""Judge for string grid distance.

grid_dist(s, t) = Hamming(s, t) + #adjacent changes in s + #adjacent changes in t, for equal-length strings
over "AB". Each instance: t of length 1..30 and dist = grid_dist(s, t) for a hidden random s of the same
length, so a string at exactly that distance always exists. The solution gets (t, dist) and returns s.
Score: 1 if grid_dist(s, t) == dist, else max(0, 0.5 - |grid_dist(s, t) - dist| / (6 len t)); any output
that is not a string over "AB" of length len(t) scores 0.

Short strings repeat often, so to keep training and test sets disjoint an instance is kept only when the
parity of its hash equals the parity of the seed: seeds of different parity never share an instance.
"""
import hashlib
import random

MIN_LENGTH = 1
MAX_LENGTH = 30
ALPHABET = "AB"


def grid_dist(s, t):
    return (
        sum(a != b for a, b in zip(s, t))
        + sum(a != b for a, b in zip(s, s[1:]))
        + sum(a != b for a, b in zip(t, t[1:]))
    )


def _side(t, dist):
    return hashlib.sha256(("%s:%d" % (t, dist)).encode()).digest()[0] & 1


def generate(seed, count):
    rng = random.Random(seed)
    instances = []
    while len(instances) < count:
        length = rng.randint(MIN_LENGTH, MAX_LENGTH)
        t = "".join(rng.choice(ALPHABET) for _ in range(length))
        s = "".join(rng.choice(ALPHABET) for _ in range(length))
        dist = grid_dist(s, t)
        if _side(t, dist) == seed % 2:
            instances.append(([t, dist], {"example": s}))
    return instances


def score(args, hidden, output):
    t, dist = args
    if not isinstance(output, str) or len(output) != len(t) or any(c not in ALPHABET for c in output):
        return 0.0
    d = grid_dist(output, t)
    if d == dist:
        return 1.0
    return max(0.0, 0.5 - abs(d - dist) / (6 * len(t)))
