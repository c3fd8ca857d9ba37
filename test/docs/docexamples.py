#===- docexamples.py - Run the shell examples of README.md and docs/ ------===#
#
# Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
#
#===----------------------------------------------------------------------===#
#
# The docs as tests. Every shell example a user can paste from README.md or
# docs/*.md is run, as pasted, from a sandbox that looks like the checkout
# (its top-level entries linked in, `build` the build tree under test,
# `../shared` beside it), with the user's PATH (not lit's: a bare `opt` is
# whatever the user gets, LLVM 14 on Debian 12):
#
#   - a fenced block (sh, or unlabelled starting with a known command) is a
#     list of commands; each must exit with status 0;
#   - lines starting with `$ ` are a transcript: the command's stdout and
#     stderr must be the lines under it, where a line `...` stands for any
#     number of lines.
#
# Commands that cannot run inside `make check` (they build the tree lit is
# testing, run for many minutes, or are templates) are listed with the
# reason in not-run.txt; an entry that no longer matches a doc line fails
# the doc's test, so the list cannot go stale. Placeholder files the docs
# name (prog.ll, in.ll, bad.ll, list.ll) are provided by FIXTURES (and
# FIXTURES_BY_DOC).
#
# The lit format (litformat.py) makes one test per doc; the same checks
# run by hand:
#
#   python3 test/docs/docexamples.py --src . --build build README.md
#   python3 test/docs/docexamples.py --src . --build build --options
#
#===----------------------------------------------------------------------===#

import argparse
import os
import re
import shutil
import subprocess
import sys

# A code block without a language is taken for commands when its first
# word is one of these (the docs write `opt ...`, `build/bin/go-llc ...`).
COMMAND_WORDS = re.compile(
    r"^(\$ |build/|/usr/lib/llvm-19/bin/|\.\./shared/|utils/|opt |llc |"
    r"clang-19 |gccgo-12 |make |cmake |ninja |python3 |[A-Z_]+=\S* )")

# Files the docs' commands take as given, as placeholders for the user's
# own: the name in the sandbox and what it is a copy of.
FIXTURES = {
    "prog.ll": "test/e2e/Inputs/programs/lists-and-trees.ll",
    "in.ll": "examples/list.ll",
    "list.ll": "examples/list.ll",
    "bad.ll": "test/go-llc/Inputs/bad-type.ll",
}

# Commands never run, listed in not-run.txt or not: they would build or test
# the tree lit is testing, from inside lit (a changed `make check` line must
# not start a second make check).
# Benchmarks (utils/bench*) take minutes to hours: never run by accident.
NEVER_RUN = re.compile(
    r"^(nice (-n \d+ )?)?(make|ninja|cmake|utils/install-deps\.sh|utils/bench)"
    r"|lit\.py|\$LIT")

# A doc about another runtime names another kind of program.
FIXTURES_BY_DOC = {
    "docs/ReferenceRuntime.md": {"prog.ll": "test/refrt/Inputs/progs/list.ll"},
    # The error examples: each input has the problem the doc shows.
    "docs/Driver.md": {"bad.mlir": "test/go-llc/Inputs/bad.mlir",
                       "f.ll": "test/go-llc/Inputs/not-dominating.ll",
                       "sse.ll": "test/go-llc/Inputs/cannot-select.ll"},
}

BLOCK_TIMEOUT = 600


def doc_files(src):
    """README.md and docs/*.md, as paths relative to the checkout."""
    docs = ["README.md"]
    docs += sorted("docs/" + f for f in os.listdir(os.path.join(src, "docs"))
                   if f.endswith(".md"))
    return docs


class Example:
    """One fenced block: commands, or a transcript with expected output."""

    def __init__(self, line, transcript):
        self.line = line  # 1-based line of the opening fence
        self.transcript = transcript
        # (doc line, command, expected output lines or None)
        self.commands = []


def logical_lines(lines, first):
    """Joins backslash continuations; yields (doc line, text)."""
    pending, start = "", None
    for i, text in enumerate(lines):
        if start is None:
            start = first + i
        if text.endswith("\\"):
            pending += text[:-1] + " "
            continue
        yield start, pending + text
        pending, start = "", None
    if start is not None:
        yield start, pending


def examples_in(text):
    """The shell examples of one markdown text."""
    result = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        m = re.match(r"^```(\w*)\s*$", lines[i])
        if not m:
            i += 1
            continue
        lang, start, body = m.group(1), i + 1, []
        i += 1
        while i < len(lines) and not lines[i].startswith("```"):
            body.append(lines[i])
            i += 1
        i += 1
        first = next((b for b in body if b.strip()), "")
        if lang not in ("sh", "") or (lang == "" and
                                      not COMMAND_WORDS.match(first)):
            continue
        ex = Example(start, first.startswith("$ "))
        if ex.transcript:
            for n, b in enumerate(body):
                doc_line = start + 1 + n
                if b.startswith("$ "):
                    ex.commands.append((doc_line, b[2:], []))
                elif ex.commands:
                    ex.commands[-1][2].append(b)
        else:
            for doc_line, cmd in logical_lines(body, start + 1):
                if cmd.strip() and not cmd.lstrip().startswith("#"):
                    ex.commands.append((doc_line, cmd, None))
        result.append(ex)
    return result


def squeeze(cmd):
    """A command with its runs of blanks (continuation lines) made one."""
    return " ".join(cmd.split())


def read_not_run(path):
    """not-run.txt: `doc | command | reason` lines."""
    entries = []
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split(" | ")
            if len(parts) < 3 or not parts[-1].strip():
                raise SystemExit("%s:%d: expected `doc | command | reason`" %
                                 (path, n))
            entries.append((parts[0].strip(), squeeze(" | ".join(parts[1:-1])),
                            n))
    return entries


def make_sandbox(src, build, where, doc):
    """A directory that looks like the checkout; returns its path."""
    if os.path.exists(where):
        shutil.rmtree(where)
    checkout = os.path.join(where, "checkout")
    os.makedirs(checkout)
    for entry in os.listdir(src):
        if entry in ("build", ".git") or entry.startswith("build"):
            continue
        os.symlink(os.path.join(src, entry), os.path.join(checkout, entry))
    os.symlink(build, os.path.join(checkout, "build"))
    shared = os.path.join(os.path.dirname(src), "shared")
    if os.path.exists(shared):
        os.symlink(os.path.realpath(shared), os.path.join(where, "shared"))
    for name, origin in dict(FIXTURES, **FIXTURES_BY_DOC.get(doc, {})).items():
        shutil.copy(os.path.join(src, origin), os.path.join(checkout, name))
    return checkout


def user_env():
    """The environment a user pastes into: lit's own, without lit's PATH."""
    env = dict(os.environ)
    env.pop("PWD", None)
    return env


def run(cmd, cwd, env):
    env = dict(env, PWD=cwd)
    p = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], cwd=cwd,
                       env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=BLOCK_TIMEOUT)
    return p.returncode, p.stdout.decode(errors="replace")


def matches(expected, actual):
    """Line match where an expected `...` stands for any number of lines."""
    exp = [e.rstrip() for e in expected]
    act = [a.rstrip() for a in actual]
    while exp and not exp[-1]:
        exp.pop()
    while act and not act[-1]:
        act.pop()

    def go(i, j):
        if i == len(exp):
            return j == len(act)
        if exp[i] == "...":
            return any(go(i + 1, k) for k in range(j, len(act) + 1))
        return j < len(act) and exp[i] == act[j] and go(i + 1, j + 1)

    return go(0, 0)


def check_doc(src, build, doc, not_run, sandbox_root, log):
    """Runs one doc's examples; returns the number of failures."""
    with open(os.path.join(src, doc)) as f:
        examples = examples_in(f.read())
    skip = {cmd: n for d, cmd, n in not_run if d == doc}
    in_doc = {squeeze(cmd) for ex in examples for _, cmd, _ in ex.commands}
    # A stale entry means a command the list kept from running has changed:
    # run nothing of this doc until the list is corrected, since the changed
    # command may be the long one.
    stale = [(cmd, n) for cmd, n in skip.items() if cmd not in in_doc]
    for cmd, n in stale:
        log("not-run.txt:%d: stale: no command `%s` in %s" % (n, cmd, doc))
    if stale:
        log("%s: nothing run: not-run.txt has %d stale entr%s for it" %
            (doc, len(stale), "y" if len(stale) == 1 else "ies"))
        return len(stale)
    used = set()
    failures = ran = 0
    checkout = None
    env = user_env()
    for ex in examples:
        for doc_line, cmd, expected in ex.commands:
            where = "%s:%d" % (doc, doc_line)
            if squeeze(cmd) in skip:
                used.add(squeeze(cmd))
                log("%s: not run (not-run.txt:%d): %s" %
                    (where, skip[squeeze(cmd)], cmd))
                continue
            if NEVER_RUN.search(cmd.strip()):
                failures += 1
                log("%s: FAILED: would build or test the tree under test, and "
                    "is not in not-run.txt: %s" % (where, cmd))
                continue
            if checkout is None:
                checkout = make_sandbox(src, build, sandbox_root, doc)
            ran += 1
            status, output = run(cmd, checkout, env)
            if expected is None and status != 0:
                failures += 1
                log("%s: FAILED (exit %d): %s\n%s" %
                    (where, status, cmd, output))
            elif expected is not None and not matches(expected,
                                                      output.split("\n")):
                failures += 1
                log("%s: FAILED, output differs from the doc: %s\n"
                    "--- doc\n%s\n--- actual\n%s" %
                    (where, cmd, "\n".join(expected), output))
            else:
                log("%s: ok: %s" % (where, cmd))
    log("%s: %d example command(s) run, %d not run, %d failure(s)" %
        (doc, ran, len(used), failures))
    return failures


#===--- go-llc --help against docs/Driver.md ------------------------------===#

def help_options(help_text):
    """Option names in `go-llc --help` (no dashes, no value)."""
    names = set()
    for line in help_text.split("\n"):
        m = re.match(r"^\s{2,}--?([A-Za-z][\w-]*)", line)
        if m:
            names.add(m.group(1))
    return names


def doc_options(driver_md):
    """Option names in the option tables of docs/Driver.md, and rows whose
    default cell is empty."""
    names, no_default = {}, []
    header = None
    for n, line in enumerate(driver_md.split("\n"), 1):
        if not line.startswith("|"):
            header = None
            continue
        # Cells split at the pipes that are not escaped (`-gc=go\|none`).
        cells = [c.strip() for c in
                 re.split(r"(?<!\\)\|", line.strip().strip("|"))]
        if header is None:
            header = [c.lower() for c in cells]
            continue
        if set(line) <= set("|- "):
            continue
        if not header or header[0] != "option":
            continue
        spans = re.findall(r"`([^`]*)`", cells[0])
        found = []
        for span in spans:
            # One option per code span, at its start (`-mattr=+a,-b`).
            m = re.match(r"--?([A-Za-z][\w-]*)", span)
            if m:
                tok = m.group(1)
                found.append("O" if re.fullmatch(r"O[0-3]", tok) else tok)
        for tok in found:
            names[tok] = n
        # --help and --version do something instead of setting something.
        if found and found[0] not in ("help", "version") and (
                "default" not in header or
                not cells[header.index("default")]):
            no_default.append((n, found[0]))
    return names, no_default


def check_options(src, go_llc, log):
    help_text = subprocess.run([go_llc, "--help"], stdout=subprocess.PIPE,
                               check=True).stdout.decode()
    with open(os.path.join(src, "docs", "Driver.md")) as f:
        documented, no_default = doc_options(f.read())
    shown = help_options(help_text)
    failures = 0
    for name in sorted(shown - set(documented)):
        failures += 1
        log("go-llc --help lists -%s, docs/Driver.md does not" % name)
    for name in sorted(set(documented) - shown):
        failures += 1
        log("docs/Driver.md:%d documents -%s, go-llc --help does not list it"
            % (documented[name], name))
    for n, name in no_default:
        failures += 1
        log("docs/Driver.md:%d: -%s has no default" % (n, name))
    log("%d option(s) in go-llc --help, %d in docs/Driver.md, %d failure(s)"
        % (len(shown), len(documented), failures))
    return failures


def main():
    ap = argparse.ArgumentParser(description="Run the shell examples of README.md and docs/*.md")
    ap.add_argument("--src", required=True, help="the checkout")
    ap.add_argument("--build", required=True, help="the build tree")
    ap.add_argument("--sandbox", help="scratch directory (default: a new "
                    "one under the build tree)")
    ap.add_argument("--options", action="store_true",
                    help="compare go-llc --help with docs/Driver.md")
    ap.add_argument("docs", nargs="*", help="docs to check (default: all)")
    args = ap.parse_args()
    src, build = os.path.abspath(args.src), os.path.abspath(args.build)
    log = print
    if args.options:
        return 1 if check_options(src, os.path.join(build, "bin", "go-llc"),
                                  log) else 0
    not_run = read_not_run(os.path.join(src, "test", "docs", "not-run.txt"))
    failures = 0
    for doc in args.docs or doc_files(src):
        sandbox = args.sandbox or os.path.join(build, "docs-sandbox")
        failures += check_doc(src, build, doc, not_run,
                              os.path.join(sandbox, doc.replace("/", "_")),
                              log)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
