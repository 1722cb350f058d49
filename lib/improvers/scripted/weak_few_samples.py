from helpers import extract_code

N_SAMPLES = 2


def improve_algorithm(initial_solution, utility, language_model):
    """Asks for a couple of improvements, for simplicity, and keeps the better one."""
    expertise = "You are an expert computer science researcher and programmer, especially skilled at optimizing algorithms."
    message = f"""Improve the following solution:
```python
{initial_solution}
```

You will be evaluated based on this score function:
```python
{utility.str}
```

First, propose an idea, then implement it."""
    responses = language_model.prompt(expertise, message, n_responses=N_SAMPLES, temperature=0.7)
    candidates = [code for code in extract_code(responses) if code]
    best_solution, best_score = initial_solution, 0.0
    for candidate in candidates:
        score = utility(candidate)
        if score > best_score:
            best_solution, best_score = candidate, score
    return best_solution
