def algorithm(t, dist):
    """Exact construction by dynamic programming.

    The target is k = dist - changes(t) = sum of mismatches with t plus changes in s. Track, per position and
    last character, the set of reachable partial values, then walk back from any state reaching k.
    """
    n = len(t)
    target = dist - sum(a != b for a, b in zip(t, t[1:]))
    reach = [{c: {int(c != t[0])} for c in "AB"}]
    for i in range(1, n):
        layer = {}
        for c in "AB":
            values = set()
            for p in "AB":
                values |= {v + (c != t[i]) + (c != p) for v in reach[i - 1][p]}
            layer[c] = values
        reach.append(layer)
    last = next((c for c in "AB" if target in reach[n - 1][c]), None)
    if last is None:
        return t
    s = [last]
    value = target
    for i in range(n - 1, 0, -1):
        c = s[-1]
        value -= int(c != t[i])
        p = next(p for p in "AB" if value - (c != p) in reach[i - 1][p])
        value -= int(c != p)
        s.append(p)
    return "".join(reversed(s))
