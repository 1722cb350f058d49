def algorithm(formula):
    """Sets each variable to the sign it appears with most often."""
    n = max(abs(lit) for clause in formula for lit in clause)
    balance = [0] * (n + 1)
    for clause in formula:
        for lit in clause:
            balance[abs(lit)] += 1 if lit > 0 else -1
    return [b > 0 for b in balance]
