#===- utils/robustlib.py - Shared code of the robustness scripts -----------===#
#
# Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
#
#===------------------------------------------------------------------------===#
#
# What the lit suites of random and corpus programs (test/corpus/corpus.py,
# test/fuzz, test/gc-smith/seeds) and the scripts behind them
# (utils/fuzz-gollc, tools/gc-smith/gc-smith-run) share: the go-llc modes and project
# passes to cover (read from include/gollc/Passes.def at run time, so a pass
# added there is covered without touching the scripts), the go-llc error
# contract as outcome classes, seed lists, and SeedTests, the lit format of
# one test per seed and mode.
#
# Outcomes:
#   ok       exit 0, the output file exists, stderr empty (or warnings only)
#   diag     exit 1 with exactly one `go-llc: error: ...` line, no output file
#            and no temporary left behind (for opt: exit 1, no crash)
#   CRASH    a signal, an exit code other than 0/1, a malformed diagnostic,
#            an output file left behind after an error
#   VERIFY   the IR verifier rejected the module after a pass (-verify-each)
#   TIMEOUT  the run took longer than its time limit
#
# Not run directly.
#
#===------------------------------------------------------------------------===#

import importlib.machinery
import importlib.util
import os
import re
import subprocess
import sys

SRC_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LLVM_BIN = "/usr/lib/llvm-19/bin"

# go-llc modes: every -O level the sweep covers times every GC lowering.
GC_MODES = [
    ("none", ["-gc=none"]),
    ("go", ["-gc=go"]),
    ("go+pre", ["-gc=go", "-preempt=entry,backedge,return"]),
]
OPT_LEVELS = ["-O0", "-O2"]


DEF_ENTRY = re.compile(
    r'^\s*GO_(MODULE|FUNCTION)_(PASS|PASS_WITH_PARAMS|ANALYSIS)\(\s*"([^"]+)"',
    re.M)


def project_passes(src_root=SRC_ROOT):
    """The -passes= text that runs each entry of Passes.def alone."""
    with open(os.path.join(src_root, "include", "gollc", "Passes.def")) as f:
        text = f.read()
    passes = []
    for level, kind, name in DEF_ENTRY.findall(text):
        if kind == "ANALYSIS":
            pipeline = "require<%s>" % name
        else:
            pipeline = name
        if level == "FUNCTION":
            pipeline = "function(%s)" % pipeline
        passes.append((name if kind != "ANALYSIS" else "require<%s>" % name,
                       pipeline))
    return passes


GOLLC_ERROR = re.compile(r"^go-llc: error: \S.*$")
GOLLC_WARNING = re.compile(r"^go-llc: warning: \S.*$")
VERIFIER = re.compile(r"Broken (module|function) found")


def run(cmd, timeout=None, env=None, cwd=None):
    """(exit status, or None after the timeout; stdout; stderr) of cmd, with
    stdin closed."""
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=timeout, env=env, cwd=cwd)
    except subprocess.TimeoutExpired:
        return None, "", "timeout after %ss" % timeout
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def first_line(text):
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:200]
    return ""


def classify_gollc(rc, err, out_exists, leftovers):
    if rc is None:
        return "TIMEOUT", err
    if VERIFIER.search(err):
        return "VERIFY", first_line(
            [l for l in err.splitlines() if VERIFIER.search(l)][0])
    if rc < 0:
        return "CRASH", "killed by signal %d: %s" % (-rc, first_line(err))
    lines = [l for l in err.splitlines() if l.strip()]
    if rc == 0:
        if not out_exists:
            return "CRASH", "exit 0 but no output file"
        noise = [l for l in lines if not GOLLC_WARNING.match(l)]
        if noise:
            return "CRASH", "exit 0 with unexpected stderr: " + noise[0]
        return "ok", ""
    if rc != 1:
        return "CRASH", "exit code %d: %s" % (rc, first_line(err))
    errors = [l for l in lines if not GOLLC_WARNING.match(l)]
    if len(errors) != 1 or not GOLLC_ERROR.match(errors[0]):
        return "CRASH", "malformed diagnostic (%d lines): %s" % (
            len(errors), first_line(err))
    if out_exists or leftovers:
        return "CRASH", "error but output left behind: %s" % " ".join(
            sorted(leftovers))
    return "diag", errors[0]


def classify_opt(rc, err):
    if rc is None:
        return "TIMEOUT", err
    if VERIFIER.search(err):
        return "VERIFY", first_line(
            [l for l in err.splitlines() if VERIFIER.search(l)][0])
    if rc < 0:
        return "CRASH", "killed by signal %d: %s" % (-rc, first_line(err))
    if rc == 0:
        return "ok", ""
    if rc != 1:
        return "CRASH", "exit code %d: %s" % (rc, first_line(err))
    return "diag", first_line(err)


FAILURES = ("CRASH", "VERIFY", "TIMEOUT")


def llvm_verifies(infile, opt=os.path.join(LLVM_BIN, "opt")):
    """Whether plain LLVM 19 accepts the file (parse + verify)."""
    rc, _, err = run([opt, "-passes=verify", "-disable-output", infile])
    return rc == 0, first_line(err)


def shell_quote(cmd):
    return " ".join(
        c if re.match(r"^[\w./=,:+<>@%-]+$", c) and not re.search(r"[<>]", c)
        else "'" + c.replace("'", "'\\''") + "'" for c in cmd)


def require(*paths):
    """Exits with one error line naming the first of paths (the build's or
    LLVM's tools) that does not exist."""
    for path in paths:
        if not os.path.exists(path):
            sys.exit("%s: error: missing %s (build first: ninja -C build)" % (
                os.path.basename(sys.argv[0]), path))


def default_corpus():
    """../shared/corpus beside the checkout, or beside its parent (a worktree
    under wt/)."""
    for d in (os.path.dirname(SRC_ROOT), os.path.dirname(os.path.dirname(SRC_ROOT))):
        if os.path.isdir(os.path.join(d, "shared", "corpus")):
            return os.path.join(d, "shared", "corpus")
    return os.path.join(os.path.dirname(SRC_ROOT), "shared", "corpus")


def corpus_files(corpus, quick=False):
    """The .ll files under corpus, relative to it, sorted; with quick a
    deterministic 1-in-8 sample across every folder."""
    files = sorted(os.path.relpath(os.path.join(d, n), corpus)
                   for d, _, names in os.walk(corpus) for n in names if n.endswith(".ll"))
    return files[::8] if quick else files


def target_triple(path):
    """The module's `target triple`, or None when it has none."""
    with open(path, errors="replace") as f:
        m = re.search(r'^target triple\s*=\s*"([^"]*)"', f.read(), re.M)
    return m.group(1) if m else None


def for_x86_64(path):
    """True if the module targets x86-64, or names no triple (go-llc then
    compiles it for the host)."""
    return (target_triple(path) or "x86_64").startswith("x86_64")


def parse_seeds(text):
    """The seeds of 'N', 'N-M' or a comma-separated list of those; ValueError
    with the reason otherwise."""
    seeds = []
    for part in text.split(","):
        lo, _, hi = part.partition("-")
        try:
            lo, hi = int(lo), int(hi or lo)
        except ValueError:
            raise ValueError("bad seeds '%s' (want N, N-M or a comma-separated "
                             "list of those)" % text)
        if lo > hi or lo < 0:
            raise ValueError("bad seeds range '%s'" % part)
        seeds.extend(range(lo, hi + 1))
    return seeds


def load_script(path):
    """A script of utils/ (no .py suffix) as a module, loaded once."""
    name = os.path.basename(path).replace("-", "_")
    if name not in sys.modules:
        loader = importlib.machinery.SourceFileLoader(name, path)
        module = importlib.util.module_from_spec(importlib.util.spec_from_loader(name, loader))
        sys.modules[name] = module
        loader.exec_module(module)
    return sys.modules[name]


class SeedTests:
    """A lit test format: one test per seed and mode, named seed-N/MODE, so
    that lit runs, shards, times and reruns a random-program campaign like any
    other tests. execute calls `check(seed, mode, **params)` of the script at
    `script` (loaded in the lit worker), which returns (passed, output)."""

    def __init__(self, seeds, modes, script, check, params):
        self.seeds, self.modes, self.script = seeds, modes, script
        self.check, self.params = check, params

    def getTestsInDirectory(self, suite, path_in_suite, lit_config, local_config):
        import lit.Test
        for seed in self.seeds:
            for mode in self.modes:
                yield lit.Test.Test(suite, path_in_suite + ("seed-%d" % seed, mode), local_config)

    def execute(self, test, lit_config):
        import lit.Test
        seed, mode = int(test.path_in_suite[-2][len("seed-"):]), test.path_in_suite[-1]
        ok, out = getattr(load_script(self.script), self.check)(seed, mode, **self.params)
        return (lit.Test.PASS if ok else lit.Test.FAIL), out
