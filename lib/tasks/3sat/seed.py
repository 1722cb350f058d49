import random


def algorithm(formula):
    n = max(abs(lit) for clause in formula for lit in clause)
    return [random.random() < 0.5 for _ in range(n + 1)]
