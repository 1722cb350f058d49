import random

from helpers import extract_code


def improve_algorithm(initial_solution, utility, language_model):
    """Epsilon-greedy over the top-k solutions, stopping early when improvements dry up."""
    expertise = "You are an expert computer science researcher and programmer, especially skilled at optimizing algorithms."
    rng = random.Random(2)
    top_k, epsilon, patience = 3, 0.2, 2

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

First, propose an idea, then implement it."""

    scores = {initial_solution: utility(initial_solution) if utility_left() > 0 else 0.0}
    stale_rounds = 0
    for _ in range(language_model.budget):
        n_responses = min(language_model.max_responses_per_call, utility_left())
        if n_responses <= 0 or stale_rounds >= patience:
            break
        ranked = sorted(scores, key=scores.get, reverse=True)[:top_k]
        parent = rng.choice(ranked) if rng.random() < epsilon else ranked[0]
        best_before = scores[ranked[0]]
        try:
            responses = language_model.prompt(expertise, make_message(parent), n_responses=n_responses, temperature=0.7)
        except Exception:
            break
        for candidate in extract_code(responses):
            if candidate and candidate not in scores and utility_left() > 0:
                scores[candidate] = utility(candidate)
        stale_rounds = 0 if max(scores.values()) > best_before else stale_rounds + 1
    return max(scores, key=scores.get)
