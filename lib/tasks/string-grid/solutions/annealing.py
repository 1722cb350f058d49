import math
import random
import time


def algorithm(t, dist):
    """Random single flips with simulated annealing on |distance - dist|, restarted until a 40 ms deadline."""
    deadline = time.perf_counter() + 0.04
    n = len(t)
    base = sum(a != b for a, b in zip(t, t[1:]))

    def gap(s):
        d = base + sum(a != b for a, b in zip(s, t)) + sum(a != b for a, b in zip(s, s[1:]))
        return abs(d - dist)

    best = list(t)
    best_gap = gap(best)
    while best_gap and time.perf_counter() < deadline:
        s = [random.choice("AB") for _ in range(n)]
        current = gap(s)
        temperature = 2.0
        for _ in range(200):
            i = random.randrange(n)
            s[i] = "A" if s[i] == "B" else "B"
            candidate = gap(s)
            if candidate <= current or random.random() < math.exp((current - candidate) / temperature):
                current = candidate
            else:
                s[i] = "A" if s[i] == "B" else "B"
            if current < best_gap:
                best, best_gap = list(s), current
                if not best_gap:
                    break
            temperature *= 0.97
    return "".join(best)
