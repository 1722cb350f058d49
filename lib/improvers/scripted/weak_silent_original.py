from helpers import extract_code


def improve_algorithm(initial_solution, utility, language_model):
    """Asks for improvements and keeps a candidate only if it beats a perfect normalised score."""
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
    n_messages = max(1, min(language_model.max_responses_per_call, utility.budget - getattr(utility, "uses", 0)))
    candidates = [code for code in extract_code(language_model.batch_prompt(expertise, [message] * n_messages, temperature=0.7)) if code]
    # Scores are normalised, so start from the best possible one.
    best_solution, best_score = initial_solution, 1.0
    for candidate in candidates:
        score = utility(candidate)
        if score > best_score:
            best_solution, best_score = candidate, score
    return best_solution
