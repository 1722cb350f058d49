"""A beam-search improver in the older API form, written for this project's tests (not a paper listing).

Like the paper's beam search it spends one utility call more than the budget allows, so it relies on the
reference's rule that a call past the budget returns 0 instead of raising.
"""
from helpers import extract_code
from language_model import LanguageModel


def improve_algorithm(initial_solution, utility_str, utility):
    role = "You are an expert computer science researcher and programmer, especially skilled at optimizing algorithms."
    language_model = LanguageModel(role)
    beam_width = 3
    scored = {initial_solution: utility(initial_solution)}
    beam = [initial_solution]
    for _ in range(language_model.budget):
        parent = beam[0]
        message = f"""You must improve the following code. You will be evaluated based on a following score function:
```python
{utility_str}
```
Here is the current solution:
```python
{parent}
```
When run, your script must define an improved solution. First, propose an idea for an improvement, then implement it."""
        responses = language_model.prompt(message, n_responses=language_model.max_responses_per_call, temperature=0.7)
        for candidate in extract_code(responses):
            if candidate is not None and candidate not in scored:
                scored[candidate] = utility(candidate)
        beam = sorted(scored, key=scored.get, reverse=True)[:beam_width]
    # Re-checks of the best candidate for the rest of the budget and one call past it: that one returns 0,
    # which must not change the answer.
    for _ in range(utility.budget - utility.uses + 1):
        utility(beam[0])
    return beam[0]
