//===- Batch.h - go-llc's several-inputs mode, private parts ----*- C++ -*-===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// What Driver.cpp (one compilation) and Batch.cpp (go-llc -j N a.ll b.ll
// ...: several compilations in one process) need from each other. Private
// to go-llc.
//
//===----------------------------------------------------------------------===//

#ifndef GOLLC_TOOLS_GOLLC_BATCH_H
#define GOLLC_TOOLS_GOLLC_BATCH_H

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace gollc {

struct DriverOptions;

/// Compiles Opts.InputFilename into Opts.OutputFilename (empty: the derived
/// name), every message on \p Errs; returns 0 or 1. Thread-safe: each call
/// has an LLVMContext of its own. Driver.cpp.
int compileModule(const DriverOptions &Opts, llvm::raw_ostream &Errs);

/// Compiles every one of Opts.InputFilenames (several), Opts.Jobs at a time;
/// returns 1 if any failed. Batch.cpp.
int runBatch(const DriverOptions &Opts, llvm::raw_ostream &Errs);

/// Options whose output is the process's, not an input's (timers, the IR
/// printed around passes, pass manager logging): with them the inputs are
/// compiled one after another whatever -j says, and the parts of
/// -codegen-threads too, so that output stays in order. Batch.cpp.
bool needsOneAtATime(const DriverOptions &Opts);

/// For the fatal error handler, once it has reported the error and dropped
/// the compilation's outputs: on a thread of runBatch's, records the input
/// as failed, lets the other inputs go on, and never returns (LLVM cannot
/// go on after report_fatal_error: the thread is parked and another takes
/// its place). Returns at once on any other thread. Batch.cpp.
void abandonBatchItem();

} // namespace gollc

#endif // GOLLC_TOOLS_GOLLC_BATCH_H
