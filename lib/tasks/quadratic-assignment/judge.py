"""Judge for the modified quadratic assignment problem (n = 15).

Each instance: flow F, distance D and preference P, n x n matrices of floats uniform in [0, 1). The solution
assigns facility i to location a[i], a permutation of 0..n-1, and the cost to minimise is
    C(a) = sum_{i,j} F[i][j] * D[a[i]][a[j]] - 0.5 * sum_i P[i][a[i]].
Anything that is not a list of n distinct integers in 0..n-1 (integral floats accepted) scores 0.

Normalisation (higher is better): E is the exact expected cost of a uniformly random permutation and R the
cost of a reference assignment the judge finds itself (two-swap local search from several starts).
score = clamp((E - C) / (E - R), 0, 1): random assignments score about 0, the judge's own method 1, and
anything better is clamped to 1. (The reference implementation reported the raw cost, so that a lower
number was better; this mapping fixes that inversion.)
"""
import random

N = 15
PREFERENCE_WEIGHT = 0.5
REFERENCE_STARTS = 8


def cost(F, D, P, a):
    n = len(a)
    quadratic = sum(F[i][j] * D[a[i]][a[j]] for i in range(n) for j in range(n))
    return quadratic - PREFERENCE_WEIGHT * sum(P[i][a[i]] for i in range(n))


def _expected_random_cost(F, D, P):
    n = len(F)
    trace_f = sum(F[i][i] for i in range(n))
    trace_d = sum(D[i][i] for i in range(n))
    off_f = sum(map(sum, F)) - trace_f
    mean_off_d = (sum(map(sum, D)) - trace_d) / (n * (n - 1))
    return off_f * mean_off_d + trace_f * trace_d / n - PREFERENCE_WEIGHT * sum(map(sum, P)) / n


def _swap_part(F, D, P, a, r, s):
    """The terms of the cost that involve facility r or s."""
    part = 0.0
    for x in (r, s):
        fx, dx = F[x], D[a[x]]
        part += sum(fx[j] * dx[a[j]] for j in range(len(a))) - PREFERENCE_WEIGHT * P[x][a[x]]
    for i in range(len(a)):
        if i != r and i != s:
            di = D[a[i]]
            part += F[i][r] * di[a[r]] + F[i][s] * di[a[s]]
    return part


def _local_search(F, D, P, a):
    n = len(a)
    improved = True
    while improved:
        improved = False
        for r in range(n - 1):
            for s in range(r + 1, n):
                before = _swap_part(F, D, P, a, r, s)
                a[r], a[s] = a[s], a[r]
                if _swap_part(F, D, P, a, r, s) < before - 1e-12:
                    improved = True
                else:
                    a[r], a[s] = a[s], a[r]
    return a


def _reference_cost(F, D, P, rng):
    best = None
    for _ in range(REFERENCE_STARTS):
        start = list(range(len(F)))
        rng.shuffle(start)
        found = cost(F, D, P, _local_search(F, D, P, start))
        best = found if best is None else min(best, found)
    return best


def generate(seed, count):
    rng = random.Random(seed)
    instances = []
    for _ in range(count):
        F, D, P = ([[rng.random() for _ in range(N)] for _ in range(N)] for _ in range(3))
        hidden = {
            "expected_random_cost": _expected_random_cost(F, D, P),
            "reference_cost": _reference_cost(F, D, P, random.Random(rng.getrandbits(64))),
        }
        instances.append(([F, D, P], hidden))
    return instances


def _as_index(value, n):
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and 0 <= value < n:
        return value
    return None


def score(args, hidden, output):
    F, D, P = args
    n = len(F)
    if not isinstance(output, (list, tuple)) or len(output) != n:
        return 0.0
    a = [_as_index(value, n) for value in output]
    if any(index is None for index in a) or len(set(a)) != n:
        return 0.0
    span = hidden["expected_random_cost"] - hidden["reference_cost"]
    if span <= 0:
        return 0.0
    return min(1.0, max(0.0, (hidden["expected_random_cost"] - cost(F, D, P, a)) / span))
