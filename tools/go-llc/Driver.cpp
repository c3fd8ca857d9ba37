//===- Driver.cpp - The go-llc compiler driver ----------------------------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// parse -> verify -> default<On> -> Go GC lowering -> codegen.
//
//   go-llc -O2 -gc=go -filetype=obj prog.ll -o prog.o
//
// Every failure is one line on stderr, `go-llc: error: <file>[:<line>:<col>]:
// <message>`, exit code 1, and no partial output: the output is kept in
// memory and written to the file only once everything succeeded (only
// -save-temps' files, each written whole, outlive a failure).
// CommandLine.cpp reads the command line into DriverOptions; this file runs
// the stages.
//
//===----------------------------------------------------------------------===//

#include "Batch.h"
#include "CommandLine.h"
#include "MLIRImport.h"
#include "ParallelCodeGen.h"
#include "gollc/Driver.h"
#include "gollc/FaultingAccesses.h"
#include "gollc/GoIR.h"
#include "gollc/PassRegistry.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/CodeGen/CommandFlags.h"
#include "llvm/CodeGen/MachineFunctionPass.h"
#include "llvm/CodeGen/MachineModuleInfo.h"
#include "llvm/CodeGen/Passes.h"
#include "llvm/CodeGen/TargetPassConfig.h"
#include "llvm/IR/DiagnosticHandler.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/DiagnosticPrinter.h"
#include "llvm/IR/GCStrategy.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/LLVMRemarkStreamer.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/IRReader/IRReader.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/PassPlugin.h"
#include "llvm/Passes/StandardInstrumentations.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/DynamicLibrary.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <thread>

using namespace llvm;

namespace gollc {

//===----------------------------------------------------------------------===//
// Inputs and outputs
//===----------------------------------------------------------------------===//

InputFormat detectInputFormat(StringRef Filename, StringRef Contents) {
  StringRef Ext = sys::path::extension(Filename);
  if (Ext == ".mlir")
    return InputFormat::MLIR;
  if (Ext == ".ll" || Ext == ".bc")
    return InputFormat::LLVMIR;
  if (Contents.starts_with("BC\xC0\xDE") ||
      Contents.starts_with("\xDE\xC0\x17\x0B"))
    return InputFormat::LLVMIR;
  // Look at the first token that is not a comment. LLVM IR comments start
  // with ';', MLIR's with "//". "module asm" is LLVM IR; "module {" and
  // "module @name" / "module attributes" are MLIR.
  StringRef Rest = Contents;
  while (!Rest.empty()) {
    Rest = Rest.ltrim();
    if (Rest.starts_with(";"))
      return InputFormat::LLVMIR;
    if (Rest.starts_with("//"))
      return InputFormat::MLIR;
    if (Rest.starts_with("module")) {
      StringRef After = Rest.drop_front(6);
      if (After.ltrim().starts_with("asm"))
        return InputFormat::LLVMIR;
      if (After.empty() || isSpace(After.front()) || After.front() == '{')
        return InputFormat::MLIR;
    }
    if (Rest.starts_with("llvm.") || Rest.starts_with("\"builtin.module\"") ||
        Rest.starts_with("#"))
      return InputFormat::MLIR;
    break;
  }
  return InputFormat::LLVMIR;
}

std::string deriveOutputFilename(StringRef Input, bool EmitLLVM,
                                 CodeGenFileType FileType) {
  if (Input == "-")
    return "-";
  SmallString<128> Out(sys::path::filename(Input));
  StringRef Ext = sys::path::extension(Out);
  if (Ext == ".ll" || Ext == ".bc" || Ext == ".mlir")
    sys::path::replace_extension(Out, "");
  bool Binary = FileType == CodeGenFileType::ObjectFile;
  if (EmitLLVM)
    Out += Binary ? ".opt.bc" : ".opt.ll";
  else
    Out += Binary ? ".o" : ".s";
  // Like llc, the derived file goes next to the input.
  SmallString<256> Path(sys::path::parent_path(Input));
  sys::path::append(Path, Out);
  return std::string(Path);
}

namespace {

/// The output file, written as llc's ToolOutputFile writes it (opened by its
/// own name, so through a symbolic link, keeping an existing file's mode and
/// needing no writable directory) but without partial outputs: a regular
/// file is opened up front, so that an unwritable output fails before any
/// work, and is only written by commit(). Until then the output is kept in
/// memory: an error leaves an existing file unchanged, and a file the open
/// created is removed (also by the fatal error handler and, on a crash
/// signal, by LLVM's signal handler).
class OutputFile {
public:
  /// The output being produced on this thread (go-llc -j compiles several
  /// at once).
  static thread_local OutputFile *Current;

  ~OutputFile() { discard(); }

  /// Opens \p Path ("-" is stdout). Returns an error message on failure.
  std::optional<std::string> open(StringRef Path, bool Binary) {
    Name = Path.str();
    if (Path == "-") {
      if (Binary)
        sys::ChangeStdoutToBinary();
      return std::nullopt;
    }
    sys::fs::file_status Status;
    bool Existed = !sys::fs::status(Path, Status);
    if (Existed && Status.type() == sys::fs::file_type::directory_file)
      return std::string("is a directory");
    // A device or FIFO (-o /dev/null, -o /dev/stdout, a named pipe) is
    // written in place as the output is produced.
    InPlace = Existed && Status.type() != sys::fs::file_type::regular_file;
    // Never truncate here: an existing file is only rewritten by commit().
    if (std::error_code EC = sys::fs::openFileForWrite(
            Path, FD, sys::fs::CD_OpenAlways,
            Binary ? sys::fs::OF_None : sys::fs::OF_Text))
      return EC.message();
    File = std::make_unique<raw_fd_ostream>(FD, /*shouldClose=*/true);
    Created = !Existed;
    if (Created)
      sys::RemoveFileOnSignal(Name);
    Current = this;
    return std::nullopt;
  }

  /// Where the output goes: the file itself for a device or FIFO, stdout for
  /// "-", otherwise memory.
  raw_pwrite_stream &os() {
    if (!File)
      return outs();
    if (InPlace)
      return *File;
    return Memory;
  }

  /// Whether os() cannot seek (object files then need a buffer_ostream).
  bool needsBuffer() {
    if (!File)
      return !outs().supportsSeeking();
    return InPlace && !File->supportsSeeking();
  }

  /// Writes the output to the file. Returns an error message on failure;
  /// then a file the open created is removed, and so is an existing one
  /// that may be half-written (as llc does).
  std::optional<std::string> commit() {
    if (!File) {
      outs().flush();
      return std::nullopt;
    }
    std::error_code EC;
    if (!InPlace) {
      File->write(Buffer.data(), Buffer.size());
      File->flush();
      // Cut an existing, longer file to the new output's size.
      if (!File->has_error())
        EC = sys::fs::resize_file(FD, Buffer.size());
    }
    File->close();
    if (!EC && File->has_error())
      EC = File->error();
    File->clear_error();
    std::optional<std::string> Result;
    if (EC) {
      Result = EC.message();
      if (!InPlace)
        sys::fs::remove(Name);
    }
    File.reset();
    if (Created)
      sys::DontRemoveFileOnSignal(Name);
    Created = false;
    if (Current == this)
      Current = nullptr;
    return Result;
  }

  /// Drops the output: nothing is written, a file the open created is
  /// removed.
  void discard() {
    if (File) {
      File->clear_error();
      File.reset();
    }
    if (Created) {
      sys::fs::remove(Name);
      sys::DontRemoveFileOnSignal(Name);
      Created = false;
    }
    if (Current == this)
      Current = nullptr;
  }

private:
  std::string Name;
  std::unique_ptr<raw_fd_ostream> File;
  int FD = -1;
  SmallVector<char, 0> Buffer;
  raw_svector_ostream Memory{Buffer};
  bool InPlace = false;
  bool Created = false;
};

thread_local OutputFile *OutputFile::Current = nullptr;

class Compilation;

/// The compilation running on this thread, which the fatal error handler
/// reports against.
thread_local Compilation *CurrentCompilation = nullptr;

/// report_fatal_error from anywhere in LLVM (codegen "cannot select", a
/// verifier failure under -verify-each) becomes one go-llc error line, an
/// output file the run created is removed, and the process exits with
/// status 1 instead of aborting; or, when the thread is one of go-llc -j's,
/// only that input fails (abandonBatchItem).
void fatalErrorHandler(void *, const char *Reason, bool);

/// Formats LLVMContext diagnostics as go-llc lines. Errors are counted;
/// remarks that -pass-remarks* asks for are printed as LLVM prints them, on
/// the same stream.
class DriverDiagnosticHandler : public DiagnosticHandler {
public:
  DriverDiagnosticHandler(StringRef InputName, raw_ostream &Errs)
      : InputName(InputName), Errs(Errs) {}

  bool handleDiagnostics(const DiagnosticInfo &DI) override {
    DiagnosticSeverity Sev = DI.getSeverity();
    if (Sev == DS_Remark)
      return printRemark(DI);
    if (Sev == DS_Note)
      return true;
    // One error line per run: the first error is the one to fix, and code
    // generation reports the same problem once per function.
    if (Sev == DS_Error && NumErrors != 0) {
      ++NumErrors;
      return true;
    }
    std::string Msg;
    raw_string_ostream MsgOS(Msg);
    DiagnosticPrinterRawOStream DP(MsgOS);
    DI.print(DP);
    StringRef Line = StringRef(Msg).trim().split('\n').first;
    // Backend errors without a location start with "<unknown>:0:0: ".
    Line.consume_front("<unknown>:0:0: ");
    Errs << "go-llc: " << (Sev == DS_Error ? "error" : "warning") << ": ";
    if (!Line.starts_with(InputName))
      Errs << InputName << ": ";
    Errs << Line << '\n';
    if (Sev == DS_Error)
      ++NumErrors;
    return true;
  }

  unsigned NumErrors = 0;

private:
  /// A remark -pass-remarks* asks for, printed as LLVMContext prints it
  /// ("remark: ..."), but to Errs: with go-llc -j, to the input's own
  /// messages.
  bool printRemark(const DiagnosticInfo &DI) {
    if (const auto *R = dyn_cast<DiagnosticInfoOptimizationBase>(&DI))
      if (!R->isEnabled())
        return true;
    DiagnosticPrinterRawOStream DP(Errs);
    Errs << "remark: ";
    DI.print(DP);
    Errs << '\n';
    return true;
  }

  std::string InputName;
  raw_ostream &Errs;
};

/// The IR stages go-llc runs, as new-PM pipeline texts: the optimization,
/// then the Go lowering (-save-temps keeps the module between the two).
struct DriverPipeline {
  std::string Optimization;
  std::string Lowering;

  /// The whole text, as -print-pipeline prints it.
  std::string text() const {
    if (Optimization.empty() || Lowering.empty())
      return Optimization + Lowering;
    return Optimization + "," + Lowering;
  }
};

/// -passes is all lowering (go-llc cannot tell where the user's text stops
/// optimizing); -Os/-Oz put the size pipelines in place of default<O2>;
/// -sanitizer-coverage-* adds sancov-module after the optimizer, where clang
/// adds it (the optimizer-last extension point); -verify-each also checks
/// the bound go-preempt promises on every cycle (go-verify-preempt).
DriverPipeline driverPipeline(const DriverOptions &Opts) {
  if (Opts.Passes)
    return {"", *Opts.Passes};
  DriverPipeline P{buildOptimizationPipeline(Opts.OptLevel, Opts.Lowering),
                   buildLoweringPipeline(Opts.Lowering)};
  if (Opts.SizeLevel) {
    size_t At = P.Optimization.find("default<O2>");
    if (At != std::string::npos)
      P.Optimization.replace(At, 11, Opts.SizeLevel == 1 ? "default<Os>"
                                                         : "default<Oz>");
  }
  if (Opts.SanitizerCoverage)
    P.Optimization += ",sancov-module";
  if (Opts.VerifyEach && Opts.Lowering.Preempt.Backedge)
    P.Lowering += P.Lowering.empty() ? "function(go-verify-preempt)"
                                     : ",function(go-verify-preempt)";
  return P;
}

/// -save-temps: writes the module as bitcode into a file opened before the
/// pipeline ran, and keeps that file.
class SaveTempPass : public PassInfoMixin<SaveTempPass> {
public:
  explicit SaveTempPass(ToolOutputFile &Out) : Out(Out) {}

  PreservedAnalyses run(Module &M, ModuleAnalysisManager &) {
    WriteBitcodeToFile(M, Out.os());
    Out.os().flush();
    Out.keep();
    return PreservedAnalyses::all();
  }
  // Also at -O0 and under opt-bisect: the file is what the user asked for.
  static bool isRequired() { return true; }

private:
  ToolOutputFile &Out;
};

/// x86's call-frame optimization is one option for the whole process, which
/// the go_stackmap printer turns off for a module with gc "go" functions
/// (gollc::setCallFrameOptimizationFor). With go-llc -j, modules that need
/// it set differently are never in code generation at the same time, and
/// each gets the code a process of its own would give it. Held through a
/// module's code generation.
class CodegenGate {
public:
  explicit CodegenGate(const Module &M)
      : Want(disablesCallFrameOptimization(M)) {
    std::unique_lock<std::mutex> Lock(Mu);
    CV.wait(Lock, [&] { return Active == 0 || Current == Want; });
    if (Active == 0) {
      setCallFrameOptimizationFor(M);
      Current = Want;
    }
    ++Active;
    Held = this;
  }
  ~CodegenGate() { release(); }
  CodegenGate(const CodegenGate &) = delete;
  CodegenGate &operator=(const CodegenGate &) = delete;

  /// A fatal error in code generation: the thread never leaves it, so it
  /// lets the gate go here.
  static void releaseHeld() {
    if (Held)
      Held->release();
  }

private:
  void release() {
    if (Held != this)
      return;
    Held = nullptr;
    std::lock_guard<std::mutex> Lock(Mu);
    --Active;
    CV.notify_all();
  }

  bool Want;
  static thread_local CodegenGate *Held;
  static std::mutex Mu;
  static std::condition_variable CV;
  static unsigned Active;
  static bool Current;
};

thread_local CodegenGate *CodegenGate::Held = nullptr;
std::mutex CodegenGate::Mu;
std::condition_variable CodegenGate::CV;
unsigned CodegenGate::Active = 0;
bool CodegenGate::Current = false;

/// One go-llc run: owns the context and module through the stages.
class Compilation {
public:
  Compilation(const DriverOptions &Opts, raw_ostream &Errs)
      : Opts(Opts), Errs(Errs),
        InputName(Opts.InputFilename == "-" ? std::string("<stdin>")
                                            : Opts.InputFilename) {}

  int run();

  /// A fatal error ends this compilation where it stands: reported on its
  /// stream, its output and unwritten -save-temps files removed.
  void abandon(StringRef Reason);

private:
  bool error(const Twine &Msg) {
    Errs << "go-llc: error: " << InputName << ": " << Msg << '\n';
    return false;
  }
  bool error(const SMDiagnostic &D) {
    Errs << "go-llc: error: " << InputName;
    // Bitcode reader errors carry no position (line -1).
    if (D.getLineNo() > 0)
      Errs << ':' << D.getLineNo() << ':' << (D.getColumnNo() + 1);
    Errs << ": " << StringRef(D.getMessage()).trim().split('\n').first
         << '\n';
    return false;
  }
  /// An error about the output file is reported against that file.
  bool outputError(StringRef OutName, const Twine &Msg) {
    Errs << "go-llc: error: " << OutName << ": " << Msg << '\n';
    return false;
  }

  bool readInput();
  bool parseLLVMIR();
  bool parseMLIR();
  /// The target: the triple (-mtriple, the module's, the host's), its
  /// target machine, and the module adapted to it.
  bool setUpTarget();
  /// Also sets \p TheTriple's architecture from -march.
  const Target *lookUpTarget(Triple &TheTriple);
  bool createTargetMachine(const Target &T, const Triple &TheTriple);
  void adaptModuleToTarget(const Target &T, const Triple &TheTriple);
  bool verifyInput();
  bool runIRPipeline();
  bool checkCodegenLimits();
  bool writeOutput();
  /// -codegen-threads=N: the module in N parts, each generated on a
  /// thread of its own, linked into the output.
  bool writeOutputInParts();
  /// Generates code for one part (bitcode) in an LLVMContext and with a
  /// target machine of its own: an object into \p Object (nothing with
  /// \p Null), what it reports into \p Messages.
  bool generatePart(ArrayRef<char> Bitcode, bool Null,
                    SmallVectorImpl<char> &Object, std::string &Messages);
  bool setUpRemarks();
  bool loadPassPlugins(PassBuilder &PB);
  bool buildPassManager(PassBuilder &PB, ModulePassManager &MPM);
  std::string outputFilename() const;
  std::string tempFilename(StringRef Stage) const;
  bool openTemps();
  bool closeTemps();

  const DriverOptions &Opts;
  raw_ostream &Errs;
  std::string InputName;
  std::unique_ptr<MemoryBuffer> Buffer;
  LLVMContext Ctx;
  DriverDiagnosticHandler *Diags = nullptr;
  std::unique_ptr<Module> M;
  std::unique_ptr<TargetMachine> TM;
  /// -pass-remarks-output: removed unless the run succeeds.
  std::unique_ptr<ToolOutputFile> RemarksFile;
  /// -save-temps: the IR after the optimization and after the lowering.
  std::unique_ptr<ToolOutputFile> OptTemp, PrecodegenTemp;
};

/// -pass-remarks-output, as llc and opt set it up.
bool Compilation::setUpRemarks() {
  // With yaml-strtab and bitstream, LLVM 19's AsmPrinter also puts a
  // .remarks section into the output; only Mach-O has one, and on other
  // targets it switches to a null section and crashes (llc does too). The
  // remarks file itself is complete without it.
  if (!Opts.RemarksFilename.empty() &&
      !TM->getTargetTriple().isOSBinFormatMachO())
    if (auto *O = libLLVMOption<cl::boolOrDefault>("remarks-section");
        O && !sharedLLVMOptionGiven("remarks-section"))
      *O = cl::BOU_FALSE;
  Expected<std::unique_ptr<ToolOutputFile>> RF = setupLLVMOptimizationRemarks(
      Ctx, Opts.RemarksFilename, Opts.RemarksFilter, Opts.RemarksFormat,
      /*RemarksWithHotness=*/false);
  if (RF) {
    RemarksFile = std::move(*RF);
    return true;
  }
  std::string Msg;
  bool BadFilter = false;
  handleAllErrors(RF.takeError(), [&](const ErrorInfoBase &E) {
    BadFilter |= E.isA<LLVMRemarkSetupPatternError>();
    if (Msg.empty())
      Msg = StringRef(E.message()).trim().split('\n').first.str();
  });
  if (BadFilter) {
    Errs << "go-llc: error: invalid -pass-remarks-filter '"
         << Opts.RemarksFilter << "': " << Msg << '\n';
    return false;
  }
  return outputError(Opts.RemarksFilename,
                     "cannot open remarks file: " + Msg);
}

bool Compilation::readInput() {
  ErrorOr<std::unique_ptr<MemoryBuffer>> BufOrErr =
      MemoryBuffer::getFileOrSTDIN(Opts.InputFilename, /*IsText=*/false);
  if (!BufOrErr)
    return error(BufOrErr.getError().message());
  Buffer = std::move(*BufOrErr);
  // An empty input is a valid empty module, as for llc (an empty .ll file
  // parses as one): it compiles to an object with no code.
  return true;
}

/// Gollvm's `-enable-gc` output has already been through Gollvm's own
/// statepoint lowering, in LLVM 14 form: its gc.statepoint calls name the
/// callee without the `elementtype` attribute LLVM 15 made mandatory. LLVM
/// 19's bitcode reader crashes while upgrading those calls, so the form is
/// recognised before any function body is read: the bitcode was written by
/// LLVM 14 or older and declares a gc.statepoint intrinsic (function
/// declarations are read without materializing the bodies).
static bool isLegacyStatepointBitcode(MemoryBufferRef Buf) {
  Expected<std::string> Producer = getBitcodeProducerString(Buf);
  if (!Producer) {
    consumeError(Producer.takeError()); // The real parse reports it.
    return false;
  }
  StringRef Version(*Producer);
  unsigned Major;
  if (!Version.consume_front("LLVM") ||
      Version.consumeInteger(10, Major) || Major >= 15)
    return false;
  LLVMContext ScanCtx;
  Expected<std::unique_ptr<Module>> Lazy = getLazyBitcodeModule(Buf, ScanCtx);
  if (!Lazy) {
    consumeError(Lazy.takeError());
    return false;
  }
  for (const Function &F : **Lazy)
    if (F.getName().starts_with("llvm.experimental.gc.statepoint"))
      return true;
  return false;
}

bool Compilation::parseLLVMIR() {
  MemoryBufferRef Ref = Buffer->getMemBufferRef();
  const auto *Start =
      reinterpret_cast<const unsigned char *>(Ref.getBufferStart());
  if (isBitcode(Start, Start + Ref.getBufferSize()) &&
      isLegacyStatepointBitcode(Ref))
    return error("input is already lowered to LLVM 14 statepoints (Gollvm's "
                 "-enable-gc), which LLVM 19 cannot read; compile the Go "
                 "source without -enable-gc: go-llc -gc=go inserts the "
                 "statepoints itself");
  SMDiagnostic Err;
  M = parseIR(Buffer->getMemBufferRef(), Err, Ctx);
  if (!M)
    return error(Err);
  return true;
}

#ifdef GOLLC_ENABLE_MLIR
/// The MLIR import module (MLIRImport.h), loaded on the first MLIR input of
/// the process: from GOLLC_MLIR_IMPORT_RELPATH relative to the go-llc
/// executable, so the build tree and any install prefix both work. Null
/// with \p Error set if it cannot be loaded.
static MLIRImportFn loadMLIRImport(std::string &Error) {
  static std::once_flag Once;
  static MLIRImportFn Fn = nullptr;
  static std::string LoadError;
  std::call_once(Once, [] {
    static int Anchor;
    SmallString<256> Path(sys::path::parent_path(
        sys::fs::getMainExecutable("go-llc", &Anchor)));
    sys::path::append(Path, GOLLC_MLIR_IMPORT_RELPATH);
    sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
    std::string Err;
    sys::DynamicLibrary Lib =
        sys::DynamicLibrary::getPermanentLibrary(Path.c_str(), &Err);
    if (!Lib.isValid()) {
      LoadError = "cannot load " + std::string(Path) + ": " + Err;
      return;
    }
    Fn = reinterpret_cast<MLIRImportFn>(
        Lib.getAddressOfSymbol(GOLLC_MLIR_IMPORT_SYMBOL));
    if (!Fn)
      LoadError = std::string(Path) + " has no " GOLLC_MLIR_IMPORT_SYMBOL;
  });
  Error = LoadError;
  return Fn;
}
#endif

bool Compilation::parseMLIR() {
#ifndef GOLLC_ENABLE_MLIR
  // Configured with -DGOLLC_ENABLE_MLIR=OFF: no libMLIR to parse with.
  return error("cannot read MLIR input: go-llc was built without MLIR "
               "(GOLLC_ENABLE_MLIR=OFF)");
#else
  std::string Error;
  MLIRImportFn Import = loadMLIRImport(Error);
  if (!Import)
    return error("cannot read MLIR input: " + Error);
  M.reset(Import(Buffer->getMemBufferRef(), InputName, Ctx, Error));
  if (M)
    return true;
  Errs << "go-llc: error: " << Error << '\n';
  return false;
#endif
}

/// An explicit -frame-pointer= wins over the functions' own attribute.
/// codegen::setFunctionAttributes only fills in a missing one, and every
/// Gollvm function carries "frame-pointer"="none": without this, a runtime
/// that walks frame pointers (refrt) could not be served at all.
static void overrideFramePointer(Module &M) {
  if (!sharedLLVMOptionGiven("frame-pointer"))
    return;
  StringRef Value;
  switch (codegen::getFramePointerUsage()) {
  case FramePointerKind::All:
    Value = "all";
    break;
  case FramePointerKind::NonLeaf:
    Value = "non-leaf";
    break;
  case FramePointerKind::Reserved:
    Value = "reserved";
    break;
  case FramePointerKind::None:
    Value = "none";
    break;
  }
  for (Function &F : M)
    if (!F.isDeclaration())
      F.addFnAttr("frame-pointer", Value);
}

/// An explicit -mcpu/-mattr wins over the functions' own "target-cpu" and
/// "target-features" too: every Gollvm function carries
/// "target-cpu"="x86-64", so the user's -mcpu=skylake would otherwise give
/// a byte-identical object. The user's features go after the function's own
/// (in a feature string the last mention of a feature wins).
static void overrideTargetAttributes(Module &M, StringRef CPU,
                                     StringRef Features) {
  bool SetCPU = sharedLLVMOptionGiven("mcpu") && !CPU.empty();
  bool SetFeatures = sharedLLVMOptionGiven("mattr") && !Features.empty();
  if (!SetCPU && !SetFeatures)
    return;
  for (Function &F : M) {
    if (F.isDeclaration())
      continue;
    if (SetCPU) {
      F.addFnAttr("target-cpu", CPU);
      F.removeFnAttr("tune-cpu");
    }
    if (SetFeatures) {
      StringRef Own = F.getFnAttribute("target-features").getValueAsString();
      F.addFnAttr("target-features",
                  Own.empty() ? Features.str() : (Own + "," + Features).str());
    }
  }
}

/// A module compiled for another target (-mtriple=wasm32-... on Gollvm's
/// x86-64 IR) carries that target's "target-cpu"/"target-features" on every
/// function; the new target would warn about each of them once per
/// function. Such attributes are dropped: the target's defaults (and
/// -mcpu/-mattr) apply instead.
static void dropForeignTargetAttributes(Module &M, const Target &T,
                                        const Triple &TT) {
  std::unique_ptr<MCSubtargetInfo> STI(
      T.createMCSubtargetInfo(TT.getTriple(), "", ""));
  if (!STI)
    return;
  for (Function &F : M) {
    Attribute CPU = F.getFnAttribute("target-cpu");
    if (!CPU.isValid() || STI->isCPUStringValid(CPU.getValueAsString()))
      continue;
    F.removeFnAttr("target-cpu");
    F.removeFnAttr("tune-cpu");
    F.removeFnAttr("target-features");
  }
}

bool Compilation::setUpTarget() {
  Triple TheTriple;
  if (!Opts.TargetTriple.empty())
    TheTriple = Triple(Triple::normalize(Opts.TargetTriple));
  else if (!M->getTargetTriple().empty())
    TheTriple = Triple(M->getTargetTriple());
  else
    TheTriple = Triple(sys::getDefaultTargetTriple());

  const Target *T = lookUpTarget(TheTriple);
  if (!T || !createTargetMachine(*T, TheTriple))
    return false;
  // The go_stackmap printer and the runtimes read x86-64 frames only.
  if (Opts.Lowering.GC && TheTriple.getArch() != Triple::x86_64)
    return error("-gc=go supports x86-64 targets only; the target is '" +
                 TheTriple.getTriple() + "' (use -gc=none)");
  adaptModuleToTarget(*T, TheTriple);
  return true;
}

const Target *Compilation::lookUpTarget(Triple &TheTriple) {
  std::string LookupError;
  const Target *T =
      TargetRegistry::lookupTarget(codegen::getMArch(), TheTriple, LookupError);
  if (T)
    return T;
  // LLVM's message points at llc's --triple; go-llc spells it -mtriple.
  if (!codegen::getMArch().empty())
    error("unknown target '" + codegen::getMArch() +
          "' for -march (go-llc --version lists the registered targets)");
  else
    error("unknown target triple '" + TheTriple.str() +
          "' (go-llc --version lists the registered targets)");
  return nullptr;
}

bool Compilation::createTargetMachine(const Target &T,
                                      const Triple &TheTriple) {
  static const CodeGenOptLevel Levels[] = {
      CodeGenOptLevel::None, CodeGenOptLevel::Less, CodeGenOptLevel::Default,
      CodeGenOptLevel::Aggressive};
  TargetOptions TOpts = codegen::InitTargetOptionsFromCodeGenFlags(TheTriple);
  TOpts.MCOptions.AsmVerbose = Opts.AsmVerbose;
  std::string CPU = codegen::getCPUStr();
  // LLVM only warns about an unknown -mcpu (on every subtarget it creates)
  // and then compiles for a generic CPU; a typo there is worth stopping for,
  // before the target machine prints its warnings.
  if (!CPU.empty() && CPU != "help") {
    std::unique_ptr<MCSubtargetInfo> STI(
        T.createMCSubtargetInfo(TheTriple.getTriple(), "", ""));
    if (STI && !STI->isCPUStringValid(CPU))
      return error("unknown CPU '" + CPU + "' for target '" +
                   TheTriple.getTriple() + "' (-mcpu=help lists them)");
  }
  // Go code is linked into PIEs (gccgo-12 on Debian links PIE by default):
  // on Linux targets the relocation model is pic unless given.
  std::optional<Reloc::Model> RM = codegen::getExplicitRelocModel();
  if (!RM && TheTriple.isOSLinux())
    RM = Reloc::PIC_;
  TM.reset(T.createTargetMachine(TheTriple.getTriple(), CPU,
                                 codegen::getFeaturesStr(), TOpts, RM,
                                 codegen::getExplicitCodeModel(),
                                 Levels[Opts.OptLevel]));
  if (!TM)
    return error("cannot create a target machine for '" +
                 TheTriple.getTriple() + "'");
  return true;
}

void Compilation::adaptModuleToTarget(const Target &T,
                                      const Triple &TheTriple) {
  M->setTargetTriple(TheTriple.getTriple());
  // Codegen needs the target's layout. Keep the module's non-integral
  // address spaces (Gollvm's -enable-gc IR has "ni:1"): they are what tells
  // the optimizer not to invent integer round trips of GC pointers.
  std::string Layout = TM->createDataLayout().getStringRepresentation();
  SmallVector<StringRef, 16> OldSpecs;
  StringRef(M->getDataLayoutStr()).split(OldSpecs, '-');
  for (StringRef Spec : OldSpecs)
    if (Spec.starts_with("ni:"))
      Layout += ("-" + Spec).str();
  M->setDataLayout(Layout);
  std::string CPU = codegen::getCPUStr();
  std::string Features = codegen::getFeaturesStr();
  dropForeignTargetAttributes(*M, T, TheTriple);
  codegen::setFunctionAttributes(CPU, Features, *M);
  overrideFramePointer(*M);
  overrideTargetAttributes(*M, CPU, Features);
}

bool Compilation::verifyInput() {
  std::string Msg;
  raw_string_ostream MsgOS(Msg);
  if (!verifyModule(*M, &MsgOS))
    return true;
  // The verifier prints the problem, then the offending value on the next
  // line; keep both on one line.
  SmallVector<StringRef, 4> Lines;
  StringRef(Msg).split(Lines, '\n', 2, false);
  std::string Line = "invalid module: " + Lines[0].trim().str();
  // Name the first function the verifier rejects: the module-level message
  // does not say where the offending instruction lives.
  for (const Function &F : *M)
    if (!F.isDeclaration() && verifyFunction(F)) {
      Line = "function '" + F.getName().str() + "': " + Line;
      break;
    }
  if (Lines.size() > 1)
    Line += ": " + Lines[1].trim().str();
  return error(Line);
}

static bool isRegisteredGC(StringRef Name) {
  for (const GCRegistry::entry &E : GCRegistry::entries())
    if (E.getName() == Name)
      return true;
  return false;
}

static std::string registeredGCNames() {
  std::string Names;
  for (const GCRegistry::entry &E : GCRegistry::entries())
    Names += (Names.empty() ? "" : ", ") + E.getName().str();
  return Names;
}

bool Compilation::checkCodegenLimits() {
  // Inputs the verifier accepts but LLVM 19's code generator crashes on. Each
  // is reported against the function, instead of a crash in codegen.
  for (const Function &F : *M) {
    // Codegen looks the strategy up with report_fatal_error("unsupported
    // GC: ..."), which names neither the function nor the known strategies.
    if (F.hasGC() && !isRegisteredGC(F.getGC()))
      return error("function '" + F.getName() + "': unknown GC strategy '" +
                   F.getGC() + "' (known: " + registeredGCNames() + ")");
    if (F.isDeclaration() || !F.hasPersonalityFn())
      continue;
    if (!isa<Function>(F.getPersonalityFn()->stripPointerCasts()))
      return error("function '" + F.getName() +
                   "': personality is not a function; LLVM code generation "
                   "cannot lower its exception handling");
  }
  return true;
}

bool Compilation::runIRPipeline() {
  LoopAnalysisManager LAM;
  FunctionAnalysisManager FAM;
  CGSCCAnalysisManager CGAM;
  ModuleAnalysisManager MAM;
  PassInstrumentationCallbacks PIC;
  // -debug-pass-manager prints as opt prints it.
  PrintPassOptions PrintPassOpts;
  PrintPassOpts.Verbose =
      Opts.DebugPassManager == PassManagerLogging::Verbose;
  PrintPassOpts.SkipAnalyses =
      Opts.DebugPassManager == PassManagerLogging::Quiet;
  StandardInstrumentations SI(
      Ctx, Opts.DebugPassManager != PassManagerLogging::None, Opts.VerifyEach,
      PrintPassOpts);
  SI.registerCallbacks(PIC, &MAM);

  // As clang does: loop and SLP vectorization from -O2 on.
  PipelineTuningOptions PTO;
  // -Oz: no loop vectorization (clang's choice).
  PTO.LoopVectorization = Opts.OptLevel >= 2 && Opts.SizeLevel < 2;
  PTO.SLPVectorization = Opts.OptLevel >= 2;
  PTO.LoopUnrolling = Opts.OptLevel >= 1;
  PTO.LoopInterleaving = Opts.OptLevel >= 1;

  PassBuilder PB(TM.get(), PTO, std::nullopt, &PIC);
  registerGoPasses(PB);
  if (!loadPassPlugins(PB))
    return false;
  PB.registerModuleAnalyses(MAM);
  PB.registerCGSCCAnalyses(CGAM);
  PB.registerFunctionAnalyses(FAM);
  PB.registerLoopAnalyses(LAM);
  PB.crossRegisterProxies(LAM, FAM, CGAM, MAM);

  ModulePassManager MPM;
  if (!buildPassManager(PB, MPM))
    return false;
  if (Opts.PrintPipelinePasses) {
    MPM.printPipeline(outs(), [&PIC](StringRef ClassName) {
      StringRef PassName = PIC.getPassNameForClassName(ClassName);
      return PassName.empty() ? ClassName : PassName;
    });
    outs() << '\n';
    return true;
  }
  MPM.run(*M, MAM);
  if (Diags->NumErrors)
    return false;
  if (Opts.VerifyEach)
    return verifyInput();
  return true;
}

bool Compilation::loadPassPlugins(PassBuilder &PB) {
  for (const std::string &Path : Opts.PassPlugins) {
    Expected<PassPlugin> Plugin = PassPlugin::Load(Path);
    if (!Plugin)
      return outputError(Path, "cannot load pass plugin: " +
                                   StringRef(toString(Plugin.takeError()))
                                       .trim()
                                       .split('\n')
                                       .first);
    Plugin->registerPassBuilderCallbacks(PB);
  }
  return true;
}

/// The two stages parsed into one pass manager, with -save-temps' first
/// file written between them (the second is written before codegen).
bool Compilation::buildPassManager(PassBuilder &PB, ModulePassManager &MPM) {
  DriverPipeline P = driverPipeline(Opts);
  for (const std::string *Stage : {&P.Optimization, &P.Lowering}) {
    if (Stage->empty())
      continue;
    if (Error E = PB.parsePassPipeline(MPM, *Stage))
      return error("invalid pipeline '" + P.text() +
                   "': " + toString(std::move(E)));
    if (Stage == &P.Optimization && OptTemp && !Opts.PrintPipelinePasses)
      MPM.addPass(SaveTempPass(*OptTemp));
  }
  return true;
}

std::string Compilation::outputFilename() const {
  if (!Opts.OutputFilename.empty())
    return Opts.OutputFilename;
  return deriveOutputFilename(Opts.InputFilename, Opts.EmitLLVM,
                              Opts.FileType);
}

/// -save-temps: the file the IR after \p Stage goes to. The name is the
/// output's with the stage appended, as clang's LTO -save-temps names its
/// stages (prog.o -> prog.o.opt.bc): a plain prog.bc would overwrite
/// Gollvm's bitcode input, and prog.opt.bc is -emit-llvm's output.
std::string Compilation::tempFilename(StringRef Stage) const {
  std::string Out = outputFilename();
  if (Out == "-")
    Out = Opts.InputFilename == "-"
              ? std::string("stdin")
              : deriveOutputFilename(Opts.InputFilename, Opts.EmitLLVM,
                                     Opts.FileType);
  StringRef Mode = *Opts.SaveTemps;
  SmallString<256> Path;
  if (Mode.empty() || Mode == "obj")
    Path = sys::path::parent_path(Out);
  else if (Mode != "cwd")
    Path = Mode;
  sys::path::append(Path, sys::path::filename(Out) + "." + Stage + ".bc");
  return std::string(Path);
}

/// Opens -save-temps' files before any work, so that an unwritable place
/// fails first. A file is kept once it is written (a later error keeps it:
/// it is what one looks at then); one never written is removed.
bool Compilation::openTemps() {
  if (!Opts.SaveTemps || Opts.PrintPipelinePasses)
    return true;
  for (auto [Stage, File] : {std::pair{"opt", &OptTemp},
                             std::pair{"precodegen", &PrecodegenTemp}}) {
    // go-llc -passes has no optimization stage of its own.
    if (File == &OptTemp && Opts.Passes)
      continue;
    std::string Name = tempFilename(Stage);
    if (sys::fs::equivalent(Name, Opts.InputFilename))
      return outputError(Name, "-save-temps file would overwrite the input");
    std::error_code EC;
    *File = std::make_unique<ToolOutputFile>(Name, EC, sys::fs::OF_None);
    if (EC) {
      File->reset();
      return outputError(Name, "cannot open -save-temps file: " +
                                   EC.message());
    }
  }
  return true;
}

/// Closes the -save-temps files; false if one could not be written
/// completely (a full disk), which is then removed.
bool Compilation::closeTemps() {
  for (std::unique_ptr<ToolOutputFile> *File : {&OptTemp, &PrecodegenTemp}) {
    if (!*File)
      continue;
    raw_fd_ostream &OS = (*File)->os();
    OS.close();
    if (OS.has_error()) {
      std::string Msg = OS.error().message();
      OS.clear_error();
      std::string Name((*File)->getFilename());
      File->reset();
      sys::fs::remove(Name);
      return outputError(Name, "cannot write -save-temps file: " + Msg);
    }
    // Closed for good: a fatal error in codegen must not remove a kept
    // file (ToolOutputFile leaves it to the signal handlers until then).
    File->reset();
  }
  return true;
}

/// Whether LLVM's ImplicitNullChecks should fold the `!make.implicit`
/// branches go-nil-checks kept: it ran (go-llc's lowering, or -passes
/// naming it) and -nil-checks=implicit. The branches it did not keep have
/// lost the metadata, so nothing else folds.
static bool foldsNilChecks(const DriverOptions &Opts) {
  if (!Opts.Lowering.ImplicitNilChecks)
    return false;
  if (Opts.Passes)
    return StringRef(*Opts.Passes).contains("go-nil-checks");
  return Opts.Lowering.GC;
}

/// Turns LLVM's -enable-implicit-null-checks (a codegen option inside
/// libLLVM, found by name) on or off for the code generator built next,
/// unless the command line set it. Every input of one go-llc run asks for
/// the same value (-j compiles them on threads): the first call sets it,
/// under a lock, before its own code generator reads it.
static void setImplicitNullChecks(bool On) {
  static std::mutex Lock;
  std::lock_guard<std::mutex> Guard(Lock);
  auto *O = libLLVMOption<bool>("enable-implicit-null-checks");
  if (O && !O->getNumOccurrences() && O->getValue() != On)
    O->setValue(On);
}

/// Adds code generation to \p PM, as TargetMachine::addPassesToEmitFile
/// does, with go-llc's last machine pass before the AsmPrinter when nil
/// checks fold (it turns LLVM's faulting pseudo-instructions back into
/// plain accesses: passes/FaultingAccesses.cpp). Returns true on failure,
/// as addPassesToEmitFile does. A code generator cut short (-stop-after,
/// -stop-before) prints machine IR where it stops, which
/// addPassesToEmitFile does.
static bool addCodeGenPasses(TargetMachine &TM, legacy::PassManager &PM,
                             raw_pwrite_stream &OS, CodeGenFileType FileType,
                             bool FoldNilChecks) {
  setImplicitNullChecks(FoldNilChecks);
  if (!FoldNilChecks || !TargetPassConfig::willCompleteCodeGenPipeline())
    return TM.addPassesToEmitFile(PM, OS, nullptr, FileType,
                                  /*DisableVerify=*/false);
  auto &LTM = static_cast<LLVMTargetMachine &>(TM);
  auto *MMIWP = new MachineModuleInfoWrapperPass(&LTM);
  TargetPassConfig *PassConfig = LTM.createPassConfig(PM);
  PM.add(PassConfig);
  PM.add(MMIWP);
  if (PassConfig->addISelPasses())
    return true;
  PassConfig->addMachinePasses();
  PassConfig->setInitialized();
  PM.add(createGoFaultingAccessesPass());
  if (LTM.addAsmPrinter(PM, OS, nullptr, FileType, MMIWP->getMMI().getContext()))
    return true;
  PM.add(createFreeMachineFunctionPass());
  return false;
}

bool Compilation::writeOutput() {
  if (Opts.CodegenThreads > 1 && !Opts.EmitLLVM)
    return writeOutputInParts();
  if (Opts.FileType == CodeGenFileType::Null && !Opts.EmitLLVM) {
    // Still run codegen: -filetype=null is how one times or checks it.
    legacy::PassManager PM;
    PM.add(new TargetLibraryInfoWrapperPass(Triple(M->getTargetTriple())));
    raw_null_ostream Null;
    if (addCodeGenPasses(*TM, PM, Null, CodeGenFileType::Null,
                         foldsNilChecks(Opts)))
      return error("target does not support code generation");
    CodegenGate Gate(*M);
    PM.run(*M);
    return Diags->NumErrors == 0;
  }
  if (Opts.FileType == CodeGenFileType::Null)
    return true;

  bool Binary = Opts.FileType == CodeGenFileType::ObjectFile;
  std::string OutName = outputFilename();
  if (OutName != "-" && sys::fs::equivalent(OutName, Opts.InputFilename))
    return outputError(OutName, "output file would overwrite the input");

  OutputFile Out;
  if (std::optional<std::string> Err = Out.open(OutName, Binary))
    return outputError(OutName, "cannot open output file: " + *Err);

  if (Opts.EmitLLVM) {
    if (Binary)
      WriteBitcodeToFile(*M, Out.os());
    else
      M->print(Out.os(), nullptr);
  } else {
    legacy::PassManager PM;
    PM.add(new TargetLibraryInfoWrapperPass(Triple(M->getTargetTriple())));
    // Object files need a seekable stream; stdout may be a pipe.
    std::unique_ptr<buffer_ostream> Buffered;
    raw_pwrite_stream *OS = &Out.os();
    if (Out.needsBuffer()) {
      Buffered = std::make_unique<buffer_ostream>(*OS);
      OS = Buffered.get();
    }
    if (addCodeGenPasses(*TM, PM, *OS, Opts.FileType, foldsNilChecks(Opts)))
      return error("target '" + M->getTargetTriple() +
                   "' cannot emit this file type");
    {
      CodegenGate Gate(*M);
      PM.run(*M);
    }
    Buffered.reset();
    if (Diags->NumErrors)
      return false;
  }
  if (std::optional<std::string> Err = Out.commit())
    return outputError(OutName, "cannot write output file: " + *Err);
  return true;
}

bool Compilation::generatePart(ArrayRef<char> Bitcode, bool Null,
                               SmallVectorImpl<char> &Object,
                               std::string &Messages) {
  raw_string_ostream MsgOS(Messages);
  LLVMContext PartCtx;
  auto Handler = std::make_unique<DriverDiagnosticHandler>(InputName, MsgOS);
  DriverDiagnosticHandler *PartDiags = Handler.get();
  PartCtx.setDiagnosticHandler(std::move(Handler));
  Expected<std::unique_ptr<Module>> Part = parseBitcodeFile(
      MemoryBufferRef(StringRef(Bitcode.data(), Bitcode.size()), InputName),
      PartCtx);
  if (!Part) {
    MsgOS << "go-llc: error: " << InputName << ": cannot read a part: "
          << toString(Part.takeError()) << '\n';
    return false;
  }
  // The same target machine as the whole module's, which codegen has not
  // touched: a target machine is not shared between threads.
  std::unique_ptr<TargetMachine> PartTM(TM->getTarget().createTargetMachine(
      TM->getTargetTriple().str(), TM->getTargetCPU(),
      TM->getTargetFeatureString(), TM->Options, TM->getRelocationModel(),
      TM->getCodeModel(), TM->getOptLevel()));
  if (!PartTM) {
    MsgOS << "go-llc: error: " << InputName
          << ": cannot create a target machine for a part\n";
    return false;
  }
  legacy::PassManager PM;
  PM.add(new TargetLibraryInfoWrapperPass(Triple((*Part)->getTargetTriple())));
  raw_svector_ostream ObjectOS(Object);
  raw_null_ostream NullOS;
  raw_pwrite_stream &OS = Null ? static_cast<raw_pwrite_stream &>(NullOS)
                               : ObjectOS;
  if (addCodeGenPasses(*PartTM, PM, OS,
                       Null ? CodeGenFileType::Null
                            : CodeGenFileType::ObjectFile,
                       foldsNilChecks(Opts))) {
    MsgOS << "go-llc: error: " << InputName << ": target '"
          << (*Part)->getTargetTriple() << "' cannot emit this file type\n";
    return false;
  }
  PM.run(**Part);
  return PartDiags->NumErrors == 0;
}

bool Compilation::writeOutputInParts() {
  // A code generator cut short prints machine IR: one module's.
  if (!TargetPassConfig::willCompleteCodeGenPipeline())
    return error("-codegen-threads=" + Twine(Opts.CodegenThreads) +
                 " cannot stop code generation early (-stop-after, "
                 "-stop-before): each part would print its own machine IR");
  bool Null = Opts.FileType == CodeGenFileType::Null;
  std::string OutName;
  OutputFile Out;
  if (!Null) {
    OutName = outputFilename();
    if (OutName != "-" && sys::fs::equivalent(OutName, Opts.InputFilename))
      return outputError(OutName, "output file would overwrite the input");
    if (std::optional<std::string> Err = Out.open(OutName, /*Binary=*/true))
      return outputError(OutName, "cannot open output file: " + *Err);
  }

  ModuleParts Parts = splitModuleForCodeGen(*M, Opts.CodegenThreads);
  size_t N = Parts.Bitcode.size();
  std::vector<SmallVector<char, 0>> Objects(N);
  std::vector<std::string> Messages(N);
  std::vector<char> Failed(N, 0);
  {
    // Every part gets the x86 call-frame setting of the whole module (a
    // part without gc "go" functions would otherwise get another one).
    CodegenGate Gate(*M);
    M.reset();
    auto Generate = [&](size_t I) {
      Failed[I] = !generatePart(Parts.Bitcode[I], Null, Objects[I],
                                Messages[I]);
      Parts.Bitcode[I] = {};
    };
    if (needsOneAtATime(Opts)) {
      for (size_t I = 0; I != N; ++I)
        Generate(I);
    } else {
      // Part 0 here, the others on threads; a fatal error on one of them is
      // reported against this compilation's input.
      std::vector<std::thread> Threads;
      for (size_t I = 1; I != N; ++I)
        Threads.emplace_back([&, I] {
          CurrentCompilation = this;
          Generate(I);
          CurrentCompilation = nullptr;
        });
      Generate(0);
      for (std::thread &T : Threads)
        T.join();
    }
  }

  // What the parts reported, in part order, with one error line in all
  // (the first part's), as for one module.
  bool ErrorShown = false;
  for (const std::string &Text : Messages) {
    SmallVector<StringRef, 8> Lines;
    StringRef(Text).split(Lines, '\n', -1, /*KeepEmpty=*/false);
    for (StringRef Line : Lines) {
      if (Line.starts_with("go-llc: error: ")) {
        if (ErrorShown)
          continue;
        ErrorShown = true;
      }
      Errs << Line << '\n';
    }
  }
  if (is_contained(Failed, 1))
    return false;
  if (Null)
    return true;

  SmallVector<char, 0> Linked;
  if (std::optional<std::string> Err =
          linkPartObjects(Objects, Parts.Externalized, Linked))
    return error("cannot link the parts: " + *Err);
  Out.os().write(Linked.data(), Linked.size());
  if (std::optional<std::string> Err = Out.commit())
    return outputError(OutName, "cannot write output file: " + *Err);
  return true;
}

void Compilation::abandon(StringRef Reason) {
  Errs << "go-llc: error: " << InputName << ": "
       << Reason.trim().split('\n').first << '\n';
  if (OutputFile::Current)
    OutputFile::Current->discard();
  CodegenGate::releaseHeld();
  // ToolOutputFile removes a file not kept when destroyed; a stream error
  // would be one more fatal error.
  for (std::unique_ptr<ToolOutputFile> *File :
       {&OptTemp, &PrecodegenTemp, &RemarksFile})
    if (*File) {
      (*File)->os().clear_error();
      File->reset();
    }
}

void fatalErrorHandler(void *, const char *Reason, bool) {
  if (CurrentCompilation)
    CurrentCompilation->abandon(Reason);
  else
    errs() << "go-llc: error: " << StringRef(Reason).trim().split('\n').first
           << '\n';
  abandonBatchItem(); // Returns only on a thread that is not go-llc -j's.
  sys::RunInterruptHandlers();
  std::_Exit(1);
}

int Compilation::run() {
  CurrentCompilation = this;
  auto Reset = make_scope_exit([] { CurrentCompilation = nullptr; });
  auto Handler = std::make_unique<DriverDiagnosticHandler>(InputName, Errs);
  Diags = Handler.get();
  Ctx.setDiagnosticHandler(std::move(Handler));

  // -codegen-threads links with LLVM's tools: missing ones fail first.
  if (Opts.CodegenThreads > 1 && Opts.FileType == CodeGenFileType::ObjectFile &&
      !Opts.EmitLLVM)
    if (std::optional<std::string> Err = findPartLinkTools()) {
      error(*Err);
      return 1;
    }
  if (!readInput())
    return 1;
  InputFormat Format = Opts.Format;
  if (Format == InputFormat::Auto)
    Format = detectInputFormat(Opts.InputFilename, Buffer->getBuffer());
  if (!(Format == InputFormat::MLIR ? parseMLIR() : parseLLVMIR()))
    return 1;
  if (!verifyInput() || !setUpTarget())
    return 1;
  if (!Opts.PrintPipelinePasses && !setUpRemarks())
    return 1;
  if (!openTemps() || !runIRPipeline())
    return 1;
  if (Opts.PrintPipelinePasses)
    return 0;
  // What codegen reads, even if it then fails.
  if (PrecodegenTemp) {
    WriteBitcodeToFile(*M, PrecodegenTemp->os());
    PrecodegenTemp->keep();
  }
  if (!closeTemps() || !checkCodegenLimits() || !writeOutput())
    return 1;
  if (RemarksFile)
    RemarksFile->keep();
  return 0;
}

/// -print-passes. opt --print-passes prints from a PassBuilder no plugin
/// has seen, so the Go passes are never in its list; here they follow
/// LLVM's, in the same layout.
void printPassNames(raw_ostream &OS) {
  PassBuilder PB;
  PB.printPassNames(OS);
  OS << "Go passes (GoPasses.so, built into go-llc):\n";
  OS << "Module passes:\n";
#define GO_MODULE_PASS(NAME, CLASS, CREATE) OS << "  " NAME "\n";
#include "gollc/Passes.def"
  OS << "Module passes with params:\n";
#define GO_MODULE_PASS_WITH_PARAMS(NAME, CLASS, CREATE, PARSER, PARAMS)       \
  OS << "  " NAME "<" PARAMS ">\n";
#include "gollc/Passes.def"
  OS << "Module analyses:\n";
#define GO_MODULE_ANALYSIS(NAME, CLASS, CREATE) OS << "  " NAME "\n";
#include "gollc/Passes.def"
  OS << "Function passes:\n";
#define GO_FUNCTION_PASS(NAME, CLASS, CREATE) OS << "  " NAME "\n";
#include "gollc/Passes.def"
  OS << "Function passes with params:\n";
#define GO_FUNCTION_PASS_WITH_PARAMS(NAME, CLASS, CREATE, PARSER, PARAMS)     \
  OS << "  " NAME "<" PARAMS ">\n";
#include "gollc/Passes.def"
  OS << "Function analyses:\n";
#define GO_FUNCTION_ANALYSIS(NAME, CLASS, CREATE) OS << "  " NAME "\n";
#include "gollc/Passes.def"
}

} // namespace

int runDriver(const DriverOptions &Opts, raw_ostream &Errs) {
  initializeTargets();
  static std::once_flag Once;
  std::call_once(Once, [] {
    install_fatal_error_handler(fatalErrorHandler, nullptr);
    linkGoGCStrategy();
  });

  if (Opts.PrintPipeline) {
    outs() << driverPipeline(Opts).text() << '\n';
    return 0;
  }
  if (Opts.PrintPasses) {
    printPassNames(outs());
    return 0;
  }
  if (Opts.InputFilenames.size() > 1)
    return runBatch(Opts, Errs);
  return compileModule(Opts, Errs);
}

int compileModule(const DriverOptions &Opts, raw_ostream &Errs) {
  Compilation C(Opts, Errs);
  return C.run();
}

} // namespace gollc
