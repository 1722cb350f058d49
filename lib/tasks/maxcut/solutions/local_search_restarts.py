import random


def algorithm(adjacency_matrix):
    """One-flip local search with gain bookkeeping, from a fixed number of random starts, keeping the best cut."""
    adjacency_matrix = adjacency_matrix.tolist() if hasattr(adjacency_matrix, "tolist") else adjacency_matrix
    # A number of restarts rather than a clock, so that the answer does not depend on the machine's load.
    restarts = 40
    n = len(adjacency_matrix)
    neighbours = [[(u, w) for u, w in enumerate(row) if w] for row in adjacency_matrix]
    best_side, best_cut = [v % 2 for v in range(n)], -1
    for _ in range(restarts):
        side = [random.randint(0, 1) for _ in range(n)]
        gain = [sum(w if side[u] == side[v] else -w for u, w in neighbours[v]) for v in range(n)]
        while True:
            v = max(range(n), key=gain.__getitem__)
            if gain[v] <= 0:
                break
            for u, w in neighbours[v]:
                gain[u] += -2 * w if side[u] == side[v] else 2 * w
            gain[v] = -gain[v]
            side[v] ^= 1
        cut = sum(w for v in range(n) for u, w in neighbours[v] if u > v and side[u] != side[v])
        if cut > best_cut:
            best_side, best_cut = side, cut
    return best_side
