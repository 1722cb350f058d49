"""Helpers available to improvers: `from helpers import extract_code`."""

_OPEN = "```"


def _opens(line):
    # A fence opens when ``` at column 0 is followed by a language name.
    return line.startswith(_OPEN) and line[3:].strip() != "" and not line[3:].startswith("`")


def _closes(line):
    return line.rstrip("\r") == _OPEN


def _extract_one(text):
    if not isinstance(text, str):
        return None
    best = None
    depth = 0
    body_start = None
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if _opens(line):
            if depth == 0:
                body_start = index + 1
            depth += 1
        elif _closes(line) and depth > 0:
            depth -= 1
            if depth == 0:
                block = "\n".join(lines[body_start:index])
                if best is None or len(block) > len(best):
                    best = block
    return best


def extract_code(text_or_texts):
    """The longest complete outermost fenced block of each text (without its fences), or None.

    Accepts a string (returns a string or None) or a list of strings (returns a list).
    """
    if isinstance(text_or_texts, (list, tuple)):
        return [_extract_one(text) for text in text_or_texts]
    return _extract_one(text_or_texts)
