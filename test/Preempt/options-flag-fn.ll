; RUN: opt %loadgo -passes='function(go-preempt<backedge>)' -go-preempt-flag=rt.preemptFlag -go-preempt-fn=rt.preemptSlow -go-preempt-flag-width=8 -S %s | FileCheck %s --check-prefix=NAMES
; RUN: opt %loadgo -passes='function(go-preempt<backedge>)' -go-preempt-tls -S %s | FileCheck %s --check-prefix=TLS
; RUN: opt %loadgo -passes='function(go-preempt<backedge>)' -go-preempt-tls -S %s | opt -passes=verify -disable-output
; RUN: not opt %loadgo -passes='function(go-preempt<backedge>)' -go-preempt-flag-width=12 -disable-output %s 2>&1 | FileCheck %s --check-prefix=WIDTH
; RUN: not opt %loadgo -passes='function(go-preempt<backedge>)' -go-preempt-fn=main.notVoid -disable-output %s 2>&1 | FileCheck %s --check-prefix=BADFN
; RUN: opt %loadgo -passes='function(go-preempt<backedge>)' -go-preempt-cc=preserve_most -S %s | FileCheck %s --check-prefix=CC
; RUN: not opt %loadgo -passes='function(go-preempt<backedge>)' -go-preempt-cc=fastcc -disable-output %s 2>&1 | FileCheck %s --check-prefix=BADCC
; -go-preempt-cc picks the slow path's calling convention (preserve_most: the
; runtime saves the registers). -go-preempt-flag, -go-preempt-fn and -go-preempt-flag-width choose the flag
; global, its width and the slow path; -go-preempt-tls makes the flag
; thread-local and loads it through llvm.threadlocal.address. A slow path of
; the wrong type is an error naming it; a width or convention LLVM's option
; parser does not list is a one-line command-line error.

target triple = "x86_64-unknown-linux-gnu"

; NAMES: @rt.preemptFlag = external global i8, align 1
; NAMES-LABEL: define void @main.spin(
; NAMES: %go.preempt.flag = load atomic i8, ptr @rt.preemptFlag monotonic, align 1
; NAMES-NEXT: %go.preempt.req = icmp ne i8 %go.preempt.flag, 0
; NAMES: call void @rt.preemptSlow()
; NAMES: declare void @rt.preemptSlow() #[[A:[0-9]+]]
; NAMES: attributes #[[A]] = { cold noinline }

; TLS: @__go_preempt_requested = external thread_local global i32, align 4
; TLS-LABEL: define void @main.spin(
; TLS: %[[ADDR:.*]] = call {{.*}}ptr @llvm.threadlocal.address.p0(ptr {{.*}}@__go_preempt_requested)
; TLS-NEXT: %go.preempt.flag = load atomic i32, ptr %[[ADDR]] monotonic, align 4

; CC: call preserve_mostcc void @__go_preempt_slow()
; CC: declare preserve_mostcc void @__go_preempt_slow()
; BADCC: {{^}}opt: for the --go-preempt-cc option: Cannot find option named 'fastcc'!{{$}}

; WIDTH: {{^}}opt: for the --go-preempt-flag-width option: Cannot find option named '12'!{{$}}
; BADFN: error: go-preempt: function 'main.spin': preemption slow path 'main.notVoid' exists but is not a void() function
define void @main.spin(ptr nest %nest, ptr %p) #0 {
entry:
  br label %loop
loop:
  %v = load volatile i32, ptr %p, align 4
  %z = icmp eq i32 %v, 0
  br i1 %z, label %loop, label %exit
exit:
  ret void
}

declare i32 @main.notVoid(ptr nest)

attributes #0 = { "split-stack" "frame-pointer"="none" "disable-tail-calls"="true" null_pointer_is_valid }
