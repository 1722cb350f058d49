def algorithm(t, dist):
    """Flips a prefix of t, trying every prefix length, and keeps the string whose distance is closest to dist."""
    changes_t = sum(a != b for a, b in zip(t, t[1:]))
    flipped = {"A": "B", "B": "A"}

    def gap(s):
        d = changes_t + sum(a != b for a, b in zip(s, t)) + sum(a != b for a, b in zip(s, s[1:]))
        return abs(d - dist)

    candidates = ("".join(flipped[c] for c in t[:k]) + t[k:] for k in range(len(t) + 1))
    return min(candidates, key=gap)
