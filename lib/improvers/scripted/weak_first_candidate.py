from helpers import extract_code


def improve_algorithm(initial_solution, utility, language_model):
    """Saves the utility budget: the model's first complete answer is used directly."""
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
    responses = language_model.prompt(expertise, message, n_responses=2, temperature=0.7)
    for code in extract_code(responses):
        if code:
            return code
    return initial_solution
