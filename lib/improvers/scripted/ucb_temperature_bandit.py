import math

from helpers import extract_code


def improve_algorithm(initial_solution, utility, language_model):
    """A UCB bandit over sampling temperatures: spend the model budget on the temperature that pays off."""
    expertise = "You are an expert computer science researcher and programmer, especially skilled at optimizing algorithms."
    arms = [0.3, 0.7, 1.0]
    pulls = [0] * len(arms)
    rewards = [0.0] * len(arms)

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

First, propose an idea, then implement it."""

    def choose_arm(round_index):
        for arm, count in enumerate(pulls):
            if count == 0:
                return arm
        return max(
            range(len(arms)),
            key=lambda arm: rewards[arm] / pulls[arm] + math.sqrt(2 * math.log(round_index + 1) / pulls[arm]),
        )

    best = initial_solution
    best_score = utility(initial_solution) if utility_left() > 0 else 0.0
    for round_index in range(language_model.budget):
        n_responses = min(language_model.max_responses_per_call, utility_left())
        if n_responses <= 0:
            break
        arm = choose_arm(round_index)
        try:
            responses = language_model.prompt(expertise, make_message(best), n_responses=n_responses, temperature=arms[arm])
        except Exception:
            break
        round_best = 0.0
        for candidate in extract_code(responses):
            if not candidate or utility_left() <= 0:
                continue
            score = utility(candidate)
            round_best = max(round_best, score)
            if score > best_score:
                best, best_score = candidate, score
        pulls[arm] += 1
        rewards[arm] += round_best
    return best
