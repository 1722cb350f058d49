from helpers import extract_code


def improve_algorithm(initial_solution, language_model):
    """Improves a solution with the language model alone (the utility is not needed for a first draft)."""
    expertise = "You are an expert computer science researcher and programmer, especially skilled at optimizing algorithms."
    message = f"""Improve the following solution:
```python
{initial_solution}
```
First, propose an idea, then implement it."""
    responses = language_model.prompt(expertise, message, n_responses=1, temperature=0.7)
    code = extract_code(responses)[0]
    return code or initial_solution
