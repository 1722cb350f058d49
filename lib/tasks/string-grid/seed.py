def algorithm(t, dist):
    return t
