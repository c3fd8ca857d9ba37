; RUN: opt %loadgo -passes='go-prepare-gc<prefix=main.;prefix=fmt.>' -S %s | FileCheck %s
; RUN: opt %loadgo -passes='go-prepare-gc<prefix=main.;prefix=fmt.>' -S %s | opt -passes=verify -disable-output
; With prefix= parameters only functions whose names start with one of the
; prefixes get gc "go".

; CHECK-LABEL: define void @main.f(ptr nest %n) #0 gc "go" {
define void @main.f(ptr nest %n) "split-stack" {
  ret void
}

; CHECK-LABEL: define void @fmt.Println(ptr nest %n) #0 gc "go" {
define void @fmt.Println(ptr nest %n) "split-stack" {
  ret void
}

; CHECK-LABEL: define void @runtime.mallocgc(ptr nest %n) #0 {
define void @runtime.mallocgc(ptr nest %n) "split-stack" {
  ret void
}
