#!/usr/bin/env python3
#===- utils/gen_gc_synthetic.py - Synthetic large functions for GC benchmarks -===#
#
# Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
#
#===-----------------------------------------------------------------------===#
#
# Writes deterministic synthetic functions that stress GC lowering: many
# safepoints with many live pointers, in two equivalent forms:
#
#   go/<shape>.ll   plain Gollvm form: `ptr nest` first, every pointer in
#                   addrspace(0), no `gc` attribute (compile with
#                   `go-llc -O2 -gc=go`, which marks the functions itself);
#   sp/<shape>.ll   LLVM's own convention: `gc "statepoint-example"`, GC
#                   pointers in addrspace(1), `ni:1` in the data layout (compile
#                   with `opt -passes='default<O2>,rewrite-statepoints-for-gc'
#                   | llc -O2`).
#
# The two forms differ only in those spellings: same calls, same live pointers,
# same control flow, so both pipelines have the same safepoints to lower.
#
# Shapes (names are what utils/bench prints):
#
#   calls-N<n>-K<k>    K pointers from runtime.newobject, then N calls that
#                      each pass one of them; all K are read after the last
#                      call, so all K are live at every call.
#   diamonds-D<d>-K<k> D if/else diamonds in a row, a call in each arm and one
#                      arm allocating a replacement pointer (a phi at the join).
#   loops-L<l>-K<k>    L loops in a row; each body makes two calls and carries
#                      the K pointers as loop phis, one of them replaced by the
#                      result of a call on every iteration.
#   module-F<f>        one module of F noinline functions (what scales with the
#                      number of functions: go-llc -codegen-threads, its tests
#                      and utils/bench-codegen-threads). Function i allocates,
#                      loops over calls with pointers live across them, calls
#                      functions i+1 and 7i+3 (mod F), reads a private string
#                      and a package global; every third one is internal, so
#                      a cut of the module has locals used from other parts.
#
# Run it:
#
#   python3 utils/gen_gc_synthetic.py OUTDIR [SHAPE...]   (default: all shapes)
#   python3 utils/gen_gc_synthetic.py --list
#
#===-----------------------------------------------------------------------===#

import os
import sys

DATALAYOUT = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
TRIPLE = "x86_64-unknown-linux-gnu"

# The default grid utils/bench measures, and the smaller one for --quick.
DEFAULT_SHAPES = (
    [f"calls-N{n}-K{k}" for n in (100, 1000, 5000) for k in (4, 16, 64)]
    + ["diamonds-D100-K16", "diamonds-D500-K16", "loops-L100-K16", "loops-L300-K16"]
)
QUICK_SHAPES = ["calls-N100-K16", "calls-N1000-K16", "diamonds-D100-K16", "loops-L100-K16"]


class Form:
    """Spellings of one of the two equivalent IR forms."""

    def __init__(self, statepoint):
        self.statepoint = statepoint
        # GC pointer type; non-GC pointers (type descriptors, the closure
        # context) stay in addrspace(0) in both forms.
        self.gcptr = "ptr addrspace(1)" if statepoint else "ptr"
        self.layout = DATALAYOUT + ("-ni:1" if statepoint else "")
        self.gcattr = ' gc "statepoint-example"' if statepoint else ""


def _header(form, name):
    p = form.gcptr
    return [
        f"; Synthetic GC benchmark '{name}' "
        f"({'statepoint-example/addrspace(1)' if form.statepoint else 'Gollvm addrspace(0)'} form),",
        "; written by utils/gen_gc_synthetic.py. Do not edit.",
        f'source_filename = "{name}"',
        f'target datalayout = "{form.layout}"',
        f'target triple = "{TRIPLE}"',
        "",
        "@type.node = external global { i64, i64, i32, i8, i8, i8, i8, ptr, ptr, ptr, ptr, ptr }",
        "",
        f"declare {p} @runtime.newobject(ptr nest, ptr)",
        f"declare void @main.use(ptr nest, {p}, i64)",
        f"declare i1 @main.cond(ptr nest, i64)",
        f"declare {p} @main.next(ptr nest, {p})",
        "",
    ]


def _footer(noinline=False):
    # Gollvm's attributes minus "split-stack" (the __morestack prologue is
    # the same in every mode and only adds noise).
    return [
        "",
        f'attributes #0 = {{ {"noinline " if noinline else ""}null_pointer_is_valid '
        '"disable-tail-calls"="true" "frame-pointer"="none" }',
        "",
    ]


def _alloc(form, k):
    return [
        f"  %p{j} = call {form.gcptr} @runtime.newobject(ptr nest undef, ptr @type.node)"
        for j in range(k)
    ]


def _sum_loads(form, names, indent="  "):
    """Read one word through every pointer so all of them stay live."""
    out = []
    acc = "0"
    for j, n in enumerate(names):
        out.append(f"{indent}%v{j} = load i64, {form.gcptr} {n}, align 8")
        out.append(f"{indent}%s{j} = add i64 {acc}, %v{j}")
        acc = f"%s{j}"
    out.append(f"{indent}ret i64 {acc}")
    return out


def gen_calls(form, n, k):
    p = form.gcptr
    body = [f"define i64 @main.calls(ptr nest %nest) #0{form.gcattr} {{", "entry:"]
    body += _alloc(form, k)
    for i in range(n):
        body.append(f"  call void @main.use(ptr nest undef, {p} %p{i % k}, i64 {i})")
    body += _sum_loads(form, [f"%p{j}" for j in range(k)])
    body.append("}")
    return body


def gen_diamonds(form, d, k):
    p = form.gcptr
    body = [f"define i64 @main.diamonds(ptr nest %nest) #0{form.gcattr} {{", "entry:"]
    body += _alloc(form, k)
    cur = [f"%p{j}" for j in range(k)]
    body.append("  br label %d0")
    for i in range(d):
        r = i % k  # the pointer this diamond may replace
        body += [
            f"d{i}:",
            f"  %c{i} = call i1 @main.cond(ptr nest undef, i64 {i})",
            f"  br i1 %c{i}, label %l{i}, label %r{i}",
            f"l{i}:",
            f"  call void @main.use(ptr nest undef, {p} {cur[r]}, i64 {i})",
            f"  %n{i} = call {p} @runtime.newobject(ptr nest undef, ptr @type.node)",
            f"  br label %j{i}",
            f"r{i}:",
            f"  call void @main.use(ptr nest undef, {p} {cur[(r + 1) % k]}, i64 {i})",
            f"  br label %j{i}",
            f"j{i}:",
            f"  %q{i} = phi {p} [ %n{i}, %l{i} ], [ {cur[r]}, %r{i} ]",
            f"  br label %d{i + 1}",
        ]
        cur[r] = f"%q{i}"
    body.append(f"d{d}:")
    body += _sum_loads(form, cur)
    body.append("}")
    return body


def gen_loops(form, l, k):
    p = form.gcptr
    body = [
        f"define i64 @main.loops(ptr nest %nest, i64 %trip) #0{form.gcattr} {{",
        "entry:",
    ]
    body += _alloc(form, k)
    cur = [f"%p{j}" for j in range(k)]
    prev = "entry"
    body.append("  br label %h0")
    for i in range(l):
        r = i % k  # the pointer this loop carries through main.next
        body += [
            f"h{i}:",
            f"  %i{i} = phi i64 [ 0, %{prev} ], [ %i{i}.next, %h{i} ]",
            f"  %x{i} = phi {p} [ {cur[r]}, %{prev} ], [ %x{i}.next, %h{i} ]",
            f"  call void @main.use(ptr nest undef, {p} {cur[(r + 1) % k]}, i64 {i})",
            f"  %x{i}.next = call {p} @main.next(ptr nest undef, {p} %x{i})",
            f"  %i{i}.next = add i64 %i{i}, 1",
            f"  %done{i} = icmp sge i64 %i{i}.next, %trip",
            f"  br i1 %done{i}, label %e{i}, label %h{i}",
            f"e{i}:",
        ]
        cur[r] = f"%x{i}.next"
        prev = f"e{i}"
        body.append(f"  br label %h{i + 1}" if i + 1 < l else "  br label %exit")
    body.append("exit:")
    body += _sum_loads(form, cur)
    body.append("}")
    return body


def gen_module(form, f):
    p = form.gcptr
    out = [f"@main.sink = global {p} null", "@main.count = internal global i64 0"]
    for i in range(f):
        linkage = "internal " if i % 3 == 1 else ""
        a, b = (i + 1) % f, (7 * i + 3) % f
        out += f"""
@.str{i} = private unnamed_addr constant [12 x i8] c"function{i % 1000:04d}"

define {linkage}i64 @main.f{i}(ptr nest %nest, i64 %n) #0{form.gcattr} {{
entry:""".split("\n")
        out += _alloc(form, 3)
        out += f"""  store ptr @.str{i}, {p} %p2
  %small = icmp slt i64 %n, 1
  br i1 %small, label %done, label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %x = phi {p} [ %p0, %entry ], [ %x.next, %loop ]
  %acc = phi i64 [ {i}, %entry ], [ %acc.next, %loop ]
  call void @main.use(ptr nest undef, {p} %p1, i64 %i)
  %x.next = call {p} @main.next(ptr nest undef, {p} %x)
  %m = mul i64 %acc, 31
  %acc.next = xor i64 %m, %i
  %i.next = add i64 %i, 1
  %more = icmp slt i64 %i.next, %n
  br i1 %more, label %loop, label %calls
calls:
  %half = lshr i64 %n, 1
  %ra = call i64 @main.f{a}(ptr nest undef, i64 %half)
  %rb = call i64 @main.f{b}(ptr nest undef, i64 %half)
  store {p} %x.next, ptr @main.sink
  call void @main.use(ptr nest undef, {p} %p2, i64 %ra)
  %c = load i64, ptr @main.count
  %c1 = add i64 %c, %rb
  store i64 %c1, ptr @main.count
  %s = add i64 %acc.next, %c1
  br label %done
done:
  %r = phi i64 [ 0, %entry ], [ %s, %calls ]
  call void @main.use(ptr nest undef, {p} %p0, i64 %r)
  ret i64 %r
}}""".split("\n")
    return out


def parse_shape(name):
    """'calls-N100-K4' -> ('calls', {'N': 100, 'K': 4})."""
    kind, *params = name.split("-")
    values = {}
    for prm in params:
        if len(prm) < 2 or not prm[1:].isdigit():
            raise ValueError(f"bad shape parameter '{prm}' in '{name}'")
        values[prm[0]] = int(prm[1:])
    need = {"calls": "NK", "diamonds": "DK", "loops": "LK", "module": "F"}.get(kind)
    if need is None or set(values) != set(need) or min(values.values()) < 1:
        raise ValueError(
            f"bad shape '{name}' (expected calls-N<n>-K<k>, diamonds-D<d>-K<k>, "
            f"loops-L<l>-K<k> or module-F<f>, all >= 1)")
    return kind, values


def render(name, statepoint):
    kind, v = parse_shape(name)
    form = Form(statepoint)
    if kind == "calls":
        fn = gen_calls(form, v["N"], v["K"])
    elif kind == "diamonds":
        fn = gen_diamonds(form, v["D"], v["K"])
    elif kind == "loops":
        fn = gen_loops(form, v["L"], v["K"])
    else:
        fn = gen_module(form, v["F"])
    return "\n".join(_header(form, name) + fn + _footer(noinline=kind == "module"))


def write_shapes(outdir, shapes):
    """Writes go/<shape>.ll and sp/<shape>.ll; returns {shape: (go, sp)}."""
    result = {}
    for sub in ("go", "sp"):
        os.makedirs(os.path.join(outdir, sub), exist_ok=True)
    for name in shapes:
        paths = []
        for sub, sp in (("go", False), ("sp", True)):
            path = os.path.join(outdir, sub, name + ".ll")
            text = render(name, sp)
            # Rewrite only on change, so timestamps (and the page cache) stay.
            old = None
            if os.path.exists(path):
                with open(path) as f:
                    old = f.read()
            if old != text:
                with open(path, "w") as f:
                    f.write(text)
            paths.append(path)
        result[name] = tuple(paths)
    return result


def main(argv):
    if len(argv) >= 2 and argv[1] == "--list":
        print("\n".join(DEFAULT_SHAPES))
        return 0
    usage = "usage: gen_gc_synthetic.py OUTDIR [SHAPE...] | --list\n"
    if len(argv) >= 2 and argv[1] in ("-h", "--help"):
        sys.stdout.write(usage + "Writes the synthetic functions of each SHAPE (default: the "
                         "standard grid, --list) to OUTDIR/go and OUTDIR/sp.\n")
        return 0
    if len(argv) < 2 or argv[1].startswith("-"):
        sys.stderr.write(usage)
        return 2
    shapes = argv[2:] or DEFAULT_SHAPES
    try:
        for name, (go, sp) in write_shapes(argv[1], shapes).items():
            print(f"{name}: {go} {sp}")
    except ValueError as e:
        sys.stderr.write(f"gen_gc_synthetic.py: error: {e}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
