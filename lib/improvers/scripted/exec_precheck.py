from helpers import extract_code


def improve_algorithm(initial_solution, utility, language_model):
    """Checks each candidate by executing it directly before spending a utility call on it."""
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
    candidates = []
    for code in extract_code(responses):
        if not code:
            continue
        namespace = {}
        try:
            exec(code, namespace)
        except Exception:
            continue
        candidates.append(code)
    if not candidates:
        return initial_solution
    return max(candidates, key=utility)
