from helpers import extract_code


def improve_algorithm(initial_solution, utility, language_model):
    """Asks for several improvements in one call and keeps the best one."""
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
    n_responses = min(language_model.max_responses_per_call, utility.budget)
    responses = language_model.prompt(expertise, message, n_responses=n_responses, temperature=0.7
    candidates = [code for code in extract_code(responses) if code]
    return max(candidates + [initial_solution], key=utility)
