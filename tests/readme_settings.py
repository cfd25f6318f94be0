"""The README's settings reference, generated from socialshop/defaults.py (names, defaults, #: comments).

Regenerate after changing a setting: ``.venv/bin/python -m tests.readme_settings``.
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULTS = ROOT / "socialshop" / "defaults.py"
README = ROOT / "README.md"
START, END = "<!-- settings:start -->", "<!-- settings:end -->"
SECTION = re.compile(r"# --- (.*?) -+$")


def settings_table():
    source = DEFAULTS.read_text(encoding="utf-8")
    lines = source.splitlines()
    rows, section, current = [], "General", None
    for node in ast.parse(source).body:
        if not (isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)):
            continue
        name = node.targets[0].id
        for line in lines[: node.lineno - 1]:
            if match := SECTION.match(line):
                section = match.group(1).strip()
        doc, index = [], node.lineno - 2
        while index >= 0 and lines[index].lstrip().startswith("#:"):
            doc.insert(0, lines[index].lstrip()[2:].strip())
            index -= 1
        value = " ".join(ast.get_source_segment(source, node.value).split())
        value = "*(see defaults.py)*" if len(value) > 48 else "`" + value.replace("|", "\\|") + "`"
        if section != current:
            rows += ([""] if current else []) + [f"**{section}**", "", "| setting | default | what it does |"]
            rows.append("|---|---|---|")
            current = section
        rows.append(f"| `SOCIALSHOP_{name}` | {value} | {' '.join(doc).replace('|', chr(92) + '|')} |")
    return "\n".join(rows)


def write_readme():
    text = README.read_text(encoding="utf-8")
    block = f"{START}\n{settings_table()}\n{END}"
    text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda match: block, text, flags=re.S)
    README.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write_readme()
