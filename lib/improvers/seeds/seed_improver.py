from helpers import extract_code


def improve_algorithm(initial_solution, utility, language_model):
    """Asks the model for improved versions of a solution and keeps the one the utility scores best."""
    expertise = (
        "You are a skilled researcher and programmer who improves algorithms. "
        "You answer with one idea and a complete implementation in a single fenced Python block."
    )
    message = f"""Here is the current solution:
```python
{initial_solution}
```

Candidates are scored by this utility:
```text
{utility.str}
```

Write a better solution. State your idea in a sentence or two, then give the complete program."""

    # One call with as many responses as allowed; never more utility calls than the budget.
    n_responses = max(1, language_model.max_responses_per_call)
    candidates = []
    if language_model.budget > 0:
        responses = language_model.prompt(expertise, message, n_responses=n_responses, temperature=0.7)
        candidates = [code for code in extract_code(responses) if code]

    best_solution, best_score = initial_solution, None
    for candidate in candidates:
        if utility.uses >= utility.budget:
            break
        score = utility(candidate)
        if best_score is None or score > best_score:
            best_solution, best_score = candidate, score
    return best_solution
