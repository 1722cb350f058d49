def algorithm(formula):
    """Majority polarity, but returned without the unused entry 0, so the list is one short."""
    n = max(abs(lit) for clause in formula for lit in clause)
    balance = [0] * n
    for clause in formula:
        for lit in clause:
            balance[abs(lit) - 1] += 1 if lit > 0 else -1
    return [b > 0 for b in balance]
