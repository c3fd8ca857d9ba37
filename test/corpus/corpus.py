#===- test/corpus/corpus.py - The external corpus as lit tests ------------===#
#
# Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
#
#===------------------------------------------------------------------------===#
#
# A lit test format that makes one test per corpus file and mode, named
# corpus/<file under the corpus>/<mode>, so that lit shards, times out,
# reports and reruns them like any other test (`lit --filter`, `--num-shards`).
# The modes (lit.local.cfg picks which files each runs on):
#
#   compile-O2, compile-O2-gc-go
#       go-llc -O2 [-gc=go] -filetype=obj: compiles, or fails with exactly the
#       diagnostic expected-errors[-gc-go].txt lists for the file (a listed
#       file that compiles fails too, so the lists cannot go stale).
#   O0-none ... O2-go-preempt
#       go-llc -verify-each -filetype=obj at -O0/-O2 with -gc=none, -gc=go and
#       -gc=go -preempt=entry,backedge,return: an object or one clean
#       diagnostic; "invalid module" on an input plain LLVM 19 accepts is a
#       verifier failure of our passes.
#   opt-<pass>
#       opt -load-pass-plugin=GoPasses.so -passes=<pass> -verify-each, for
#       every entry of include/gollc/Passes.def.
#   same-<go-llc mode>
#       three compilations (again; from another directory, to another output
#       name, with another environment size, so stack and heap addresses
#       move) give byte-identical output.
#   run-O2-gc-go, run-O2-gc-go-preempt
#       a whole Gollvm program (main.main and __go_init_main) built by go-llc
#       -O2 -gc=go [-preempt=entry,backedge] and by plain llc, linked with
#       gccgo-12 (plus gollc_roots.o and libgollcrt.a) and run normally and
#       under GOGC=1: same stdout, same exit status. A program the llc build
#       cannot compile, link or run is UNSUPPORTED, with the reason.
#
# The outcome classes (ok, diag, CRASH, VERIFY, TIMEOUT) are utils/robustlib's,
# shared with utils/fuzz-gollc.
#
#===------------------------------------------------------------------------===#
import filecmp
import os
import re
import shutil
import subprocess
import sys
import tempfile

import lit.formats
import lit.Test

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "utils"))
import robustlib as rl  # noqa: E402


def mode_name(opt_level, gc):
    return "%s-%s" % (opt_level[1:], gc.replace("+pre", "-preempt"))


# {mode: go-llc flags} of the sweep and the determinism check.
SWEEP = {mode_name(o, g): [o] + f for o in rl.OPT_LEVELS for g, f in rl.GC_MODES}
COMPILE = {"compile-O2": ["-O2"], "compile-O2-gc-go": ["-O2", "-gc=go"]}
SAME = dict({"same-" + m: f for m, f in SWEEP.items()},
            **{"same-O2-go-emit-llvm": ["-O2", "-gc=go", "-emit-llvm"]})
RUN = {"run-O2-gc-go": ["-O2", "-gc=go"],
       "run-O2-gc-go-preempt": ["-O2", "-gc=go", "-preempt=entry,backedge"]}


def is_program(path):
    """Whether a Gollvm module defines main.main and __go_init_main."""
    with open(path, "rb") as f:
        text = f.read()
    return all(re.search(rb"^define [^@]*@%s\(" % name, text, re.M)
               for name in (rb"main\.main", rb"__go_init_main"))


def passes(src_root):
    """{mode: -passes= pipeline} for every entry of Passes.def."""
    return {"opt-" + re.sub(r"\W+", "-", name).strip("-"): pipeline
            for name, pipeline in rl.project_passes(src_root)}


def read_expected_errors(path):
    """{file under the corpus: text its diagnostic must contain}."""
    expected = {}
    with open(path) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                name, _, needle = line.partition(" ")
                expected[name] = needle.strip()
    return expected


def sample(files, n):
    """n files evenly spread over the sorted list (deterministic)."""
    if not n or n >= len(files):
        return files
    step = len(files) / n
    return [files[int(i * step)] for i in range(n)]


class CorpusTest(lit.formats.TestFormat):
    def __init__(self, corpus, plan, tools, expected, timeout):
        """plan: [(mode, [files])]; tools: go_llc, opt, plugin, workdir."""
        self.corpus, self.plan, self.tools = corpus, plan, tools
        self.expected, self.timeout = expected, timeout

    def getTestsInDirectory(self, testSuite, path_in_suite, litConfig, localConfig):
        for mode, files in self.plan:
            for rel in files:
                yield lit.Test.Test(testSuite, path_in_suite + tuple(rel.split("/")) + (mode,),
                                    localConfig, file_path=os.path.join(self.corpus, rel))

    def execute(self, test, litConfig):
        mode = test.path_in_suite[-1]
        rel = "/".join(test.path_in_suite[1:-1])
        src = os.path.join(self.corpus, rel)
        work = tempfile.mkdtemp(prefix="corpus-", dir=self.tools["workdir"])
        try:
            if mode in COMPILE:
                return self.compile(rel, src, mode, work)
            if mode in SWEEP:
                return self.sweep(src, SWEEP[mode], work)
            if mode.startswith("same-"):
                return self.same(src, SAME[mode], work)
            if mode in RUN:
                return self.run_program(src, RUN[mode], work)
            return self.opt(src, passes(self.tools["src_root"])[mode])
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def run(self, cmd, cwd=None, env=None, stdout=subprocess.DEVNULL, timeout=None):
        """(exit status or None after the timeout, stderr[, stdout])."""
        try:
            p = subprocess.run(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                               stdout=stdout, stderr=subprocess.PIPE,
                               timeout=timeout or self.timeout)
            err = p.stderr.decode("utf-8", "replace")
            return (p.returncode, err, p.stdout) if stdout == subprocess.PIPE else (p.returncode, err)
        except subprocess.TimeoutExpired:
            why = "timeout after %ss" % (timeout or self.timeout)
            return (None, why, b"") if stdout == subprocess.PIPE else (None, why)

    def gollc(self, flags, src, work):
        """(outcome, message, command) of one go-llc run into work/."""
        out = os.path.join(work, "out.o")
        cmd = [self.tools["go_llc"]] + flags + [src, "-o", out]
        rc, err = self.run(cmd)
        outcome, msg = rl.classify_gollc(rc, err, os.path.exists(out),
                                         [n for n in os.listdir(work) if n != "out.o"])
        return outcome, msg, cmd

    @staticmethod
    def result(ok, cmd, msg):
        return (lit.Test.PASS if ok else lit.Test.FAIL), "$ %s\n%s\n" % (rl.shell_quote(cmd), msg)

    def compile(self, rel, src, mode, work):
        outcome, msg, cmd = self.gollc(COMPILE[mode] + ["-filetype=obj"], src, work)
        needle = self.expected[mode].get(rel)
        if needle is None:
            return self.result(outcome == "ok", cmd, "%s %s" % (outcome, msg))
        if outcome == "ok":
            return self.result(False, cmd, "compiles, but is listed as an expected error "
                               "(expected-errors*.txt): remove it from the list")
        return self.result(outcome == "diag" and needle in msg, cmd,
                           "%s %s\nexpected a diagnostic containing: %s" % (outcome, msg, needle))

    def sweep(self, src, flags, work):
        outcome, msg, cmd = self.gollc(flags + ["-verify-each", "-filetype=obj"], src, work)
        if outcome == "diag" and "invalid module" in msg:
            valid, why = rl.llvm_verifies(src, self.tools["opt"])
            if valid:
                outcome = "VERIFY"
        return self.result(outcome not in rl.FAILURES, cmd, "%s %s" % (outcome, msg))

    def opt(self, src, pipeline):
        cmd = [self.tools["opt"], "-load-pass-plugin=" + self.tools["plugin"],
               "-passes=" + pipeline, "-verify-each", "-disable-output", src]
        outcome, msg = rl.classify_opt(*self.run(cmd))
        return self.result(outcome not in rl.FAILURES, cmd, "%s %s" % (outcome, msg))

    def same(self, src, flags, work):
        elsewhere = os.path.join(work, "elsewhere", "deeper")
        os.makedirs(elsewhere)
        base = [self.tools["go_llc"]] + flags + ["-filetype=obj", src, "-o"]
        padded = dict(os.environ, GOLLC_DETERMINISM_PAD="x" * 4099)
        outs = []
        for name, cwd, env in (("first.o", work, None), ("second.o", work, None),
                               ("renamed-output.o", elsewhere, padded)):
            rc, err = self.run(base + [name], cwd=cwd, env=env)
            if rc != 0:
                # Not compiling is the sweep's business; here only identical
                # bytes count, so an input go-llc rejects has nothing to compare.
                outcome, msg = rl.classify_gollc(rc, err, False, [])
                return self.result(outcome not in rl.FAILURES, base + [name],
                                   "not compiled: %s %s" % (outcome, msg))
            outs.append(os.path.join(cwd, name))
        same = all(filecmp.cmp(outs[0], o, shallow=False) for o in outs[1:])
        return self.result(same, base + ["first.o"],
                           "identical" if same else "DIFFERENT: the three outputs are not "
                           "byte-identical (again, from another directory and output name, "
                           "with another environment size)")

    def build_and_run(self, compiler, src, work, name):
        """Builds one executable; (None, [(status, stdout) plain, GOGC=1]) or
        (what failed, None)."""
        obj, exe = os.path.join(work, name + ".o"), os.path.join(work, name)
        rc, err = self.run(compiler + ["-relocation-model=pic", "-filetype=obj", src, "-o", obj])
        if rc != 0:
            return "compile: %s %s" % (rc, rl.first_line(err)), None
        t = self.tools
        rc, err = self.run([t["gccgo"], obj, t["roots"], "-L" + t["libdir"], "-lgollcrt",
                            "-o", exe])
        if rc != 0:
            return "link: " + rl.first_line(err), None
        runs = []
        for gogc in (None, "1"):
            env = {k: v for k, v in os.environ.items() if k != "GOGC"}
            if gogc:
                env["GOGC"] = gogc
            rc, _, out = self.run([exe], env=env, stdout=subprocess.PIPE, timeout=10)
            runs.append((rc, out))
        return None, runs

    def run_program(self, src, flags, work):
        if not self.tools.get("gccgo"):
            return lit.Test.UNSUPPORTED, "gccgo-12 is not installed (make deps)\n"
        gollc = [self.tools["go_llc"]] + flags
        why, ref = self.build_and_run([os.path.join(self.tools["llvm_bin"], "llc")], src, work, "ref")
        if why or any(rc != 0 for rc, _ in ref):
            return lit.Test.UNSUPPORTED, "the llc build does not work: %s\n" % (
                why or "exit %s, %s under GOGC=1" % (ref[0][0], ref[1][0]))
        why, new = self.build_and_run(gollc, src, work, "gollc")
        if why:
            return self.result(False, gollc + [src], why)
        for (r, n), mode in zip(zip(ref, new), ("plain", "GOGC=1")):
            if r != n:
                return self.result(False, gollc + [src], "%s: exit %s and %d bytes of stdout, the "
                                   "llc build exit %s and %d bytes" % (mode, n[0], len(n[1]),
                                                                      r[0], len(r[1])))
        return self.result(True, gollc + [src], "same stdout (%d bytes) and exit status as the "
                           "llc build, plain and GOGC=1" % len(ref[0][1]))
