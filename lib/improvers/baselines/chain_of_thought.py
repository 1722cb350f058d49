from helpers import extract_code


def improve_algorithm(initial_solution, utility, language_model):
    """Chain-of-thought baseline: one model attempt, no utility calls."""
    expertise = "You are an expert computer science researcher and programmer."
    message = f"""Improve the following solution so that it scores higher on the task below.

```python
{initial_solution}
```

The task and how solutions are scored:
{utility.str}

Think step by step about what limits the current solution, then write the complete improved program
in one fenced python code block."""
    responses = language_model.prompt(expertise, message, n_responses=1)
    code = extract_code(responses)
    return code[0] if code and code[0] else initial_solution
