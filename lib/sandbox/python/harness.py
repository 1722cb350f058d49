"""Entry point of every sandboxed process: `python -I harness.py`, then a `start` message on fd 3.

Roles: `improver` (runs improve_algorithm with host-backed proxies), `solution` (loads a candidate
once and answers calls), `judge` (trusted task code: generates instances, keeps hidden data, scores).
"""
import ast
import json
import os
import pickle
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _stop_rpc  # noqa: E402
import _program  # noqa: E402


class Failure(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def failure_from(error):
    if isinstance(error, Failure):
        return error
    if isinstance(error, SyntaxError):
        return Failure("syntax_error", _program.describe_syntax_error(error))
    if isinstance(error, MemoryError):
        return Failure("memory_limit", "the program ran out of memory (MemoryError): " + _program.describe_exception(error))
    if isinstance(error, _stop_rpc.BudgetExceeded):
        return Failure("budget_exceeded", _program.describe_exception(error))
    if isinstance(error, SystemExit):
        return Failure("exception", "the program called exit(%r)" % (error.code,))
    if isinstance(error, OSError) and error.errno in _program.DISK_FULL_ERRNOS:
        return Failure("disk_limit", "the scratch space is full (the sandbox's disk limit): "
                       + _program.describe_exception(error))
    if isinstance(error, BlockingIOError) and error.errno == 11:
        return Failure("exception", "the process limit was reached: " + _program.describe_exception(error))
    return Failure("exception", _program.describe_exception(error))


def load_program(source, filename, module_name, required):
    module = _program.load(source, filename, module_name)
    function = getattr(module, required, None)
    if not callable(function):
        raise Failure("missing_function", "the program does not define a function named %s" % required)
    return function


# --- improver -------------------------------------------------------------------------------------

_LEGACY_NAMES = ("utility_str",)


def uses_legacy_api(source):
    """improve_algorithm(initial_solution, utility_str, utility) is the older form."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == "improve_algorithm":
            names = [arg.arg for arg in node.args.posonlyargs + node.args.args]
            return any(name in _LEGACY_NAMES for name in names) or (len(names) >= 3 and names[2] == "utility")
    return False


class Utility:
    """utility(solution, use_sandbox=True) -> float, with .str, .budget and .uses."""

    _PROTECTED = ("str", "budget", "uses")

    def __init__(self, description, budget):
        object.__setattr__(self, "_description", description)
        object.__setattr__(self, "_budget", budget)
        object.__setattr__(self, "_uses", 0)

    str = property(lambda self: self._description)
    budget = property(lambda self: self._budget)
    uses = property(lambda self: self._uses)

    def __setattr__(self, name, value):
        if name in self._PROTECTED or name.startswith("_"):
            detail = "setting utility.%s = %s was ignored" % (_program.bounded(name), _program.short_repr(value))
            _stop_rpc.caller.notify("budget_raise", _program.bounded(detail), _program.program_line())
            return
        object.__setattr__(self, name, value)

    def __call__(self, solution, use_sandbox=True, *args, **kwargs):
        # As in the reference, anything that is not a program scores the failure value; the host decides.
        given = None if isinstance(solution, str) else (repr(solution)[:40] if solution is None else type(solution).__name__)
        result = _stop_rpc.caller.call("utility", {
            "solution": solution if isinstance(solution, str) else None,
            "given": given if given is not None else ("an empty string" if not solution.strip() else None),
            "use_sandbox": bool(use_sandbox),
            "line": _program.program_line(),
        })
        object.__setattr__(self, "_uses", result["uses"])
        return result["value"]


def run_improver(start):
    _stop_rpc.start_caller()
    import language_model

    source = start["code"]
    legacy = uses_legacy_api(source)
    limits = start["language_model"]
    given_model = language_model.LanguageModel()
    object.__setattr__(given_model, "_budget", limits["budget"])
    object.__setattr__(given_model, "_max_responses", limits["max_responses_per_call"])
    language_model._install(limits, legacy)
    utility = Utility(start["utility"]["description"], start["utility"]["budget"])

    improve = load_program(source, "improver.py", "improver", "improve_algorithm")
    if legacy:
        result = improve(start["initial_solution"], utility.str, utility)
    else:
        result = improve(start["initial_solution"], utility, given_model)
    if not isinstance(result, str):
        raise Failure("not_a_string", "improve_algorithm returned %s, not a string" % _describe_value(result))
    return result


def _describe_value(value):
    text = repr(value)
    if len(text) > 80:
        text = text[:77] + "..."
    return "a %s (%s)" % (type(value).__name__, text)


# --- solution -------------------------------------------------------------------------------------

_ARRAY_DTYPES = {"int-array": "int64", "float-array": "float64"}


def argument_converter(types):
    """Turns JSON arguments into what the task promises: numpy arrays where numpy imports, else as given."""
    if not any(kind in _ARRAY_DTYPES for kind in types):
        return lambda args: args
    try:
        import numpy
    except Exception:
        return lambda args: args

    def convert(args):
        return [numpy.array(value, dtype=_ARRAY_DTYPES[types[i]]) if i < len(types) and types[i] in _ARRAY_DTYPES
                else value for i, value in enumerate(args)]
    return convert


def run_solution(start):
    convert = argument_converter(start.get("argument_types") or [])
    try:
        entry = load_program(start["code"], "solution.py", "solution", start["entry_point"])
    except BaseException as error:
        failure = failure_from(error)
        _stop_rpc.send({"type": "loaded", "ok": False, "code": failure.code, "message": failure.message})
        return
    _stop_rpc.send({"type": "loaded", "ok": True})
    while True:
        message = _stop_rpc.receive()
        if message is None:
            return
        line = _answer(entry, message, convert)
        _stop_rpc.send_raw(line)


def _cpu_ms(started):
    return round((time.process_time() - started) * 1000, 3)


def _seed_random(seed):
    # The same program gets the same random numbers on the same instance: scores are a function of the
    # program's text (the per-run cache and replays rely on it), unless it seeds a generator of its own.
    if seed is None:
        return
    random.seed(seed)
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        try:
            numpy.random.seed(seed % (2 ** 32))
        except Exception:
            pass


# In a child of the fork server: the instance set's arguments, decoded and converted by the zygote before
# the fork (a call then names its instance, "ref", instead of carrying them). Each child has its own copy.
SHARED_ARGUMENTS = None


def _arguments(message, convert):
    ref = message.get("ref")
    if ref is None:
        return convert(message["args"])
    if SHARED_ARGUMENTS is None or not isinstance(ref, int) or not 0 <= ref < len(SHARED_ARGUMENTS):
        raise Failure("sandbox_failure", "the call names instance %r, which this process does not hold" % (ref,))
    return SHARED_ARGUMENTS[ref]


def _answer(entry, message, convert):
    # The program's own CPU time for this call: what the benchmark subtracts to find the sandbox's overhead.
    started = time.process_time()
    try:
        _seed_random(message.get("seed"))
        output = entry(*_arguments(message, convert))
    except BaseException as error:
        failure = failure_from(error)
        return _stop_rpc.encode({"type": "output", "id": message["id"], "ok": False, "cpu_ms": _cpu_ms(started),
                                 "code": failure.code, "message": failure.message})
    cpu_ms = _cpu_ms(started)
    try:
        return _stop_rpc.encode({"type": "output", "id": message["id"], "ok": True, "cpu_ms": cpu_ms, "output": output})
    except (TypeError, ValueError, RecursionError) as error:
        return _stop_rpc.encode({"type": "output", "id": message["id"], "ok": False, "code": "exception",
                                 "cpu_ms": cpu_ms, "unscorable": True,
                                 "message": "the solution returned a value that cannot be scored: %s" % error})


# --- judge ----------------------------------------------------------------------------------------

def run_judge(start):
    module = _program.load(start["code"], "judge.py", "judge")
    for name in ("generate", "score"):
        if not callable(getattr(module, name, None)):
            raise Failure("missing_function", "the judge does not define %s()" % name)
    hidden = []
    # The arguments as sent to the host: score_many items name their instance instead of carrying them
    # back, and each score gets a fresh copy (a scorer that changes its arguments changes no later score).
    sent_args = []
    _stop_rpc.send({"type": "loaded", "ok": True})
    while True:
        message = _stop_rpc.receive()
        if message is None:
            return
        try:
            if message["method"] == "generate":
                instances = list(module.generate(message["seed"], message["count"]))
                hidden = [instance[1] for instance in instances]
                result = [list(instance[0]) for instance in instances]
                # As the solution saw them (through JSON), pickled: the judge's own data, and a fresh copy
                # per score costs a quarter of a JSON decode.
                sent_args = [pickle.dumps(json.loads(_stop_rpc.encode(args)), protocol=pickle.HIGHEST_PROTOCOL)
                             for args in result]
            elif message["method"] == "score_many":
                # One call for many outputs: each scored alone, a failure is that item's (the host decides).
                result = [_score_item(module, hidden, sent_args, item) for item in message["items"]]
            else:
                index = message["index"]
                result = float(module.score(message["args"], hidden[index], message["output"]))
            line = _stop_rpc.encode({"type": "reply", "id": message["id"], "ok": True, "result": result})
        except BaseException as error:
            failure = failure_from(error)
            line = _stop_rpc.encode({"type": "reply", "id": message["id"], "ok": False,
                                     "code": failure.code, "message": failure.message})
        _stop_rpc.send_raw(line)


def _score_item(module, hidden, sent_args, item):
    try:
        index = item["index"]
        args = pickle.loads(sent_args[index])
        return {"ok": True, "score": float(module.score(args, hidden[index], item["output"]))}
    except BaseException as error:
        failure = failure_from(error)
        return {"ok": False, "code": failure.code, "message": failure.message}


ROLES = {"improver": run_improver, "solution": run_solution, "judge": run_judge}


def main():
    _stop_rpc.connect()
    _stop_rpc.send({"type": "hello", "pid": os.getpid()})
    start = _stop_rpc.receive()
    if start is None:
        return
    try:
        value = ROLES[start["role"]](start)
        if start["role"] == "improver":
            _stop_rpc.send({"type": "result", "ok": True, "value": value})
    except BaseException as error:
        failure = failure_from(error)
        _stop_rpc.send({"type": "result", "ok": False, "code": failure.code, "message": failure.message})


if __name__ == "__main__":
    try:
        main()
    finally:
        if _stop_rpc.is_main_process():
            for stream in (sys.stdout, sys.stderr):
                try:
                    stream.flush()
                except Exception:
                    pass
        # Children forked by the program, and threads it left running, end here.
        os._exit(0)
