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

} // namespace gollc

#endif // GOLLC_PASSREGISTRY_H
