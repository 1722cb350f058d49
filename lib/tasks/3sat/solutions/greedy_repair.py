def algorithm(formula):
    """Majority polarity, then repeatedly flips the variable that most reduces the number of unsatisfied clauses."""
    n = max(abs(lit) for clause in formula for lit in clause)
    balance = [0] * (n + 1)
    for clause in formula:
        for lit in clause:
            balance[abs(lit)] += 1 if lit > 0 else -1
    assignment = [b > 0 for b in balance]

    def unsatisfied():
        return sum(1 for clause in formula if not any(assignment[abs(lit)] == (lit > 0) for lit in clause))

    current = unsatisfied()
    while current:
        best_var, best_count = None, current
        for v in range(1, n + 1):
            assignment[v] = not assignment[v]
            count = unsatisfied()
            assignment[v] = not assignment[v]
            if count < best_count:
                best_var, best_count = v, count
        if best_var is None:
            break
        assignment[best_var] = not assignment[best_var]
        current = best_count
    return assignment
