import random


def algorithm(F, D, P):
    """First-improvement pairwise-swap local search with O(n) swap deltas, from a fixed number of random starts."""
    F, D, P = (m.tolist() if hasattr(m, "tolist") else m for m in (F, D, P))
    # A number of restarts rather than a clock, so that the answer does not depend on the machine's load.
    restarts = 25
    n = len(F)

    def part(a, r, s):
        total = 0.0
        for x in (r, s):
            fx, dx = F[x], D[a[x]]
            total += sum(fx[j] * dx[a[j]] for j in range(n)) - 0.5 * P[x][a[x]]
        for i in range(n):
            if i != r and i != s:
                total += F[i][r] * D[a[i]][a[r]] + F[i][s] * D[a[i]][a[s]]
        return total

    def cost(a):
        return sum(F[i][j] * D[a[i]][a[j]] for i in range(n) for j in range(n)) - 0.5 * sum(P[i][a[i]] for i in range(n))

    best, best_cost = list(range(n)), None
    for _ in range(restarts):
        a = list(range(n))
        random.shuffle(a)
        improved = True
        while improved:
            improved = False
            for r in range(n - 1):
                for s in range(r + 1, n):
                    before = part(a, r, s)
                    a[r], a[s] = a[s], a[r]
                    if part(a, r, s) < before - 1e-12:
                        improved = True
                    else:
                        a[r], a[s] = a[s], a[r]
        found = cost(a)
        if best_cost is None or found < best_cost:
            best, best_cost = a, found
    return best
