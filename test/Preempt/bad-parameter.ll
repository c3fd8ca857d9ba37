; RUN: not opt %loadgo -passes='function(go-preempt<entry;loops>)' -disable-output %s 2>&1 | FileCheck %s
; A go-preempt parameter outside entry;backedge;return is rejected with a
; message naming it.

; CHECK: invalid go-preempt parameter 'loops' (expected a ';'-separated subset of entry;backedge;return)
define void @main.f(ptr nest %nest) {
  ret void
}
