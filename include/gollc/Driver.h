//===- Driver.h - The go-llc compiler driver --------------------*- C++ -*-===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// go-llc is to the Go GC passes what llc is to LLVM: it parses a module
// (.ll, .bc or .mlir in the LLVM dialect), verifies it, runs default<On>,
// then the Go GC lowering, then codegen. This header is the library behind
// tools/go-llc/go-llc.cpp, so unit tests can drive it. docs/Driver.md lists
// every option.
//
//===----------------------------------------------------------------------===//

#ifndef GOLLC_DRIVER_H
#define GOLLC_DRIVER_H

#include "gollc/Pipeline.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CodeGen.h"

#include <optional>
#include <string>
#include <vector>

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace gollc {

enum class InputFormat { Auto, LLVMIR, MLIR };

/// -debug-pass-manager[=quiet|verbose], as opt spells it.
enum class PassManagerLogging { None, Normal, Quiet, Verbose };

/// Everything one go-llc run needs. The codegen flags shared with llc
/// (-mcpu, -mattr, -relocation-model, -filetype, ...) are read from LLVM's
/// own codegen command-line flags, as llc does.
struct DriverOptions {
  /// The input of a one-input run, the first input otherwise.
  std::string InputFilename = "-";
  /// Every input given, in order (empty: stdin). With more than one,
  /// runDriver compiles each into an output of its own, -j at a time.
  std::vector<std::string> InputFilenames;
  /// -j N: how many of several inputs are compiled at once, each on a
  /// thread of its own with its own LLVMContext.
  unsigned Jobs = 1;
  /// -codegen-threads=N: code generation of one module in N parts, each on
  /// a thread of its own, linked into the one object (1: as one module).
  unsigned CodegenThreads = 1;
  /// Empty: derived from the input name and the output kind. With several
  /// inputs, an existing directory the derived names go into.
  std::string OutputFilename;
  unsigned OptLevel = 2;
  /// -Os (1) or -Oz (2): default<Os>/default<Oz>; OptLevel is then 2.
  unsigned SizeLevel = 0;
  GoLoweringOptions Lowering;
  InputFormat Format = InputFormat::Auto;
  llvm::CodeGenFileType FileType = llvm::CodeGenFileType::AssemblyFile;
  std::string TargetTriple;
  bool EmitLLVM = false;
  bool PrintPipeline = false;
  /// -print-passes: LLVM's pass names (as opt prints them), then go-llc's.
  bool PrintPasses = false;
  /// Print the expanded pipeline (needs the input: it depends on the target).
  bool PrintPipelinePasses = false;
  bool VerifyEach = false;
  /// -pass-remarks-output (empty: none), -pass-remarks-filter,
  /// -pass-remarks-format.
  std::string RemarksFilename;
  std::string RemarksFilter;
  std::string RemarksFormat = "yaml";
  /// -asm-verbose: comments in the assembly.
  bool AsmVerbose = false;
  /// -load-pass-plugin: new-PM plugins whose passes -passes may name.
  std::vector<std::string> PassPlugins;
  /// -passes: the IR pipeline text, replacing go-llc's own.
  std::optional<std::string> Passes;
  /// -save-temps[=obj|cwd|<dir>]: where the IR after the optimization and
  /// after the lowering is written (empty or "obj": next to the output).
  /// Not given: nothing is saved.
  std::optional<std::string> SaveTemps;
  /// -debug-pass-manager: print each pass and analysis as it runs.
  PassManagerLogging DebugPassManager = PassManagerLogging::None;
  /// Some -sanitizer-coverage-* option was given: sancov-module runs after
  /// the optimizer, where clang runs it.
  bool SanitizerCoverage = false;
};

/// Parses go-llc's command line into \p Opts. On error, prints one
/// `go-llc: error: ...` line to \p Errs and returns false. May be called more
/// than once in a process (the unit tests do).
bool parseDriverCommandLine(int Argc, const char *const *Argv,
                            DriverOptions &Opts, llvm::raw_ostream &Errs);

/// Decides the input format from the file name, then from the contents:
/// bitcode magic or LLVM IR text versus MLIR's textual form.
InputFormat detectInputFormat(llvm::StringRef Filename,
                              llvm::StringRef Contents);

/// The output name go-llc uses when -o is not given ("-" for stdin input).
std::string deriveOutputFilename(llvm::StringRef Input, bool EmitLLVM,
                                 llvm::CodeGenFileType FileType);

/// Runs the whole driver; returns the process exit code (0 or 1). Errors are
/// reported as single `go-llc: error: <file>[:<line>:<col>]: <msg>` lines on
/// \p Errs, and no output file is left behind on failure. With several
/// inputs, every input is compiled whatever happens to the others: one
/// error line per failing input, its messages together and in input order,
/// and the exit code is 1 if any failed.
int runDriver(const DriverOptions &Opts, llvm::raw_ostream &Errs);

} // namespace gollc

#endif // GOLLC_DRIVER_H
