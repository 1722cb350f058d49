import random

from helpers import extract_code


def improve_algorithm(initial_solution, utility, language_model):
    """A genetic algorithm whose mutation and crossover operators are both performed by the language model."""
    expertise = "You are an expert computer science researcher and programmer, especially skilled at optimizing algorithms."
    rng = random.Random(0)

    def utility_left():
        return utility.budget - getattr(utility, "uses", 0)

    def mutation_message(parent):
        return f"""Here is a solution:
```python
{parent}
```
It is scored by:
```python
{utility.str}
```
Mutate it: make one meaningful change to the algorithm that could raise the score. Return the whole program."""

    def crossover_message(first, second):
        return f"""Here are two solutions to the same problem.
Solution A:
```python
{first}
```
Solution B:
```python
{second}
```
They are scored by:
```python
{utility.str}
```
Combine the strengths of both into a single better solution. Return the whole program."""

    population = {initial_solution: utility(initial_solution) if utility_left() > 0 else 0.0}
    for generation in range(language_model.budget):
        if utility_left() <= 0:
            break
        ranked = sorted(population, key=population.get, reverse=True)
        parents = ranked[:4]
        messages = []
        for slot in range(language_model.max_responses_per_call):
            if slot % 2 == 1 and len(parents) >= 2:
                first, second = rng.sample(parents, 2)
                messages.append(crossover_message(first, second))
            else:
                messages.append(mutation_message(parents[slot % len(parents)]))
        try:
            children = language_model.batch_prompt(expertise, messages, temperature=0.8)
        except Exception:
            break
        for child in extract_code(children):
            if child and child not in population and utility_left() > 0:
                population[child] = utility(child)
    return max(population, key=population.get)
