from helpers import extract_code


def improve_algorithm(initial_solution, utility, language_model):
    """Greedy iterative improvement: spend every model call improving the best solution found so far."""
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

Return an improved solution. First, propose an idea, then implement it in one python code block."""

    best_solution = initial_solution
    best_score = utility(initial_solution) if utility_left() > 0 else 0.0
    for _ in range(language_model.budget):
        n_responses = min(language_model.max_responses_per_call, utility_left())
        if n_responses <= 0:
            break
        try:
            responses = language_model.prompt(expertise, make_message(best_solution), n_responses=n_responses, temperature=0.7)
        except Exception:
            break
        for candidate in extract_code(responses):
            if not candidate or utility_left() <= 0:
                continue
            score = utility(candidate)
            if score > best_score:
                best_solution, best_score = candidate, score
    return best_solution
