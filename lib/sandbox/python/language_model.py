"""The language model as improvers see it: every call is counted and answered by the host."""
import _stop_rpc
from _program import bounded, program_line, short_repr

from _stop_rpc import ContextLengthExceeded  # noqa: F401  (importable: from language_model import ContextLengthExceeded)

_PROTECTED = ("budget", "max_responses_per_call")
_BUDGET_WORDS = ("budget", "max_responses", "n_responses", "calls", "limit")
_state = {"given": None, "legacy_api": False}


def _notify(kind, detail):
    _stop_rpc.caller.notify(kind, bounded(detail), program_line())


class LanguageModel:
    """`prompt(expertise, message, n_responses=1, temperature=0.7)`; a model built as
    `LanguageModel(role)` (the older API) takes `prompt(message, n_responses=..., temperature=...)`.
    Every instance shares the one host-side budget of this improver invocation."""

    def __init__(self, role=None, *args, **kwargs):
        limits = _state["given"]
        object.__setattr__(self, "_role", role)
        object.__setattr__(self, "_budget", limits["budget"] if limits else 0)
        object.__setattr__(self, "_max_responses", limits["max_responses_per_call"] if limits else 1)
        if limits is None:
            return
        raised = sorted(key for key in kwargs if any(word in key.lower() for word in _BUDGET_WORDS))
        if not _state["legacy_api"]:
            _notify("new_language_model", "LanguageModel(%s) created inside the improver; it shares the same budget"
                    % ", ".join([repr(role)] * (role is not None) + ["%s=..." % key for key in kwargs]))
        if raised:
            _notify("budget_raise", "LanguageModel(%s) ignored: budgets are fixed by the host" % ", ".join(raised))

    @property
    def budget(self):
        return self._budget

    @property
    def max_responses_per_call(self):
        return self._max_responses

    def __setattr__(self, name, value):
        if name in _PROTECTED or name.startswith("_"):
            _notify("budget_raise", "setting language_model.%s = %s was ignored" % (bounded(name), short_repr(value)))
            return
        object.__setattr__(self, name, value)

    def _strict(self):
        # The run's 'reference' API mode: assert as the reference's language_model.py does, before
        # anything is counted (so, as there, a refused call does not use the budget).
        return bool((_state["given"] or {}).get("strict"))

    def _call(self, expertise, messages, n_responses, temperature):
        return _stop_rpc.caller.call("lm.prompt", {
            "expertise": "" if expertise is None else str(expertise),
            "messages": [str(message) for message in messages],
            "n": n_responses,
            "temperature": temperature,
            "line": program_line(),
        })

    def prompt(self, *args, **kwargs):
        n_responses = kwargs.pop("n_responses", 1)
        temperature = kwargs.pop("temperature", 0.7)
        expertise = kwargs.pop("expertise", None)
        message = kwargs.pop("message", None)
        positional = list(args)
        if self._role is not None and expertise is None:
            expertise = self._role
            if message is None and positional:
                message = positional.pop(0)
        else:
            if expertise is None and positional:
                expertise = positional.pop(0)
            if message is None and positional:
                message = positional.pop(0)
        if positional:
            n_responses = positional.pop(0)
        if positional:
            temperature = positional.pop(0)
        if message is None:
            raise TypeError("prompt() needs a message")
        if self._strict():
            assert isinstance(message, str)
            assert isinstance(expertise, str)
            assert n_responses <= self.max_responses_per_call
        return self._call(expertise, [message], n_responses, temperature)

    def batch_prompt(self, *args, **kwargs):
        strict = self._strict()
        if strict and "temperature" not in kwargs and len(args) < (2 if self._role is None else 1) + 1:
            raise TypeError("batch_prompt() missing 1 required positional argument: 'temperature'")
        temperature = kwargs.pop("temperature", 0.7)
        expertise = kwargs.pop("expertise", None)
        messages = kwargs.pop("messages", None)
        positional = list(args)
        if self._role is not None and expertise is None:
            expertise = self._role
        elif expertise is None and positional:
            expertise = positional.pop(0)
        if messages is None and positional:
            messages = positional.pop(0)
        if positional:
            temperature = positional.pop(0)
        if strict:
            try:
                messages = list(messages)
            except Exception:
                return []
            assert len(messages) <= self.max_responses_per_call
            assert isinstance(messages[0], str)
            assert isinstance(expertise, str)
            return self._call(expertise, messages, 1, temperature)
        if isinstance(messages, str):
            messages = [messages]
        return self._call(expertise, list(messages or []), 1, temperature)


def _install(limits, legacy_api):
    _state["given"] = limits
    _state["legacy_api"] = legacy_api
