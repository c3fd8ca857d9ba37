; RUN: opt %loadgo -passes='function(go-preempt<entry;return>)' -print-pipeline-passes -disable-output %s | FileCheck %s
; RUN: opt %loadgo -passes='function(go-preempt,go-verify-preempt)' -print-pipeline-passes -disable-output %s | FileCheck %s --check-prefix=DEFAULT
; go-preempt prints its parameters back in pipeline syntax; without
; parameters it places entry and back-edge polls.

; CHECK: function(go-preempt<entry;return>)
; DEFAULT: function(go-preempt<entry;backedge>,go-verify-preempt)
define void @main.f(ptr nest %nest) {
  ret void
}
