import random


def algorithm(train_samples, train_parity, test_samples):
    return [random.randint(0, 1) for _ in test_samples]
