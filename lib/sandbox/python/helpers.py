"""Helpers available to improvers: `from helpers import extract_code`.

`extract_code` returns exactly what the reference implementation's `helpers.extract_code` returns, for
every input (docs/architecture.md §3; lib/sandbox/testing/extract-code-cases.json holds the reference's answers).
Its rules, as the reference applies them line by line:
- a line starting with ``` is a fence: with something after the backticks (after stripping) it opens
  one level, otherwise it closes one — even when nothing is open, so a stray bare fence puts the count
  below zero and the blocks after it are not seen;
- other lines belong to the block only while the count is above zero;
- when a close brings the count back to zero, the lines collected since the last such moment (fences
  included) are a candidate; the largest candidate (by characters, the first on a tie) wins;
- the answer is that candidate without its first and last line, or None when that is empty;
- a list gives a list (element by element, lists inside lists too); anything else gives None.
"""

_FENCE = "```"


def _largest_block(text):
    depth = 0
    collected = []
    best, best_size = None, 0
    for line in text.split("\n"):
        if line.startswith(_FENCE):
            collected.append(line)
            if line[len(_FENCE):].strip():
                depth += 1
                continue
            depth -= 1
            if depth == 0:
                size = sum(len(part) + 1 for part in collected)
                if size > best_size:
                    best, best_size = collected, size
                collected = []
        elif depth > 0:
            collected.append(line)
    if best is None:
        return None
    return "\n".join(best[1:-1]) or None


def extract_code(text_or_texts):
    """The code of the largest fenced block of a model answer (or of each answer in a list), or None."""
    if isinstance(text_or_texts, str):
        return _largest_block(text_or_texts)
    if isinstance(text_or_texts, list):
        return [extract_code(item) for item in text_or_texts]
    return None
