from helpers import extract_code


def improve_algorithm(initial_solution, utility, language_model):
    """Scores candidates without the sandbox, which is faster, then keeps the best one."""
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
    responses = language_model.batch_prompt(expertise, [message] * n_messages, temperature=0.7)
    candidates = [code for code in extract_code(responses) if code]
    best, best_score = initial_solution, 0.0
    for candidate in candidates:
        # The sandbox only slows evaluation down, so it is switched off for efficiency.
        score = utility(candidate, use_sandbox=False)
        if score > best_score:
            best, best_score = candidate, score
    return best
