"""Judge for 3-SAT with planted solutions.

Each instance: n uniform in 5..50 variables, 4n clauses of three distinct variables with random signs,
kept only if a hidden random assignment satisfies them (so every formula is satisfiable), shuffled.
A literal v > 0 means "variable v is true", -v means "variable v is false"; n is the largest variable index
that occurs. The solution returns a list of at least n + 1 values, entry i for variable i (true when it is
> 0, as the reference checks), entry 0 unused. An output the reference's check raises on (None, a short
list, values that do not compare with 0) ends the evaluation with 0.01, as the reference's exception does.

Score per instance, as the reference: 1 if every clause is satisfied, 0.01 for a well-formed assignment
that is not a solution (the reference's eps; the mean is then about the fraction of formulas solved).
"""
import random

MIN_VARS = 5
MAX_VARS = 50
CLAUSES_PER_VAR = 4
UNSOLVED = 0.01


def generate(seed, count):
    rng = random.Random(seed)
    instances = []
    for _ in range(count):
        n = rng.randint(MIN_VARS, MAX_VARS)
        planted = [False] + [rng.random() < 0.5 for _ in range(n)]
        formula = []
        while len(formula) < CLAUSES_PER_VAR * n:
            clause = [v if rng.random() < 0.5 else -v for v in rng.sample(range(1, n + 1), 3)]
            if any(planted[abs(lit)] == (lit > 0) for lit in clause):
                formula.append(clause)
        rng.shuffle(formula)
        n_vars = max(abs(lit) for clause in formula for lit in clause)
        instances.append(([formula], {"n_vars": n_vars, "planted": planted[: n_vars + 1]}))
    return instances


REFERENCE_RAISES = -1  # the reference's scorer raises on this output (the harness's sentinel)


def score(args, hidden, output):
    """As the reference: variable v is true when `assignment[v] > 0` (bools, 0/1 and any numbers; a longer
    list is fine). An output on which that check raises (None, which the reference's own seed returns
    when it gives up; too short a list; values that do not compare with 0) is the reference's exception,
    which ends the evaluation with 0.01 (the task's rules)."""
    formula = args[0]
    if not isinstance(output, (list, tuple)):
        return REFERENCE_RAISES
    try:
        solved = all(any((output[abs(lit)] > 0) == (lit > 0) for lit in clause) for clause in formula)
    except Exception:
        return REFERENCE_RAISES
    return 1.0 if solved else UNSOLVED
