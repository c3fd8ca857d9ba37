#!/usr/bin/env python3
#===- utils/compile-corpus.py - Compile every corpus file with go-llc ------===#
#
# Runs `go-llc <flags> <file> -o <tmp>` on every .ll under a directory, two
# jobs at a time, and reports each file that did not compile:
#
#   CRASH  <file>: <signal or exit code> <first stderr line>
#   ERROR  <file>: <go-llc's one-line diagnostic>
#
# A crash (a signal, an exit code other than 0 or 1, or a stderr that is not
# exactly one `go-llc: error:` line) always fails. A clean diagnostic fails
# unless the file is listed in the --expect-errors file (lines
# `<relative path>  <text the diagnostic must contain>`; '#' comments), which
# is how inputs LLVM 19 itself cannot compile are recorded. A listed file that
# compiles also fails, so the list cannot go stale. Prints a summary line.
#
#   utils/compile-corpus.py --go-llc build/bin/go-llc \
#       [--expect-errors test/corpus/expected-errors.txt] \
#       ../shared/corpus -- -O2 -filetype=obj [-gc=go]
#
#===----------------------------------------------------------------------===#
import argparse
import concurrent.futures
import os
import signal
import subprocess
import sys
import tempfile
import time


def read_expectations(path):
    expected = {}
    if not path:
        return expected
    with open(path) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            name, _, needle = line.partition(" ")
            expected[name] = needle.strip()
    return expected


def compile_one(go_llc, flags, root, rel, outdir):
    out = os.path.join(outdir, rel.replace(os.sep, "_") + ".o")
    cmd = [go_llc] + flags + [os.path.join(root, rel), "-o", out]
    start = time.monotonic()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, errors="replace")
    elapsed = time.monotonic() - start
    left_behind = [n for n in os.listdir(outdir)
                   if n.startswith(os.path.basename(out) + "-go-llc-")]
    if os.path.exists(out):
        os.unlink(out)
    return rel, proc.returncode, proc.stderr, elapsed, left_behind


def main():
    parser = argparse.ArgumentParser(
        description="Compile every .ll under ROOT with go-llc; report failures")
    parser.add_argument("--go-llc", required=True)
    parser.add_argument("--expect-errors")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("root")
    parser.add_argument("flags", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    flags = [f for f in args.flags if f != "--"]

    files = sorted(
        os.path.relpath(os.path.join(d, n), args.root)
        for d, _, names in os.walk(args.root) for n in names
        if n.endswith(".ll"))
    if not files:
        print("compile-corpus: no .ll files under %s" % args.root)
        return 1
    expected = read_expectations(args.expect_errors)
    unknown = sorted(set(expected) - set(files))

    failures = []
    clean_errors = 0
    slowest = (0.0, "")
    with tempfile.TemporaryDirectory(prefix="go-llc-corpus-") as outdir:
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            results = pool.map(
                lambda rel: compile_one(args.go_llc, flags, args.root, rel,
                                        outdir), files)
            for rel, rc, err, elapsed, left in results:
                slowest = max(slowest, (elapsed, rel))
                lines = err.strip().splitlines()
                first = lines[0] if lines else ""
                if left:
                    failures.append("LEFTOVER %s: temporary %s" % (rel, left))
                if rc == 0:
                    if rel in expected:
                        failures.append("UNEXPECTED-PASS %s: listed as an "
                                        "expected error" % rel)
                    continue
                if rc < 0:
                    failures.append("CRASH %s: %s %s" % (
                        rel, signal.Signals(-rc).name, first))
                    continue
                if rc != 1 or len(lines) != 1 or \
                        not first.startswith("go-llc: error: "):
                    failures.append("CRASH %s: exit %d, %d stderr lines: %s" %
                                    (rel, rc, len(lines), first))
                    continue
                if rel in expected and expected[rel] in first:
                    clean_errors += 1
                    print("expected error: %s" % first)
                    continue
                failures.append("ERROR %s" % first)

    for rel in unknown:
        failures.append("STALE %s: listed as an expected error but not in "
                        "the corpus" % rel)
    for f in failures:
        print(f)
    print("compile-corpus: %d files, flags '%s': %d compiled, %d expected "
          "errors, %d failures (slowest %.1fs: %s)" %
          (len(files), " ".join(flags),
           len(files) - clean_errors - len([f for f in failures
                                            if not f.startswith("STALE")]),
           clean_errors, len(failures), slowest[0], slowest[1]))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
