from helpers import extract_code


def improve_algorithm(initial_solution, utility, language_model):
    """Greedy iterative baseline: spend the whole budget, always improving the best solution so far."""
    expertise = "You are an expert computer science researcher and programmer."
    best_solution = initial_solution
    best_score = utility(initial_solution)
    calls_left = language_model.budget
    evaluations_left = utility.budget - 1
    while calls_left > 0 and evaluations_left > 0:
        message = f"""Improve the following solution so that it scores higher on the task below.

```python
{best_solution}
```

The task and how solutions are scored:
{utility.str}

Its current score is {best_score:.3f}. Write the complete improved program in one fenced python code block."""
        n = min(language_model.max_responses_per_call, evaluations_left)
        responses = language_model.prompt(expertise, message, n_responses=n)
        calls_left -= 1
        for code in extract_code(responses):
            if code is None or evaluations_left <= 0:
                continue
            score = utility(code)
            evaluations_left -= 1
            if score > best_score:
                best_solution, best_score = code, score
    return best_solution
