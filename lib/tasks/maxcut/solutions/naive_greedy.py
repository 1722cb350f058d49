def algorithm(adjacency_matrix):
    """At each step scans every unplaced node and both sides for the largest cut gain: cubic time."""
    n = len(adjacency_matrix)
    side = [None] * n
    unplaced = set(range(n))
    while unplaced:
        best = None
        for v in unplaced:
            for s in (0, 1):
                gain = sum(w for u, w in enumerate(adjacency_matrix[v]) if side[u] is not None and side[u] != s)
                if best is None or gain > best[0]:
                    best = (gain, v, s)
        _, v, s = best
        side[v] = s
        unplaced.remove(v)
    return side
