import random


def algorithm(t, dist):
    """Returns a random string of the right length."""
    return "".join(random.choice("AB") for _ in t)
