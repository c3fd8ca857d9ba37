//===- PassRegistry.h - Registering go-llc passes ---------------*- C++ -*-===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Hooks that make the passes listed in Passes.def known to a PassBuilder:
// pipeline-text parsing, analysis registration, class-to-name mapping (so
// -print-after=go-... and printPipeline work) and the optional extension-point
// callback that appends the Go GC lowering to default<On> (-go-auto).
//
//===----------------------------------------------------------------------===//

#ifndef GOLLC_PASSREGISTRY_H
#define GOLLC_PASSREGISTRY_H

namespace llvm {
class Module;
class PassBuilder;
class PassInstrumentationCallbacks;
} // namespace llvm

namespace gollc {

/// Registers every pass and analysis of Passes.def with \p PB, plus the
/// OptimizerLast callback that honours -go-auto. Also maps class names to pass
/// names on \p PB's instrumentation callbacks when it has any.
void registerGoPasses(llvm::PassBuilder &PB);

/// Maps the C++ class name of every registered pass to its pipeline name.
void registerGoPassNames(llvm::PassInstrumentationCallbacks &PIC);

/// Anchor referenced by tools that link the pass library statically, so that
/// the static GC strategy registration is never dropped by the linker.
void linkGoGCStrategy();

/// Anchor of the "go" GCMetadataPrinter (GoStackMapPrinter.cpp); called by
/// linkGoGCStrategy, so the strategy never comes without its printer.
void linkGoStackMapPrinter();

/// Whether code generation of \p M turns x86's call-frame optimization off
/// for the process (-no-x86-call-frame-opt): the go_stackmap printer does,
/// for a module with a defined gc "go" function (GoStackMapPrinter.cpp).
bool disablesCallFrameOptimization(const llvm::Module &M);

/// Sets -no-x86-call-frame-opt to what code generation of \p M alone
/// would leave it at (unless it was given on the command line), so that a
/// process compiling several modules gives each the code a process of its
/// own would. The caller makes sure no other code generation runs with
/// another value meanwhile (go-llc's CodegenGate).
void setCallFrameOptimizationFor(const llvm::Module &M);

} // namespace gollc

#endif // GOLLC_PASSREGISTRY_H
