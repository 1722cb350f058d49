from helpers import extract_code


def improve_algorithm(initial_solution, utility, language_model):
    """Beam search: keep the best few solutions and expand each of them with the language model."""
    expertise = "You are an expert computer science researcher and programmer, especially skilled at optimizing algorithms."
    beam_width = 3

    def utility_left():
        return utility.budget - getattr(utility, "uses", 0)

    def make_message(solution):
        return f"""Improve the following solution:
```python
{solution}
```

You will be evaluated based on this score function:
```python
{utility.str}
```

Propose one concrete, non-trivial improvement, then implement the complete improved solution."""

    scored = {}
    if utility_left() > 0:
        scored[initial_solution] = utility(initial_solution)
    else:
        scored[initial_solution] = 0.0
    beam = [initial_solution]
    for _ in range(language_model.budget):
        if utility_left() <= 0:
            break
        per_parent = max(1, language_model.max_responses_per_call // len(beam))
        messages = []
        for parent in beam:
            messages.extend([make_message(parent)] * per_parent)
        messages = messages[: language_model.max_responses_per_call]
        try:
            responses = language_model.batch_prompt(expertise, messages, temperature=0.7)
        except Exception:
            break
        for candidate in extract_code(responses):
            if candidate and candidate not in scored and utility_left() > 0:
                scored[candidate] = utility(candidate)
        beam = sorted(scored, key=scored.get, reverse=True)[:beam_width]
    return max(scored, key=scored.get)
