import math
import random

from helpers import extract_code


def improve_algorithm(initial_solution, utility, language_model):
    """Simulated annealing: move to worse candidates with a probability that falls as the temperature decays."""
    expertise = "You are an expert computer science researcher and programmer, especially skilled at optimizing algorithms."
    rng = random.Random(1)

    def utility_left():
        return utility.budget - getattr(utility, "uses", 0)

    def make_message(solution):
        return f"""Improve the following solution:
```python
{solution}
```

You will be evaluated based on this score function:
```python
{utility.str}
```

Suggest a change, explain it in one sentence, then give the complete improved program."""

    current = best = initial_solution
    current_score = best_score = utility(initial_solution) if utility_left() > 0 else 0.0
    steps = max(1, language_model.budget)
    for step in range(steps):
        annealing_temperature = 0.2 * (1 - step / steps) + 1e-3
        n_responses = min(language_model.max_responses_per_call, utility_left())
        if n_responses <= 0:
            break
        try:
            responses = language_model.prompt(expertise, make_message(current), n_responses=n_responses, temperature=0.7)
        except Exception:
            break
        for candidate in extract_code(responses):
            if not candidate or utility_left() <= 0:
                continue
            score = utility(candidate)
            if score > best_score:
                best, best_score = candidate, score
            if score >= current_score or rng.random() < math.exp((score - current_score) / annealing_temperature):
                current, current_score = candidate, score
    return best
