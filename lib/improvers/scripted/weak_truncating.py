from helpers import extract_code

MAX_LINES = 20


def improve_algorithm(initial_solution, utility, language_model):
    """Keeps candidates short: long answers are trimmed to their first lines before they are scored."""
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
    candidates = ["\n".join(code.splitlines()[:MAX_LINES]) for code in extract_code(responses) if code]
    if not candidates:
        return initial_solution
    return max(candidates, key=utility)
