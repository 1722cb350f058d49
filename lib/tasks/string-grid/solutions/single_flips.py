def algorithm(t, dist):
    """Starts from t and flips one character at a time while that brings the distance closer to dist."""

    def grid_dist(s):
        return (
            sum(a != b for a, b in zip(s, t))
            + sum(a != b for a, b in zip(s, s[1:]))
            + sum(a != b for a, b in zip(t, t[1:]))
        )

    s = list(t)
    gap = abs(grid_dist(s) - dist)
    while gap:
        best = None
        for i in range(len(s)):
            s[i] = "A" if s[i] == "B" else "B"
            candidate = abs(grid_dist(s) - dist)
            s[i] = "A" if s[i] == "B" else "B"
            if candidate < gap and (best is None or candidate < best[0]):
                best = (candidate, i)
        if best is None:
            break
        gap, i = best
        s[i] = "A" if s[i] == "B" else "B"
    return "".join(s)
