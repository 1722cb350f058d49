from helpers import extract_code


def improve_algorithm(initial_solution, utility, language_model):
    """A temperature schedule: explore with hot samples first, exploit with cool ones as the budget runs out."""
    expertise = "You are an expert computer science researcher and programmer, especially skilled at optimizing algorithms."

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

    best = initial_solution
    best_score = utility(initial_solution) if utility_left() > 0 else 0.0
    calls = max(1, language_model.budget)
    for call_index in range(calls):
        temperature = 1.0 - 0.8 * call_index / max(1, calls - 1)
        n_responses = min(language_model.max_responses_per_call, utility_left())
        if n_responses <= 0:
            break
        try:
            responses = language_model.prompt(expertise, make_message(best), n_responses=n_responses, temperature=temperature)
        except Exception:
            break
        for candidate in extract_code(responses):
            if candidate and utility_left() > 0:
                score = utility(candidate)
                if score > best_score:
                    best, best_score = candidate, score
    return best
