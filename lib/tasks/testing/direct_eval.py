"""TEST-ONLY trusted runner: loads a judge and (optionally) a solution in this one process.

This is NOT the sandbox: the solution runs unisolated next to the judge and could read the hidden labels.
It exists so that the task tests can exercise judges and bank solutions before lib/sandbox exists, and
it must never be used to run untrusted code.

Reads one JSON request from stdin and writes one JSON reply to stdout:
  {"mode": "generate", "judge": code, "seed": int, "count": int}
      -> {"instances": [{"args": [...], "hidden": ...}]}
  {"mode": "score", "judge": code, "seed": int, "count": int, "outputs": "[[instance_index, output], ...]"}
      (outputs is JSON text, so that it can carry NaN and Infinity, which Python's json accepts)
      -> {"scores": [float, ...]}
  {"mode": "evaluate", "judge": code, "seed": int, "count": int, "entry": "algorithm",
   "timeout": seconds per call, "failure": float, "argument_types": [...],
   "solutions": [{"code": code, "count": optional int}, ...]}
      -> {"results": [{"scores": [float, ...], "mean": float, "failures": [null | "reason", ...],
                       "seconds": [...]}, ...]}   (a solution's count, if given, uses only the first instances)
Outputs and arguments go through a JSON round trip, as they would between sandboxed processes, and
arguments typed "int-array" / "float-array" reach the solution as numpy arrays, as in the sandbox.
"""
import json
import math
import signal
import sys
import time
import types


class _Timeout(BaseException):
    pass


def _on_alarm(signum, frame):
    raise _Timeout()


def _load(code, name):
    module = types.ModuleType(name)
    exec(compile(code, name + ".py", "exec"), module.__dict__)
    return module


def _json_default(value):
    if hasattr(value, "tolist"):
        return value.tolist()
    raise TypeError("an object of type %s cannot be passed to the host" % type(value).__name__)


def _roundtrip(value):
    return json.loads(json.dumps(value, default=_json_default))


_DTYPES = {"int-array": "int64", "float-array": "float64"}


def _converter(types):
    if not any(kind in _DTYPES for kind in types):
        return lambda args: args
    import numpy

    return lambda args: [numpy.array(value, dtype=_DTYPES[types[i]]) if i < len(types) and types[i] in _DTYPES
                         else value for i, value in enumerate(args)]


def _clamp(value):
    if not isinstance(value, (int, float)) or isinstance(value, bool) or math.isnan(value):
        raise ValueError("judge returned a non-number: %r" % (value,))
    return min(1.0, max(0.0, float(value)))


def _evaluate(request, judge, instances, code):
    failure = float(request.get("failure", 0.0))
    failures, scores, seconds = [], [], []
    try:
        solution = _load(code, "solution")
        entry = getattr(solution, request.get("entry", "algorithm"))
    except BaseException as error:  # a solution that does not load fails every instance
        reason = "load: %s: %s" % (type(error).__name__, error)
        n = len(instances)
        return {"scores": [failure] * n, "mean": failure, "failures": [reason] * n, "seconds": [0.0] * n}
    signal.signal(signal.SIGALRM, _on_alarm)
    convert = _converter(request.get("argument_types") or [])
    for args, hidden in instances:
        started = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, float(request["timeout"]))
        try:
            output = entry(*convert(_roundtrip(args)))
            signal.setitimer(signal.ITIMER_REAL, 0)
        except _Timeout:
            scores.append(failure)
            failures.append("timeout")
            seconds.append(time.perf_counter() - started)
            continue
        except BaseException as error:
            signal.setitimer(signal.ITIMER_REAL, 0)
            scores.append(failure)
            failures.append("%s: %s" % (type(error).__name__, error))
            seconds.append(time.perf_counter() - started)
            continue
        seconds.append(time.perf_counter() - started)
        try:
            output = _roundtrip(output)
        except (TypeError, ValueError) as error:  # a malformed answer, as the sandbox reports it
            scores.append(0.0)
            failures.append("unscorable: %s" % error)
            continue
        raw = judge.score(args, hidden, output)
        if isinstance(raw, (int, float)) and not isinstance(raw, bool) and raw < 0:
            # REFERENCE_RAISES: the reference's scorer raises on this output; it counts as an exception.
            scores.append(failure)
            failures.append("exception: the reference's scorer raises on this output")
            continue
        scores.append(_clamp(raw))
        failures.append(None)
    return {"scores": scores, "mean": sum(scores) / len(scores), "failures": failures, "seconds": seconds}


def main():
    request = json.load(sys.stdin)
    judge = _load(request["judge"], "judge")
    instances = judge.generate(request["seed"], request["count"])
    mode = request["mode"]
    if mode == "generate":
        reply = {"instances": [{"args": args, "hidden": hidden} for args, hidden in instances]}
    elif mode == "score":
        reply = {"scores": [judge.score(*instances[index], output) for index, output in json.loads(request["outputs"])]}
    elif mode == "evaluate":
        reply = {
            "results": [
                _evaluate(request, judge, instances[: item.get("count", len(instances))], item["code"])
                for item in request["solutions"]
            ]
        }
    else:
        raise SystemExit("unknown mode %r" % (mode,))
    json.dump(reply, sys.stdout, allow_nan=False)


if __name__ == "__main__":
    main()
