from helpers import extract_code

HINTS = [
    "Use a fundamentally better algorithm for this problem, not a tweak.",
    "Make the solution robust to noisy or adversarial inputs.",
    "Exploit the structure of the inputs described in the score function.",
    "Use the time limit: add a local search that refines the answer until time is nearly up.",
    "Fix edge cases: empty inputs, ties and unexpected sizes.",
    "Combine two different strategies and keep the better answer.",
]


def improve_algorithm(initial_solution, utility, language_model):
    """Hints: several prompts, each suggesting a different kind of improvement, then refine the winner."""
    expertise = "You are an expert computer science researcher and programmer, especially skilled at optimizing algorithms."

    def utility_left():
        return utility.budget - getattr(utility, "uses", 0)

    def make_message(solution, hint):
        return f"""Improve the following solution:
```python
{solution}
```

You will be evaluated based on this score function:
```python
{utility.str}
```

Hint: {hint}
First, propose an idea, then implement it."""

    best = initial_solution
    best_score = utility(initial_solution) if utility_left() > 0 else 0.0
    for round_index in range(language_model.budget):
        count = min(language_model.max_responses_per_call, len(HINTS), utility_left())
        if count <= 0:
            break
        offset = round_index * count
        messages = [make_message(best, HINTS[(offset + i) % len(HINTS)]) for i in range(count)]
        try:
            responses = language_model.batch_prompt(expertise, messages, temperature=0.7)
        except Exception:
            break
        for candidate in extract_code(responses):
            if candidate and utility_left() > 0:
                score = utility(candidate)
                if score > best_score:
                    best, best_score = candidate, score
    return best
