from helpers import extract_code


def improve_algorithm(initial_solution, utility, language_model):
    """Decomposition: split the solution into parts and improve one part at a time, keeping what helps."""
    expertise = "You are an expert computer science researcher and programmer, especially skilled at optimizing algorithms."
    parts = [
        "how the input is read and preprocessed",
        "the core algorithm",
        "the post-processing and the format of the answer",
        "the running time",
    ]

    def utility_left():
        return utility.budget - getattr(utility, "uses", 0)

    def make_message(solution, part):
        return f"""Here is a solution:
```python
{solution}
```

It is scored by:
```python
{utility.str}
```

Split the solution into small functions if it is not already, then improve only {part}. Keep the rest unchanged.
Return the complete program in one python code block."""

    best = initial_solution
    best_score = utility(initial_solution) if utility_left() > 0 else 0.0
    for call_index in range(language_model.budget):
        n_responses = min(language_model.max_responses_per_call, utility_left())
        if n_responses <= 0:
            break
        part = parts[call_index % len(parts)]
        try:
            responses = language_model.prompt(expertise, make_message(best, part), n_responses=n_responses, temperature=0.6)
        except Exception:
            break
        for candidate in extract_code(responses):
            if candidate and utility_left() > 0:
                score = utility(candidate)
                if score > best_score:
                    best, best_score = candidate, score
    return best
