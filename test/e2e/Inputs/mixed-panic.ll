; Gollvm-style IR for mixed-panic.go. withCleanup calls through `invoke` with
; a cleanup landing pad under libgo's personality (__gccgo_personality_v0),
; the shape Gollvm gives frames with defers; divide calls
; runtime.panicdivide as Gollvm's division check does.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; func callThrough(f func()) int { f(); return 1 }
define i64 @main.callThrough(ptr nest %nest, ptr %f) #0 {
entry:
  %code = load ptr, ptr %f, align 8
  call void %code(ptr nest %f)
  ret i64 1
}

; func withCleanup(f func(), cleanups *int64) int: f() under a landing pad
; that increments *cleanups and resumes unwinding; 2 when f returns.
define i64 @main.withCleanup(ptr nest %nest, ptr %f, ptr %cleanups) #0 personality ptr @__gccgo_personality_v0 {
entry:
  %code = load ptr, ptr %f, align 8
  invoke void %code(ptr nest %f)
          to label %cont unwind label %pad

cont:
  ret i64 2

pad:
  %ex = landingpad { ptr, i32 }
          cleanup
  %c = load i64, ptr %cleanups, align 8
  %c1 = add i64 %c, 1
  store i64 %c1, ptr %cleanups, align 8
  resume { ptr, i32 } %ex
}

; func divide(a, b int64) int64 { return a / b } with Gollvm's zero check.
define i64 @main.divide(ptr nest %nest, i64 %a, i64 %b) #0 {
entry:
  %zero = icmp eq i64 %b, 0
  br i1 %zero, label %panic, label %ok, !prof !0

panic:
  call void @runtime.panicdivide(ptr nest undef) #1
  unreachable

ok:
  %q = sdiv i64 %a, %b
  ret i64 %q
}

declare i32 @__gccgo_personality_v0(i32, i32, i64, ptr, ptr)
declare void @runtime.panicdivide(ptr nest)

attributes #0 = { null_pointer_is_valid "disable-tail-calls"="true" "frame-pointer"="none" "split-stack" }
attributes #1 = { noreturn }

!0 = !{!"branch_weights", i32 1, i32 1000}
