def algorithm(F, D, P):
    """Assigns facility i to location i."""
    return list(range(len(F)))
