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
# FuzzTest runs utils/fuzz-gollc's random modules through the sweep and pass
# modes the same way, one test per seed and mode (test/fuzz). The outcome
# classes (ok, diag, CRASH, VERIFY, TIMEOUT) are utils/robustlib's.
#
#===------------------------------------------------------------------------===#
import filecmp
import hashlib
import os
import re
import shutil
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


def tools(config, folder):
    """The tools' paths (and a work directory, build/test/<folder>) that the
    formats below take, from the lit config."""
    workdir = os.path.join(config.gollc_obj_root, "test", folder)
    os.makedirs(workdir, exist_ok=True)
    return {"go_llc": os.path.join(config.gollc_tools_dir, "go-llc"),
            # In a sanitizer build, the opt that preloads the ASan runtime (lit.cfg.py).
            "opt": next(p for p in (os.path.join(config.gollc_obj_root, "sanitizer-wrappers", "opt"),
                                    os.path.join(config.llvm_tools_dir, "opt")) if os.path.exists(p)),
            "plugin": config.gollc_plugin,
            "src_root": config.gollc_src_root,
            "workdir": workdir,
            "llvm_bin": config.llvm_tools_dir,
            "gccgo": shutil.which("gccgo-12"),
            "roots": os.path.join(config.gollc_lib_dir, "gollc_roots.o"),
            "libdir": config.gollc_lib_dir}


def chosen(lit_config, param, known):
    """The modes the comma-separated lit parameter `param` names (every one of
    `known` without it); an unknown mode stops lit."""
    if not lit_config.params.get(param):
        return list(known)
    wanted = lit_config.params[param].split(",")
    for m in wanted:
        if m not in known:
            lit_config.fatal("%s: unknown mode '%s' (one of %s)" % (param, m, ", ".join(sorted(known))))
    return wanted


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
                return self.result(*self.sweep(src, SWEEP[mode], work))
            if mode.startswith("same-"):
                return self.same(src, SAME[mode], work)
            if mode in RUN:
                return self.run_program(src, RUN[mode], work)
            return self.result(*self.opt(src, passes(self.tools["src_root"])[mode]))
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def run(self, cmd, cwd=None, env=None, timeout=None):
        """(exit status or None after the timeout, stderr, stdout)."""
        rc, out, err = rl.run(cmd, timeout or self.timeout, env, cwd)
        return rc, err, out

    def gollc(self, flags, src, work):
        """(outcome, message, command) of one go-llc run into work/."""
        out = os.path.join(work, "out.o")
        cmd = [self.tools["go_llc"]] + flags + [src, "-o", out]
        rc, err, _ = self.run(cmd)
        outcome, msg = rl.classify_gollc(rc, err, os.path.exists(out),
                                         [n for n in os.listdir(work) if n != "out.o"])
        return outcome, msg, cmd

    @staticmethod
    def result(ok, cmd, msg):
        """ok is a bool, or an outcome class (a failure if in rl.FAILURES)."""
        if isinstance(ok, str):
            ok, msg = ok not in rl.FAILURES, "%s %s" % (ok, msg)
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
        """(outcome, command, message) of a go-llc -verify-each run."""
        outcome, msg, cmd = self.gollc(flags + ["-verify-each", "-filetype=obj"], src, work)
        if outcome == "diag" and "invalid module" in msg and rl.llvm_verifies(src, self.tools["opt"])[0]:
            outcome = "VERIFY"
        return outcome, cmd, msg

    def opt(self, src, pipeline):
        """(outcome, command, message) of one project pass through opt -verify-each."""
        cmd = [self.tools["opt"], "-load-pass-plugin=" + self.tools["plugin"],
               "-passes=" + pipeline, "-verify-each", "-disable-output", src]
        outcome, msg = rl.classify_opt(*self.run(cmd)[:2])
        return outcome, cmd, msg

    def same(self, src, flags, work):
        elsewhere = os.path.join(work, "elsewhere", "deeper")
        os.makedirs(elsewhere)
        base = [self.tools["go_llc"]] + flags + ["-filetype=obj", src, "-o"]
        padded = dict(os.environ, GOLLC_DETERMINISM_PAD="x" * 4099)
        outs = []
        for name, cwd, env in (("first.o", work, None), ("second.o", work, None),
                               ("renamed-output.o", elsewhere, padded)):
            rc, err, _ = self.run(base + [name], cwd=cwd, env=env)
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
        rc, err, _ = self.run(compiler + ["-relocation-model=pic", "-filetype=obj", src, "-o", obj])
        if rc != 0:
            return "compile: %s %s" % (rc, rl.first_line(err)), None
        t = self.tools
        rc, err, _ = self.run([t["gccgo"], obj, t["roots"], "-L" + t["libdir"], "-lgollcrt",
                            "-o", exe])
        if rc != 0:
            return "link: " + rl.first_line(err), None
        runs = []
        for gogc in (None, "1"):
            env = {k: v for k, v in os.environ.items() if k != "GOGC"}
            if gogc:
                env["GOGC"] = gogc
            rc, _, out = self.run([exe], env=env, timeout=10)
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


class FuzzTest(CorpusTest):
    """test/fuzz: utils/fuzz-gollc's Go-shaped llvm-stress module of each seed
    through the sweep modes and every pass, as fuzz/seed-N/<mode>. A failure
    leaves <crashes>/seed-N-<mode>/ with the module and llvm-reduce's
    interestingness test."""

    def __init__(self, seeds, modes, tools, timeout, extra, crashes):
        super().__init__(tools["workdir"], [(m, ["seed-%d" % s for s in seeds]) for m in modes],
                         tools, {}, timeout)
        self.extra, self.crashes = extra, crashes
        self.script = os.path.join(tools["src_root"], "utils", "fuzz-gollc")
        with open(self.script, "rb") as f:  # a changed generator writes new modules
            self.modules = os.path.join(tools["workdir"], "modules-" + hashlib.sha1(f.read()).hexdigest()[:12])

    def module(self, seed):
        """The seed's module, written by the first test that needs it; (path,
        None) or (path, why it is not valid IR)."""
        path = os.path.join(self.modules, "seed%d.ll" % seed)
        if not os.path.exists(path):
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with tempfile.NamedTemporaryFile("w", dir=os.path.dirname(path), delete=False) as f:
                f.write(rl.load_script(self.script).module(seed, self.tools["llvm_bin"]))
            os.replace(f.name, path)
        valid, why = rl.llvm_verifies(path, self.tools["opt"])
        return path, None if valid else why

    def execute(self, test, litConfig):
        mode, seed = test.path_in_suite[-1], int(test.path_in_suite[-2][len("seed-"):])
        src, invalid = self.module(seed)
        if invalid:
            return lit.Test.FAIL, "the generator made invalid IR for seed %d: %s\n" % (seed, invalid)
        work = tempfile.mkdtemp(prefix="fuzz-", dir=self.tools["workdir"])
        try:
            if mode in SWEEP:
                outcome, cmd, msg = self.sweep(src, SWEEP[mode] + self.extra, work)
            else:
                outcome, cmd, msg = self.opt(src, passes(self.tools["src_root"])[mode])
        finally:
            shutil.rmtree(work, ignore_errors=True)
        code, text = self.result(outcome, cmd, msg)
        if code == lit.Test.FAIL:
            text += rl.load_script(self.script).save_crash(
                os.path.join(self.crashes, "seed-%d-%s" % (seed, mode)), src, outcome, msg, cmd)
        return code, text
