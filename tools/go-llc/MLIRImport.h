//===- MLIRImport.h - go-llc's MLIR input, loaded on demand -----*- C++ -*-===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The .mlir input path lives in a module of its own, GoLLCMLIRImport.so,
// the only part of go-llc linked against libMLIR. The driver loads it (once
// per process) when an input is MLIR, so a run on LLVM IR never maps
// libMLIR: go-llc starts as fast as llc. Built and installed with
// GOLLC_ENABLE_MLIR only, into <prefix>/libexec/go-llc/, and found relative
// to the go-llc executable (GOLLC_MLIR_IMPORT_RELPATH).
//
//===----------------------------------------------------------------------===//

#ifndef GOLLC_TOOLS_GOLLC_MLIRIMPORT_H
#define GOLLC_TOOLS_GOLLC_MLIRIMPORT_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBufferRef.h"

#include <string>

namespace llvm {
class LLVMContext;
class Module;
} // namespace llvm

namespace gollc {

/// The module's one entry point, GOLLC_MLIR_IMPORT_SYMBOL: parses the MLIR
/// (LLVM dialect) in \p Input and translates it to a module in \p Ctx, which
/// the caller then owns. On failure returns null and sets \p Error to the
/// diagnostic, `<InputName>[:<line>:<col>]: <message>` (one line), which
/// the driver prints after its `go-llc: error: `.
using MLIRImportFn = llvm::Module *(*)(llvm::MemoryBufferRef Input,
                                       llvm::StringRef InputName,
                                       llvm::LLVMContext &Ctx,
                                       std::string &Error);

} // namespace gollc

#define GOLLC_MLIR_IMPORT_SYMBOL "gollc_import_mlir"

#endif // GOLLC_TOOLS_GOLLC_MLIRIMPORT_H
