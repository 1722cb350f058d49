"""Judge for 3-SAT with planted solutions.

Each instance: n uniform in 5..50 variables, 4n clauses of three distinct variables with random signs,
kept only if a hidden random assignment satisfies them (so every formula is satisfiable), shuffled.
A literal v > 0 means "variable v is true", -v means "variable v is false"; n is the largest variable index
that occurs. The solution returns a list of n + 1 truth values (bool, or 0/1), entry i for variable i,
entry 0 unused but still a truth value. Anything else scores 0.

Score per instance: 1 if every clause is satisfied. Otherwise partial credit for beating a random guess:
0.5 * max(0, (f - 7/8) / (1/8)) where f is the fraction of satisfied clauses and 7/8 what a uniformly random
assignment satisfies in expectation. So solving scores 1, near-misses just under 0.5, guessing about 0.
"""
import random

MIN_VARS = 5
MAX_VARS = 50
CLAUSES_PER_VAR = 4
RANDOM_FRACTION = 7 / 8


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


def _as_truth(value):
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return value == 1
    if isinstance(value, float) and value in (0.0, 1.0):
        return value == 1.0
    return None


def score(args, hidden, output):
    formula = args[0]
    if not isinstance(output, (list, tuple)) or len(output) != hidden["n_vars"] + 1:
        return 0.0
    assignment = [_as_truth(value) for value in output]
    if any(value is None for value in assignment):
        return 0.0
    satisfied = sum(1 for clause in formula if any(assignment[abs(lit)] == (lit > 0) for lit in clause))
    if satisfied == len(formula):
        return 1.0
    return 0.5 * max(0.0, (satisfied / len(formula) - RANDOM_FRACTION) / (1 - RANDOM_FRACTION))
