; RUN: not opt %loadgo -passes='go-prepare-gc<bogus>' -disable-output %s 2>&1 | FileCheck %s
; RUN: not opt %loadgo -passes='go-no-such-pass' -disable-output %s 2>&1 | FileCheck %s --check-prefix=UNKNOWN
; A malformed parameter list names the bad parameter, on one line (not
; followed by opt's "unknown pass name"); an unknown go- pass is rejected by
; opt's pipeline parser.

; CHECK: {{^}}LLVM ERROR: invalid go-prepare-gc parameter 'bogus' (expected prefix=<name prefix>){{$}}
; CHECK-NOT: {{.}}
; UNKNOWN: unknown pass name 'go-no-such-pass'
define void @main.f(ptr nest %nest) {
  ret void
}
