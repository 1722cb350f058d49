import random


def algorithm(formula):
    """WalkSAT with incremental bookkeeping of true-literal counts per clause, from the majority-polarity start."""
    # A step budget rather than a clock, so that the answer does not depend on the machine's load.
    max_steps = 20000
    n = max(abs(lit) for clause in formula for lit in clause)
    balance = [0] * (n + 1)
    occurs = [[] for _ in range(2 * n + 2)]
    for index, clause in enumerate(formula):
        for lit in clause:
            balance[abs(lit)] += 1 if lit > 0 else -1
            occurs[lit + n].append(index)
    assignment = [b > 0 for b in balance]
    true_count = [sum(assignment[abs(lit)] == (lit > 0) for lit in clause) for clause in formula]
    unsat = {i for i, count in enumerate(true_count) if count == 0}

    def flip(v):
        made_true = v if not assignment[v] else -v
        assignment[v] = not assignment[v]
        for i in occurs[made_true + n]:
            true_count[i] += 1
            unsat.discard(i)
        for i in occurs[-made_true + n]:
            true_count[i] -= 1
            if true_count[i] == 0:
                unsat.add(i)

    def breaks(v):
        now_true = v if assignment[v] else -v
        return sum(1 for i in occurs[now_true + n] if true_count[i] == 1)

    steps = 0
    while unsat:
        steps += 1
        if steps > max_steps:
            break
        clause = formula[random.choice(tuple(unsat))]
        if random.random() < 0.4:
            v = abs(random.choice(clause))
        else:
            v = min((abs(lit) for lit in clause), key=breaks)
        flip(v)
    return assignment
