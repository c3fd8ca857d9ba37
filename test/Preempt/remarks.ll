; RUN: opt %loadgo -passes='function(go-preempt<entry;backedge>)' -pass-remarks=go-preempt -pass-remarks-missed=go-preempt -disable-output %s 2>&1 | FileCheck %s
; RUN: opt %loadgo -passes='function(go-preempt<entry;backedge>)' -pass-remarks-output=%t.yaml -disable-output %s
; RUN: FileCheck %s --check-prefix=YAML < %t.yaml
; Every decision is a remark under go-preempt: polls placed, polls elided
; and why, loops strip-mined with their chunk, functions skipped.

target triple = "x86_64-unknown-linux-gnu"

; CHECK: remark: spin.go:4:3: poll placed on the back edge of loop at %loop (trip count unknown); unpolled run <= 1 iterations
; CHECK: remark: {{.*}}no poll at entry or return of 'main.spin': no calls (its loops poll on their back edges or are bounded)
; CHECK: remark: {{.*}}no poll in loop at %loop: a safepoint call runs on every iteration
; CHECK: remark: {{.*}}no poll in loop at %loop: at most 10 iterations, below the limit of 1000; unpolled run <= 10 iterations
; CHECK: remark: {{.*}}loop at %loop strip-mined with a down-counter: poll once per 1000 iterations, none in the hot path; unpolled run <= 1000 iterations
; CHECK: remark: {{.*}}no poll at entry or return of 'main.leaf': leaf function (no calls, no loops)
; CHECK: remark: {{.*}}no preemption polls in 'runtime.lock': name matches the skip list prefix 'runtime.'

; YAML: --- !Passed
; YAML-NEXT: Pass: go-preempt
; YAML-NEXT: Name: BackedgePoll
; YAML: Name: StripMined
; YAML: Chunk: '1000'

define void @main.spin(ptr nest %nest, ptr %p) #0 !dbg !5 {
entry:
  br label %loop
loop:
  %v = load volatile i32, ptr %p, align 4, !dbg !8
  %z = icmp eq i32 %v, 0
  br i1 %z, label %loop, label %exit
exit:
  ret void
}

define void @main.callEach(ptr nest %nest, ptr %p) #0 {
entry:
  br label %loop
loop:
  call void @main.visit(ptr nest undef, ptr %p)
  %v = load volatile i32, ptr %p, align 4
  %z = icmp eq i32 %v, 0
  br i1 %z, label %loop, label %exit
exit:
  ret void
}

define void @main.ten(ptr nest %nest, ptr %p) #0 {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  store volatile i32 %i, ptr %p, align 4
  %i.next = add nuw nsw i32 %i, 1
  %more = icmp ult i32 %i.next, 10
  br i1 %more, label %loop, label %exit
exit:
  ret void
}

define void @main.many(ptr nest %nest, ptr %p, i64 %n) #0 {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  store volatile i64 %i, ptr %p, align 4
  %i.next = add nuw nsw i64 %i, 1
  %more = icmp ult i64 %i.next, %n
  br i1 %more, label %loop, label %exit
exit:
  ret void
}

define i32 @main.leaf(ptr nest %nest, i32 %x) #0 {
entry:
  %y = mul i32 %x, 3
  ret i32 %y
}

define void @runtime.lock(ptr nest %nest, ptr %p) #0 {
entry:
  br label %loop
loop:
  %v = load volatile i32, ptr %p, align 4
  %z = icmp eq i32 %v, 0
  br i1 %z, label %loop, label %exit
exit:
  ret void
}

declare void @main.visit(ptr nest, ptr)

attributes #0 = { "split-stack" "frame-pointer"="none" "disable-tail-calls"="true" null_pointer_is_valid }

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!4}
!0 = distinct !DICompileUnit(language: DW_LANG_Go, file: !1, producer: "gollvm", isOptimized: true, runtimeVersion: 0, emissionKind: LineTablesOnly)
!1 = !DIFile(filename: "spin.go", directory: "/tmp")
!4 = !{i32 2, !"Debug Info Version", i32 3}
!5 = distinct !DISubprogram(name: "main.spin", scope: !1, file: !1, line: 3, type: !6, scopeLine: 3, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!6 = !DISubroutineType(types: !7)
!7 = !{}
!8 = !DILocation(line: 4, column: 3, scope: !5)
