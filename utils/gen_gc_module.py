#!/usr/bin/env python3
#===- utils/gen_gc_module.py - One module of many Go-style functions -----===#
#
# Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
#
#===-----------------------------------------------------------------------===#
#
# Writes one deterministic Gollvm-style module (addrspace(0) pointers, `ptr
# nest` first, no `gc` attribute: compile with `go-llc -O2 -gc=go`) of N
# functions, for what scales with the number of functions of one module:
# go-llc -codegen-threads (docs/Benchmarks.md, "Parallel code generation")
# and its tests. Function i allocates, loops over calls with pointers live
# across them, calls functions i+1 and 7i+3 (mod N) and reads a private
# string and a package global; every third function is internal, so that a
# cut of the module has locals referred to from other parts. Functions are
# noinline, so that the optimizer keeps all N.
#
#   python3 utils/gen_gc_module.py 5000 -o big.ll
#   python3 utils/gen_gc_module.py --help
#
#===-----------------------------------------------------------------------===#

import argparse
import sys

HEADER = """\
; {n} Go-style functions, written by utils/gen_gc_module.py {n}. Do not edit.
source_filename = "gcmodule{n}"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@type.node = external global {{ i64, i64, i32, i8, i8, i8, i8, ptr, ptr, ptr, ptr, ptr }}
@main.sink = global ptr null
@main.count = internal global i64 0

declare ptr @runtime.newobject(ptr nest, ptr)
declare void @main.use(ptr nest, ptr, i64)
declare ptr @main.next(ptr nest, ptr)
"""

ATTRS = ('attributes #0 = { noinline null_pointer_is_valid '
         '"disable-tail-calls"="true" "frame-pointer"="none" }')


def name(i):
    return f"main.f{i}"


def function(i, n):
    linkage = "internal " if i % 3 == 1 else ""
    a, b = (i + 1) % n, (7 * i + 3) % n
    return f"""\
@.str{i} = private unnamed_addr constant [12 x i8] c"function{i % 1000:04d}"

define {linkage}i64 @{name(i)}(ptr nest %nest, i64 %n) #0 {{
entry:
  %p0 = call ptr @runtime.newobject(ptr nest undef, ptr @type.node)
  %p1 = call ptr @runtime.newobject(ptr nest undef, ptr @type.node)
  %p2 = call ptr @runtime.newobject(ptr nest undef, ptr @type.node)
  store ptr @.str{i}, ptr %p2
  %small = icmp slt i64 %n, 1
  br i1 %small, label %done, label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %x = phi ptr [ %p0, %entry ], [ %x.next, %loop ]
  %acc = phi i64 [ {i}, %entry ], [ %acc.next, %loop ]
  call void @main.use(ptr nest undef, ptr %p1, i64 %i)
  %x.next = call ptr @main.next(ptr nest undef, ptr %x)
  %m = mul i64 %acc, 31
  %acc.next = xor i64 %m, %i
  %i.next = add i64 %i, 1
  %more = icmp slt i64 %i.next, %n
  br i1 %more, label %loop, label %calls
calls:
  %half = lshr i64 %n, 1
  %ra = call i64 @{name(a)}(ptr nest undef, i64 %half)
  %rb = call i64 @{name(b)}(ptr nest undef, i64 %half)
  store ptr %x.next, ptr @main.sink
  call void @main.use(ptr nest undef, ptr %p2, i64 %ra)
  %c = load i64, ptr @main.count
  %c1 = add i64 %c, %rb
  store i64 %c1, ptr @main.count
  %s = add i64 %acc.next, %c1
  br label %done
done:
  %r = phi i64 [ 0, %entry ], [ %s, %calls ]
  call void @main.use(ptr nest undef, ptr %p0, i64 %r)
  ret i64 %r
}}
"""


def main():
    ap = argparse.ArgumentParser(
        description="Write one Gollvm-style module of N functions "
                    "(for go-llc -codegen-threads).")
    ap.add_argument("n", type=int, help="number of functions (at least 1)")
    ap.add_argument("-o", dest="out", default="-",
                    help="output .ll file ('-': stdout, the default)")
    args = ap.parse_args()
    if args.n < 1:
        ap.error("N must be at least 1")
    parts = [HEADER.format(n=args.n)]
    parts += [function(i, args.n) for i in range(args.n)]
    parts.append(ATTRS + "\n")
    text = "\n".join(parts)
    if args.out == "-":
        sys.stdout.write(text)
    else:
        with open(args.out, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
