def algorithm(F, D, P):
    n = len(F)
    flow = [sum(F[i]) + sum(F[j][i] for j in range(n)) for i in range(n)]
    distance = [sum(D[k]) + sum(D[j][k] for j in range(n)) for k in range(n)]
    facilities = sorted(range(n), key=lambda i: -flow[i])
    locations = sorted(range(n), key=lambda k: distance[k])
    assignment = [0] * n
    for i, k in zip(facilities, locations):
        assignment[i] = k
    return assignment
