from itertools import product


def algorithm(formula):
    """Tries all 2^n assignments in order until one satisfies every clause."""
    n = max(abs(lit) for clause in formula for lit in clause)
    for bits in product((False, True), repeat=n):
        assignment = (False,) + bits
        if all(any(assignment[abs(lit)] == (lit > 0) for lit in clause) for clause in formula):
            return list(assignment)
    return [False] * (n + 1)
