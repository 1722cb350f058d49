# Parses (never runs) an improver and reports its syntax and the signature of improve_algorithm.
import ast
import json
import sys

source = sys.stdin.read()
report = {"ok": True, "message": None, "line": None, "column": None, "parameters": None}
try:
    tree = ast.parse(source, filename="improver.py")
except SyntaxError as error:
    report.update(ok=False, message=error.msg, line=error.lineno, column=error.offset)
else:
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == "improve_algorithm":
            report["parameters"] = [argument.arg for argument in node.args.posonlyargs + node.args.args]
            report["line"] = node.lineno
print(json.dumps(report))
