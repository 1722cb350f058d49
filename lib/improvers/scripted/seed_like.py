from helpers import extract_code


def improve_algorithm(initial_solution, utility, language_model):
    """Improves a solution according to a utility function."""
    if language_model.budget < 1:
        return initial_solution
    expertise = "You are an expert computer science researcher and programmer, especially skilled at optimizing algorithms."
    message = f"""Improve the following solution:
```python
{initial_solution}
```

You will be evaluated based on this score function:
```python
{utility.str}
```

You must return an improved solution. Be as creative as you can under the constraints.
Your primary improvement must be novel and non-trivial. First, propose an idea, then implement it."""
    n_messages = max(1, min(language_model.max_responses_per_call, utility.budget - getattr(utility, "uses", 0)))
    new_solutions = language_model.batch_prompt(expertise, [message] * n_messages, temperature=0.7)
    new_solutions = [code for code in extract_code(new_solutions) if code]
    if not new_solutions:
        return initial_solution
    return max(new_solutions, key=utility)
