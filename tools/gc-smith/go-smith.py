#!/usr/bin/env python3
# ===- go-smith.py - Random Go programs for refrt's precise collector -----===#
#
# Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
#
# ===----------------------------------------------------------------------===#
#
# gc-smith writes random programs as IR; this writes them as Go source, so
# that Gollvm's own front end (llvm-goc) decides how pointers travel: the
# shapes it emits (sret buffers, byval copies, variadic argument arrays,
# lifetime markers through casts, closures) are the ones Gollvm users hand to
# go-llc. The programs use only what refrt implements (docs/
# ReferenceRuntime.md: no maps, goroutines, defer or imported packages), are
# deterministic and terminate, and end by printing a checksum of everything
# they built, so the expected output comes from the program itself: built
# once and run with the collector off (REFRT_GC=off), or built by gccgo-12.
#
#   tools/gc-smith/go-smith.py --seed 7 -o prog.go
#   tools/gc-smith/go-smith.py --run 1:200 --build build   # a campaign
#
# --run compiles each seed with llvm-goc (-O0 and -O2), then go-llc in the
# modes of test/refrt/go, links against refrt and compares REFRT_STRESS=1
# with REFRT_GC=off; a difference prints the seed, the mode and both
# outputs, keeps the program in --keep, and makes the exit status 1.
#
# ===----------------------------------------------------------------------===#

import argparse
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SRC_ROOT = os.path.dirname(os.path.dirname(HERE))

PRELUDE = """package main

type node struct {
	next  *node
	kids  []*node
	name  string
	val   int
	pair  [2]*node
}

type box interface{ get() int }

type pbox struct{ n *node }
type vbox struct {
	s string
	v int
}

func (b pbox) get() int { return val(b.n) }
func (b vbox) get() int { return len(b.s) + b.v }

//go:noinline
func mk(v int, s string) *node { return &node{name: s, val: v} }

func val(n *node) int {
	if n == nil {
		return 1
	}
	return n.val
}

// sum walks at most d levels: the graph may have cycles.
func sum(n *node, d int) int {
	if n == nil || d == 0 {
		return 7
	}
	s := n.val*3 + len(n.name)
	s += sum(n.next, d-1)
	for i, k := range n.kids {
		if i == 3 {
			break
		}
		s += sum(k, d-1) & 0xffff
	}
	s += sum(n.pair[0], d-1)&0xff + sum(n.pair[1], d-1)&0xff
	return s & 0xfffffff
}

func itoa(i int) string {
	if i < 0 {
		i = -i
	}
	if i == 0 {
		return "0"
	}
	var b [20]byte
	p := len(b)
	for i > 0 {
		p--
		b[p] = byte('0' + i%10)
		i /= 10
	}
	return string(b[p:])
}
"""


class Gen:
    """One program. Each generated function takes and returns nodes,
    slices and strings, so pointers cross calls in every direction."""

    def __init__(self, seed, size):
        self.r = random.Random(seed)
        self.size = size
        self.funcs = []

    def pick(self, xs):
        return self.r.choice(xs)

    # -- expressions ------------------------------------------------------
    def node_expr(self, env):
        r = self.r.randrange(8)
        p = self.pick(env["p"])
        if r == 0:
            return "mk(%d+n, %s)" % (self.r.randrange(100), self.str_expr(env))
        if r == 1:
            return "pick(%s.next, %s)" % (p, p)
        if r == 2:
            s = self.pick(env["s"])
            return "at(%s, n+%d)" % (s, self.r.randrange(5))
        if r == 3:
            return "pick(%s.pair[%d], %s)" % (p, self.r.randrange(2), p)
        if r == 4:
            return "&node{name: %s, val: n %% %d, next: %s}" % (
                self.str_expr(env), self.r.randrange(1, 9), p)
        return p

    def str_expr(self, env):
        r = self.r.randrange(6)
        t = self.pick(env["t"])
        if r == 0:
            return '%s + "%s"' % (t, self.pick("abcxyz"))
        if r == 1:
            return "itoa(n)"
        if r == 2:
            return "cut(%s, n)" % t
        if r == 3:
            return "%s.name" % self.pick(env["p"])
        return t

    # -- statements -------------------------------------------------------
    def stmt(self, env, depth):
        r = self.r.randrange(17 if depth < 2 else 12)
        p, q = self.pick(env["p"]), self.pick(env["p"])
        s = self.pick(env["s"])
        t = self.pick(env["t"])
        ind = "\t" * (depth + 1)
        if r == 0:
            return "%s%s = %s\n" % (ind, p, self.node_expr(env))
        if r == 1:
            return "%s%s.next = %s\n" % (ind, p, self.node_expr(env))
        if r == 2:
            return "%s%s = append(%s, %s)\n" % (ind, s, s, self.node_expr(env))
        if r == 3:
            return "%s%s = %s\n" % (ind, t, self.str_expr(env))
        if r == 4:
            return "%s%s.kids = append(%s.kids, %s)\n" % (ind, p, p, q)
        if r == 5:
            return "%sn += sum(%s, 3) + len(%s)\n" % (ind, p, t)
        if r == 6:
            return "%s%s.pair[n%%2] = %s\n" % (ind, p, self.node_expr(env))
        if r == 7:
            return "%sarr[n%%len(arr)] = %s\n" % (ind, self.node_expr(env))
        if r == 8:
            return "%s%s = pick(arr[(n+%d)%%len(arr)], %s)\n" % (
                ind, p, self.r.randrange(4), q)
        if r == 9 and self.funcs and depth == 0:
            f = self.pick(self.funcs)
            return "%s%s, %s, %s = %s(%s, %s, %s, d-1)\n" % (
                ind, p, s, t, f, q, s, t)
        if r == 10:
            k = self.r.randrange(1, 3)
            return "%sif len(%s) > %d {\n%s\t%s = %s[%d:]\n%s}\n" % (
                ind, s, k, ind, s, s, k, ind)
        if r == 11:
            return "%sbs = append(bs, pbox{%s}, vbox{%s, n})\n%sn += bs[n%%len(bs)].get()\n" % (
                ind, p, t, ind)
        if r == 12:
            body = "".join(self.stmt(env, depth + 1) for _ in range(self.r.randrange(1, 4)))
            return "%sfor i := 0; i < %d; i++ {\n%s\tn += i\n%s%s}\n" % (
                ind, self.r.randrange(2, 12), ind, body, ind)
        if r == 13:
            a = "".join(self.stmt(env, depth + 1) for _ in range(self.r.randrange(1, 3)))
            b = "".join(self.stmt(env, depth + 1) for _ in range(self.r.randrange(1, 3)))
            return "%sif n%%%d == 0 {\n%s%s} else {\n%s%s}\n" % (
                ind, self.r.randrange(2, 5), a, ind, b, ind)
        if r == 14:
            body = "".join(self.stmt(env, depth + 1) for _ in range(self.r.randrange(1, 3)))
            return "%sfunc() {\n%s%s}()\n" % (ind, body, ind)
        if r == 15:
            return "%sfor _, k := range %s {\n%s\tn += val(k) + len(k.name)\n%s\t%s = pick(k, %s)\n%s}\n" % (
                ind, s, ind, ind, q, q, ind)
        return "%s%s = gather(%s, %s, %s)\n" % (ind, s, p, q, self.node_expr(env))

    def function(self, name):
        env = {"p": ["a", "b", "c"], "s": ["xs", "ys"], "t": ["str", "u"]}
        body = "".join(self.stmt(env, 0) for _ in range(self.r.randrange(3, self.size + 3)))
        self.funcs.append(name)
        return """
func %s(a *node, xs []*node, str string, d int) (*node, []*node, string) {
	if d <= 0 {
		return a, xs, str
	}
	n := len(xs) + len(str)
	b := mk(n, str)
	c := pick(a, b)
	var ys []*node
	u := "u" + str
	var arr [4]*node
	var bs []box
	_ = bs
%s	keep = append(keep, a, b, c, arr[n%%4])
	for _, k := range ys {
		xs = append(xs, k)
	}
	if len(xs) > 24 {
		xs = xs[len(xs)-12:]
	}
	return pick(c, a), xs, cut(str+u, n)
}
""" % (name, body)

    def program(self):
        funcs = "".join(self.function("f%d" % i) for i in range(self.r.randrange(2, 5)))
        calls = "".join(
            "\troot, all, s = %s(root, all, s, %d)\n\tn += sum(root, 4) + len(s)\n" % (
                self.pick(self.funcs), self.r.randrange(1, 4))
            for _ in range(self.r.randrange(2, 6)))
        return PRELUDE + """
var keep []*node

// Node variables are never nil: pick and at fall back to a new node.
func pick(x, y *node) *node {
	if x != nil {
		return x
	}
	if y != nil {
		return y
	}
	return mk(0, "z")
}

func at(s []*node, i int) *node {
	if len(s) == 0 {
		return mk(i, "e")
	}
	if i < 0 {
		i = -i
	}
	return s[i%%len(s)]
}

func cut(s string, n int) string {
	if len(s) > 12 {
		return s[len(s)-8:]
	}
	return s
}

//go:noinline
func gather(x, y, z *node) []*node {
	return []*node{pick(x, y), pick(y, z), mk(val(z), "g")}
}
%s
func main() {
	root := mk(1, "root")
	var all []*node
	s := "s"
	n := 0
%s	for _, k := range keep {
		n += sum(k, 2) & 0xfff
	}
	println(n, sum(root, 5), len(all), len(keep), s)
}
""" % (funcs, calls)


# go-llc modes: those of test/refrt/go (front end level, go-llc flags).
MODES = [
    ("O0", ["-O0", "-preempt=entry,backedge"]),
    ("O0", ["-O1", "-preempt=entry,backedge"]),
    ("O0", ["-O2", "-preempt=entry,backedge"]),
    ("O0", ["-O3", "-preempt=none"]),
    ("O0", ["-O3", "-mattr=+avx2", "-preempt=entry,backedge"]),
    ("O2", ["-O0", "-preempt=entry,backedge"]),
    ("O2", ["-O2", "-preempt=entry,backedge"]),
]


def run(argv, **kw):
    """The finished process; a program that cannot be started or runs past
    the time limit is a failed one (exit 126 or 124, the reason on stderr),
    so a campaign reports it as a seed's failure instead of stopping."""
    try:
        return subprocess.run(argv, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE,
                              timeout=kw.pop("timeout", 300), **kw)
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(argv, 124, b"",
                                           b"timed out: " + argv[0].encode())
    except OSError as e:
        return subprocess.CompletedProcess(argv, 126, b"", str(e).encode())


def check_seed(seed, size, tools, keep, extra):
    """'' when every mode agrees with the collector-off run, else a report."""
    src = Gen(seed, size).program()
    with tempfile.TemporaryDirectory(prefix="go-smith-") as tmp:
        path = os.path.join(tmp, "prog.go")
        with open(path, "w") as f:
            f.write(src)
        bcs = {}
        for fe in ("O0", "O2"):
            bc = os.path.join(tmp, "fe%s.bc" % fe)
            r = run([tools["llvm_goc"], "-" + fe, "-c", "-emit-llvm", path, "-o", bc])
            if r.returncode:
                return "seed %d: llvm-goc -%s failed (a generator bug):\n%s" % (
                    seed, fe, r.stderr.decode(errors="replace")[-800:])
            bcs[fe] = bc
        ref = None
        for i, (fe, flags) in enumerate(MODES):
            mode = "llvm-goc -%s, go-llc %s" % (fe, " ".join(flags))
            obj, exe = os.path.join(tmp, "%d.o" % i), os.path.join(tmp, "%d" % i)
            r = run([tools["go_llc"], "-gc=go", "-frame-pointer=all",
                     "-relocation-model=pic", "-filetype=obj"] + flags + extra +
                    [bcs[fe], "-o", obj])
            if r.returncode == 0:
                r = run([tools["clang"], obj, tools["refrt"], "-o", exe])
            if r.returncode:
                report = "seed %d, %s: build failed: %s" % (
                    seed, mode, r.stderr.decode(errors="replace").strip()[-800:])
                break
            if ref is None:
                off = run([exe], env=dict(os.environ, REFRT_GC="off"))
                ref = (off.returncode, off.stdout)
                if off.returncode:
                    report = "seed %d: the program fails without collection " \
                        "(a generator bug): %s" % (seed, off.stderr.decode(errors="replace"))
                    break
            got = run([exe], env=dict(os.environ, REFRT_STRESS="1"))
            if (got.returncode, got.stdout) != ref:
                report = "seed %d, %s: stress run differs\n  expected: %s\n  got (exit %d): %s%s" % (
                    seed, mode, ref[1].decode(errors="replace").strip(),
                    got.returncode, got.stdout.decode(errors="replace").strip(),
                    got.stderr.decode(errors="replace").strip()[:400])
                break
        else:
            return ""
    if keep:
        os.makedirs(keep, exist_ok=True)
        with open(os.path.join(keep, "seed%d.go" % seed), "w") as f:
            f.write(src)
    return report


def main():
    ap = argparse.ArgumentParser(
        description="Write a random Go program for refrt (--seed), or run a "
        "campaign of seeds through llvm-goc, go-llc and refrt's stress mode "
        "(--run FIRST:LAST).")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--size", type=int, default=8,
                    help="statements per function, at most (default 8)")
    ap.add_argument("-o", dest="output", default="-")
    ap.add_argument("--run", metavar="FIRST:LAST",
                    help="check seeds FIRST..LAST instead of writing one")
    ap.add_argument("--build", default=os.path.join(SRC_ROOT, "build"),
                    help="the go-llc build directory (for --run)")
    ap.add_argument("--llvm-goc", default=None,
                    help="default: $GOLLC_LLVM_GOC or ../shared/tools/llvm-goc")
    ap.add_argument("--keep", help="directory for the programs that fail")
    ap.add_argument("--go-llc-flag", action="append", default=[],
                    help="an extra go-llc flag for every mode (for example "
                    "-go-statepoints-drop-live-slot, to see the campaign fail)")
    a = ap.parse_args()
    if not a.run:
        src = Gen(a.seed, a.size).program()
        if a.output == "-":
            sys.stdout.write(src)
        else:
            with open(a.output, "w") as f:
                f.write(src)
        return 0
    try:
        first, last = (int(x) for x in a.run.split(":"))
    except ValueError:
        ap.error("--run: expected FIRST:LAST, got '%s'" % a.run)
    tools = {
        "llvm_goc": a.llvm_goc or os.environ.get("GOLLC_LLVM_GOC") or
        os.path.join(SRC_ROOT, "..", "shared", "tools", "llvm-goc"),
        "go_llc": os.path.join(a.build, "bin", "go-llc"),
        "refrt": os.path.join(a.build, "lib", "librefrt.a"),
        "clang": "/usr/lib/llvm-19/bin/clang",
    }
    for k in ("llvm_goc", "go_llc", "refrt"):
        if not os.path.exists(tools[k]):
            sys.exit("go-smith: error: %s not found" % tools[k])
    failed = 0
    for seed in range(first, last + 1):
        report = check_seed(seed, a.size, tools, a.keep, a.go_llc_flag)
        if report:
            failed += 1
            print(report, flush=True)
    print("go-smith: %d of %d seeds failed" % (failed, last - first + 1))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
