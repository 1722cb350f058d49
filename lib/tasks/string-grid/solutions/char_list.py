def algorithm(t, dist):
    """Returns the answer as a list of characters instead of a string."""
    s = list(t)
    if dist > 2 * sum(a != b for a, b in zip(t, t[1:])) and s:
        s[0] = "A" if s[0] == "B" else "B"
    return s
