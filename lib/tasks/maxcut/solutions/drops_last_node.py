def algorithm(adjacency_matrix):
    """Greedy placement that forgets to place the last node (one label short)."""
    adjacency_matrix = adjacency_matrix.tolist() if hasattr(adjacency_matrix, "tolist") else adjacency_matrix
    side = []
    for v, row in enumerate(adjacency_matrix[:-1]):
        weights = [0, 0]
        for u in range(v):
            weights[side[u]] += row[u]
        side.append(1 if weights[0] >= weights[1] else 0)
    return side
