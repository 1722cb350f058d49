"""TEST-ONLY: the reference implementation's scoring rules (microsoft/stop tasks/*/secret_utility.py),
transcribed, applied to this project's instances.

Reads {"task", "judge", "seed", "count", "solution", "random_seeds"} as JSON on stdin and prints
{"utility": float}. The judge generates the instances (ours); the solution (trusted test code) runs in
this process without a time limit, its `random` seeded per instance as the sandbox seeds it; what counts
as a solved instance, a malformed answer or an exception, and how they combine, follow the reference.
Maxcut keeps this project's normalisation of a cut (the reference averages cut / max_weight), so that
only the rules are compared.
"""
import json
import random
import sys
import types


class WholeUtility(Exception):
    """The reference returned from inside its loop: this is the whole utility."""

    def __init__(self, value):
        super().__init__(value)
        self.value = value


def three_sat(formula, hidden, call):
    eps = 1e-2
    try:
        assignment = call()
        # check_3sat_formula, verbatim
        success = all(any((assignment[abs(lit)] > 0) == (lit > 0) for lit in clause) for clause in formula)
    except Exception:
        raise WholeUtility(eps)
    return 1 if success else eps


def three_sat_total(scores):
    return max(sum(scores) / len(scores), 1e-2)


def lpn(args, hidden, call):
    import numpy as np
    try:
        predictions = np.array(call()).reshape(-1)
        test_parity = np.array(hidden["test_labels"]).reshape(-1)
        comparison = predictions == test_parity
        if np.ndim(comparison) == 0:
            # Older numpy answered a failed elementwise comparison with a scalar and a warning; numpy 2
            # raises. The reference's run (and this transcription) treat it as the exception it is now.
            raise ValueError("operands could not be compared elementwise")
        return np.sum(comparison) / len(hidden["test_labels"])
    except Exception:
        raise WholeUtility(1e-6)


def lpn_total(scores):
    return sum(scores) / len(scores)


def maxcut(args, hidden, call):
    adjacency = args[0]
    n = len(adjacency)
    try:
        partition = call()
        if len(partition) != n:
            raise WholeUtility(0)
        cut = 0
        for i in range(n):
            for j in range(i + 1, n):
                if partition[i] != partition[j]:
                    cut += adjacency[i][j]
    except WholeUtility:
        raise
    except Exception:
        raise WholeUtility(1e-2)
    half = hidden["total_weight"] / 2
    margin = hidden["reference_cut"] - half
    return min(1.0, max(0.0, (cut - half) / margin))


def maxcut_total(scores):
    return max(sum(scores) / len(scores), 1e-2)


RULES = {"3sat": (three_sat, three_sat_total), "lpn": (lpn, lpn_total), "maxcut": (maxcut, maxcut_total)}


def main():
    request = json.load(sys.stdin)
    judge = types.ModuleType("judge")
    exec(compile(request["judge"], "judge.py", "exec"), judge.__dict__)
    solution = types.ModuleType("solution")
    exec(compile(request["solution"], "solution.py", "exec"), solution.__dict__)
    per_instance, total = RULES[request["task"]]
    scores = []
    try:
        for index, (args, hidden) in enumerate(judge.generate(request["seed"], request["count"])):
            args = json.loads(json.dumps(args))
            random.seed(request["random_seeds"][index])
            scores.append(per_instance(args if request["task"] != "3sat" else args[0], hidden,
                                       lambda: solution.algorithm(*json.loads(json.dumps(args)))))
        utility = total(scores)
    except WholeUtility as whole:
        utility = whole.value
    print(json.dumps({"utility": float(utility)}))


if __name__ == "__main__":
    main()
