; RUN: opt %loadgo -passes=go-prepare-gc -go-prepare-gc-prefix=main.,fmt. -S %s | FileCheck %s
; RUN: opt %loadgo -passes=go-prepare-gc -go-prepare-gc-prefix=main.,fmt. -S %s | opt -passes=verify -disable-output
; RUN: opt %loadgo -passes='go-prepare-gc<prefix=runtime.>' -go-prepare-gc-prefix=main. -S %s | FileCheck %s --check-prefix=PARAM
; -go-prepare-gc-prefix restricts the pass like prefix= parameters do;
; explicit parameters take precedence over the option.

; CHECK-LABEL: define void @main.f(ptr nest %n) #0 gc "go" {
; PARAM-LABEL: define void @main.f(ptr nest %n) #0 {
define void @main.f(ptr nest %n) "split-stack" {
  ret void
}

; CHECK-LABEL: define void @fmt.Println(ptr nest %n) #0 gc "go" {
; PARAM-LABEL: define void @fmt.Println(ptr nest %n) #0 {
define void @fmt.Println(ptr nest %n) "split-stack" {
  ret void
}

; CHECK-LABEL: define void @runtime.mallocgc(ptr nest %n) #0 {
; PARAM-LABEL: define void @runtime.mallocgc(ptr nest %n) #0 gc "go" {
define void @runtime.mallocgc(ptr nest %n) "split-stack" {
  ret void
}
