from helpers import extract_code
from language_model import LanguageModel


def improve_algorithm(initial_solution, utility_str, utility):
    """The older API: the model is built here from a role and prompted with a message."""
    role = (
        "You are a skilled researcher and programmer who improves algorithms. "
        "You answer with one idea and a complete implementation in a single fenced Python block."
    )
    message = f"""Here is the current solution:
```python
{initial_solution}
```

Candidates are scored by this utility:
```text
{utility_str}
```

Write a better solution. State your idea in a sentence or two, then give the complete program."""

    language_model = LanguageModel(role)
    n_responses = max(1, language_model.max_responses_per_call)
    candidates = []
    if language_model.budget > 0:
        responses = language_model.prompt(message, n_responses=n_responses, temperature=0.7)
        candidates = [code for code in extract_code(responses) if code]

    best_solution, best_score = initial_solution, None
    for candidate in candidates:
        if utility.uses >= utility.budget:
            break
        score = utility(candidate)
        if best_score is None or score > best_score:
            best_solution, best_score = candidate, score
    return best_solution
