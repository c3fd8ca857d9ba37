; RUN: not opt %loadgo -passes='function(go-verify-preempt)' -disable-output %s 2>&1 | FileCheck %s
; RUN: opt %loadgo -passes='function(go-preempt<backedge>),function(go-verify-preempt)' -disable-output %s
; go-preempt's output for @main.spin with the back-edge poll deleted by hand:
; the verifier names the function and the loop and fails. Once go-preempt
; has run, the same function verifies. The entry poll, left in place, does
; not count for the loop.

target triple = "x86_64-unknown-linux-gnu"

; CHECK: error: go-preempt verifier: function 'main.spin': loop at %loop (spin.go:7) has no poll, safepoint call or trip-count bound below 1000 on the cycle through %loop, %loop.go.preempt.cont
; CHECK-NOT: error:
; CHECK-NOT: main.fine

@__go_preempt_requested = external global i32, align 4

define void @main.spin(ptr nest %nest, ptr %p) #0 !dbg !5 {
entry:
  %go.preempt.flag1 = load atomic i32, ptr @__go_preempt_requested monotonic, align 4, !go.preempt.poll !2
  %go.preempt.req2 = icmp ne i32 %go.preempt.flag1, 0
  br i1 %go.preempt.req2, label %go.preempt.slow3, label %entry.go.preempt.cont, !prof !3
go.preempt.slow3:
  call void @__go_preempt_slow()
  br label %entry.go.preempt.cont
entry.go.preempt.cont:
  br label %loop
loop:
  %v = load volatile i32, ptr %p, align 4, !dbg !8
  %z = icmp eq i32 %v, 0
  br label %loop.go.preempt.cont
loop.go.preempt.cont:
  br i1 %z, label %loop, label %exit
exit:
  ret void
}

define void @main.fine(ptr nest %nest, ptr %p) #0 {
entry:
  br label %loop
loop:
  %v = load volatile i32, ptr %p, align 4
  %go.preempt.flag = load atomic i32, ptr @__go_preempt_requested monotonic, align 4, !go.preempt.poll !2
  %go.preempt.req = icmp ne i32 %go.preempt.flag, 0
  br i1 %go.preempt.req, label %go.preempt.slow, label %loop.go.preempt.cont, !prof !3
go.preempt.slow:
  call void @__go_preempt_slow()
  br label %loop.go.preempt.cont
loop.go.preempt.cont:
  %z = icmp eq i32 %v, 0
  br i1 %z, label %loop, label %exit
exit:
  ret void
}

declare void @__go_preempt_slow() #1

attributes #0 = { "split-stack" "frame-pointer"="none" "disable-tail-calls"="true" null_pointer_is_valid }
attributes #1 = { cold noinline }

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!4}
!0 = distinct !DICompileUnit(language: DW_LANG_Go, file: !1, producer: "gollvm", isOptimized: true, runtimeVersion: 0, emissionKind: LineTablesOnly)
!1 = !DIFile(filename: "spin.go", directory: "/tmp")
!2 = !{}
!3 = !{!"branch_weights", i32 1, i32 1048575}
!4 = !{i32 2, !"Debug Info Version", i32 3}
!5 = distinct !DISubprogram(name: "main.spin", scope: !1, file: !1, line: 5, type: !6, scopeLine: 5, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!6 = !DISubroutineType(types: !7)
!7 = !{}
!8 = !DILocation(line: 7, column: 3, scope: !5)
