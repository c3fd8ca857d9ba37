; RUN: opt %loadgo -passes='function(go-preempt<entry;backedge>)' -pass-remarks-missed=go-preempt -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK
; RUN: opt %loadgo -passes='function(go-preempt<entry;backedge>)' -S %s | FileCheck %s
; RUN: opt %loadgo -passes='function(go-preempt<entry;backedge>),function(go-verify-preempt)' -disable-output %s
; RUN: opt %loadgo -passes='function(go-preempt<entry>)' -S %s | FileCheck %s --check-prefix=ENTRY
;
; A call reaches a poll only if its callee polls at entry. Functions of the
; module without an entry poll: main.scan (loops but no calls: it cannot
; recurse, and its loop polls on its back edge) and runtime.helper (skip
; list: no polls at all). A loop whose only call goes to one of them still
; needs its own poll; a loop calling main.caller (which calls, so it polls at
; entry) does not. Before, main.scan got an entry poll, and a call to a
; skip-listed function of the module counted as a poll, so main.loopRuntime
; could spin with no poll. Without back-edge polls (go-preempt<entry>),
; main.scan keeps its entry poll: it is then the only poll main.loopScan's
; loop passes.

target triple = "x86_64-unknown-linux-gnu"

; REMARK-DAG: remark: {{.*}}no poll at entry or return of 'main.scan': no calls (its loops poll on their back edges or are bounded)
; REMARK-DAG: remark: {{.*}}no preemption polls in 'runtime.helper': name matches the skip list prefix 'runtime.'

; ENTRY-LABEL: define i32 @main.scan(
; ENTRY-NEXT:  entry:
; ENTRY-NEXT:    load atomic i32, ptr @__go_preempt_requested monotonic{{.*}}!go.preempt.poll

; CHECK-LABEL: define i32 @main.scan(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    br label %loop
; CHECK:         !go.preempt.poll
; CHECK-LABEL: define void @runtime.helper(
; CHECK-NOT:     !go.preempt.poll
; CHECK-LABEL: define void @main.caller(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    load atomic i32, ptr @__go_preempt_requested monotonic{{.*}}!go.preempt.poll
; CHECK-LABEL: define void @main.loopScan(
; CHECK:       loop:
; CHECK:         call i32 @main.scan(
; CHECK:         !go.preempt.poll
; CHECK-LABEL: define void @main.loopRuntime(
; CHECK:       loop:
; CHECK:         call void @runtime.helper(
; CHECK:         !go.preempt.poll
; CHECK-LABEL: define void @main.loopCaller(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    load atomic i32, ptr @__go_preempt_requested monotonic{{.*}}!go.preempt.poll
; CHECK:       loop:
; CHECK-NOT:     !go.preempt.poll
; CHECK:       declare void @ext(

define i32 @main.scan(ptr nest %nest, ptr %p) #0 {
entry:
  br label %loop
loop:
  %v = load volatile i32, ptr %p, align 4
  %z = icmp eq i32 %v, 0
  br i1 %z, label %loop, label %exit
exit:
  ret i32 %v
}

define void @runtime.helper(ptr nest %nest, ptr %p) #0 {
entry:
  store volatile i32 1, ptr %p, align 4
  ret void
}

define void @main.caller(ptr nest %nest, ptr %p) #0 {
entry:
  %r = call i32 @main.scan(ptr nest undef, ptr %p)
  call void @ext(ptr %p)
  ret void
}

; Its loop calls main.scan on every iteration: it must poll itself.
define void @main.loopScan(ptr nest %nest, ptr %p) #0 {
entry:
  br label %loop
loop:
  %r = call i32 @main.scan(ptr nest undef, ptr %p)
  %z = icmp eq i32 %r, 7
  br i1 %z, label %loop, label %exit
exit:
  ret void
}

; Its loop calls runtime.helper on every iteration: it must poll itself.
define void @main.loopRuntime(ptr nest %nest, ptr %p) #0 {
entry:
  br label %loop
loop:
  call void @runtime.helper(ptr nest undef, ptr %p)
  %v = load volatile i32, ptr %p, align 4
  %z = icmp eq i32 %v, 0
  br i1 %z, label %loop, label %exit
exit:
  ret void
}

; Its loop calls main.caller, which polls at entry: no poll of its own.
define void @main.loopCaller(ptr nest %nest, ptr %p) #0 {
entry:
  br label %loop
loop:
  call void @main.caller(ptr nest undef, ptr %p)
  %v = load volatile i32, ptr %p, align 4
  %z = icmp eq i32 %v, 0
  br i1 %z, label %loop, label %exit
exit:
  ret void
}

declare void @ext(ptr)

attributes #0 = { "split-stack" }
