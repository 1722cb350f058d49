from itertools import product


def algorithm(t, dist):
    """Scores every string over AB of length len(t) and keeps the closest to dist, preferring strings near t.

    Exact, but it enumerates all 2^len(t) strings before answering.
    """
    changes_t = sum(a != b for a, b in zip(t, t[1:]))
    best, best_key = t, None
    for candidate in product("AB", repeat=len(t)):
        mismatches = sum(a != b for a, b in zip(candidate, t))
        d = changes_t + mismatches + sum(a != b for a, b in zip(candidate, candidate[1:]))
        key = (abs(d - dist), mismatches)
        if best_key is None or key < best_key:
            best, best_key = "".join(candidate), key
    return best
