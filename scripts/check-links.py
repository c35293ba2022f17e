#!/usr/bin/env python3
"""Checks the links of the repository's top-level Markdown files, without the network.

- A relative link must name a file or folder of the repository; its `#anchor`, if any,
  a heading of that file (a Markdown file).
- A bare `#anchor` must name a heading of the same file.
- A docs.rs link into `certifier_error/guide/` must name a guide module: a Markdown file
  in `runtime/src/guide/` that `runtime/src/guide.rs` declares as `pub mod`; its
  `#anchor`, if any, a heading of that file.

Other absolute links (`https://...`, `mailto:`) are not followed. Headings become anchors
as GitHub and rustdoc make them: lower case, spaces as `-`, other punctuation dropped,
and `-1`, `-2`, ... after a heading that repeats an earlier one.

    scripts/check-links.py [FILE.md ...]
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUIDES = ROOT / "runtime" / "src" / "guide"
GUIDE_INDEX = ROOT / "runtime" / "src" / "guide.rs"
DOCS_RS_GUIDE = re.compile(
    r"^https://docs\.rs/certifier-error/[^/]+/certifier_error/guide/"
    r"(?:(?P<module>[a-z0-9_]+)/)?index\.html(?:#(?P<anchor>.*))?$"
)
DOCS_RS_ANY_GUIDE = re.compile(r"^https://docs\.rs/certifier-error/[^/]+/certifier_error/guide/")
FENCE = re.compile(r"^\s*(```|~~~)")
# `[text](target)` and `![alt](target)`; a target may be wrapped in `<...>` and followed
# by a title.
INLINE = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+\"[^\"]*\")?\s*$")
CODE_SPAN = re.compile(r"(`+).*?\1")
HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")


def slug(text: str) -> str:
    """The anchor GitHub (and rustdoc) give a heading's text."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # a link keeps its text
    text = text.lower().strip()
    kept = [c for c in text if c.isalnum() or c in " -_"]
    return "".join(kept).replace(" ", "-")


def lines_outside_code(path: Path):
    """Yields (line number, text) of the lines outside fenced code blocks."""
    fence = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        match = FENCE.match(line)
        if match:
            if fence is None:
                fence = match.group(1)
            elif match.group(1) == fence:
                fence = None
            continue
        if fence is None:
            yield number, line


def anchors(path: Path) -> set:
    """The anchors of a Markdown file's headings."""
    seen = {}
    found = set()
    for _, line in lines_outside_code(path):
        match = HEADING.match(line)
        if not match:
            continue
        base = slug(match.group(2))
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.add(base if count == 0 else f"{base}-{count}")
    return found


def links(path: Path):
    """Yields (line number, target) of every link of a Markdown file, code left out."""
    for number, line in lines_outside_code(path):
        definition = DEFINITION.match(line)
        if definition:
            yield number, definition.group(1)
            continue
        for match in INLINE.finditer(CODE_SPAN.sub("", line)):
            yield number, match.group(1)


def guide_modules() -> set:
    declared = set(re.findall(r"^pub mod ([a-z0-9_]+) \{\}", GUIDE_INDEX.read_text(), re.M))
    files = {path.stem for path in GUIDES.glob("*.md")}
    return declared & files


def check(path: Path, modules: set) -> list:
    problems = []
    own = None
    for number, target in links(path):
        where = f"{path.relative_to(ROOT)}:{number}: {target}"
        if DOCS_RS_ANY_GUIDE.match(target):
            match = DOCS_RS_GUIDE.match(target)
            if not match:
                problems.append(f"{where}: not a link to a guide module's index.html")
                continue
            module, anchor = match.group("module"), match.group("anchor")
            if module is None:
                if anchor:
                    problems.append(f"{where}: the guide index has no anchors to check")
                continue
            if module not in modules:
                problems.append(f"{where}: no guide module `{module}` in runtime/src/guide/")
            elif anchor and anchor not in anchors(GUIDES / f"{module}.md"):
                problems.append(f"{where}: no heading `#{anchor}` in runtime/src/guide/{module}.md")
            continue
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
            continue  # another absolute link: not followed
        file_part, _, anchor = target.partition("#")
        if file_part:
            linked = (path.parent / file_part).resolve()
            if not linked.exists():
                problems.append(f"{where}: no such file or folder")
                continue
            if ROOT not in linked.parents and linked != ROOT:
                problems.append(f"{where}: outside the repository")
                continue
        else:
            linked = path
        if anchor:
            if linked.suffix != ".md":
                problems.append(f"{where}: an anchor into a file that is not Markdown")
                continue
            if linked == path:
                own = own if own is not None else anchors(path)
                found = own
            else:
                found = anchors(linked)
            if anchor not in found:
                problems.append(f"{where}: no heading `#{anchor}` in {linked.relative_to(ROOT)}")
    return problems


def main() -> int:
    files = [Path(name).resolve() for name in sys.argv[1:]] or sorted(ROOT.glob("*.md"))
    modules = guide_modules()
    problems = []
    for path in files:
        problems += check(path, modules)
    print("\n".join(problems + [
        f"{len(problems)} broken links" if problems
        else f"the links of {len(files)} Markdown files resolve ({len(modules)} guide modules)"
    ]))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
