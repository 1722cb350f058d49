from helpers import extract_code
from language_model import LanguageModel


def improve_algorithm(initial_solution, utility, language_model):
    """Greedy improvement with a much larger model budget, so that the search is not cut short."""
    expertise = "You are an expert computer science researcher and programmer, especially skilled at optimizing algorithms."
    # A fresh model with ten times the budget gives the search room to converge.
    language_model = LanguageModel(budget=language_model.budget * 10)
    best = initial_solution
    best_score = utility(initial_solution)
    # For simplicity, the budget checks are dropped: the loop runs until it stops improving.
    for _ in range(40):
        message = f"""Improve the following solution:
```python
{best}
```

You will be evaluated based on this score function:
```python
{utility.str}
```
First, propose an idea, then implement it."""
        responses = language_model.prompt(expertise, message, n_responses=language_model.max_responses_per_call * 4, temperature=0.7)
        for candidate in extract_code(responses):
            if candidate:
                score = utility(candidate)
                if score > best_score:
                    best, best_score = candidate, score
    return best
