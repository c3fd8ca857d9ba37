//===- CommandLine.cpp - go-llc's command line ----------------------------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// go-llc's options and their reading into DriverOptions: its own options,
// the llc codegen flags (RegisterCodeGenFlags) and the libLLVM options it
// documents, with every parse error as one `go-llc: error:` line (LLVM's
// parser writes some to stderr itself) and LLVM options that would silently
// do nothing refused or made to work. docs/Driver.md lists every option;
// test/docs/driver-options keeps that list and `go-llc --help` equal.
//
//   go-llc --help
//
//===----------------------------------------------------------------------===//

#include "CommandLine.h"
#include "gollc/Driver.h"
#include "gollc/GoIR.h"
#include "gollc/Version.h"

#include "llvm/CodeGen/CommandFlags.h"
#include "llvm/Config/abi-breaking.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Remarks/RemarkFormat.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/Host.h"

#include <cstdio>
#include <mutex>
#include <unistd.h>

using namespace llvm;

namespace gollc {

//===----------------------------------------------------------------------===//
// Command line
//===----------------------------------------------------------------------===//

static cl::OptionCategory GoLLCCategory("go-llc options");

// The codegen flags llc has (-mcpu, -mattr, -relocation-model, -filetype,
// -code-model, -frame-pointer, ...), with llc's defaults.
static codegen::RegisterCodeGenFlags CodeGenFlags;

static cl::list<std::string> InputFilenamesOpt(cl::Positional,
                                               cl::desc("<input files>"),
                                               cl::cat(GoLLCCategory));

static cl::opt<unsigned> JobsOpt(
    "j",
    cl::desc("Compile up to N of several inputs at once, each on a thread of "
             "its own (default 1); the outputs do not depend on N"),
    cl::value_desc("N"), cl::Prefix, cl::init(1), cl::cat(GoLLCCategory));

static cl::opt<unsigned> CodegenThreadsOpt(
    "codegen-threads",
    cl::desc("Generate code for the lowered module in N parts, each on a "
             "thread of its own, linked (ld.lld -r) into the one object; "
             "-filetype=obj or null (default 1: one part)"),
    cl::value_desc("N"), cl::init(1), cl::cat(GoLLCCategory));

static cl::opt<std::string>
    OutputFilenameOpt("o", cl::desc("Output file ('-' for stdout; default: "
                                    "derived from the input name)"),
                      cl::value_desc("filename"), cl::cat(GoLLCCategory));

static cl::opt<unsigned>
    OptLevelOpt("O",
                cl::desc("Optimization level: -O0, -O1, -O2 (default) or -O3"),
                cl::Prefix, cl::init(2), cl::cat(GoLLCCategory));

static cl::opt<bool> OptSizeOpt(
    "Os",
    cl::desc("Optimize for size: default<Os> (loop and SLP vectorization "
             "on), codegen at -O2's level"),
    cl::cat(GoLLCCategory));

static cl::opt<bool> OptMinSizeOpt(
    "Oz",
    cl::desc("Optimize for size harder: default<Oz> (SLP vectorization only), "
             "codegen at -O2's level"),
    cl::cat(GoLLCCategory));

static cl::opt<std::string> RemarksFilenameOpt(
    "pass-remarks-output",
    cl::desc("Write the passes' optimization remarks (all of them, or "
             "-pass-remarks-filter's) to this file"),
    cl::value_desc("filename"), cl::cat(GoLLCCategory));

static cl::opt<std::string> RemarksFilterOpt(
    "pass-remarks-filter",
    cl::desc("Only write the remarks of passes whose name matches this "
             "regular expression to -pass-remarks-output"),
    cl::value_desc("regex"), cl::cat(GoLLCCategory));

static cl::opt<std::string> RemarksFormatOpt(
    "pass-remarks-format",
    cl::desc("Format of -pass-remarks-output: yaml (default), yaml-strtab "
             "or bitstream"),
    cl::init("yaml"), cl::value_desc("format"), cl::cat(GoLLCCategory));

static cl::opt<bool> AsmVerboseOpt(
    "asm-verbose",
    cl::desc("Add comments to the assembly (basic block names, stack "
             "frame notes); off by default, unlike llc"),
    cl::cat(GoLLCCategory));

static cl::list<std::string> PassPluginsOpt(
    "load-pass-plugin",
    cl::desc("Load a new-PM pass plugin (as opt does): its passes can be "
             "named in -passes"),
    cl::value_desc("path"), cl::cat(GoLLCCategory));

static cl::opt<std::string> PassesOpt(
    "passes",
    cl::desc("Run this new-PM pipeline text as the IR stages instead of "
             "go-llc's (-print-pipeline shows go-llc's; the Go lowering runs "
             "only where the text names its passes)"),
    cl::value_desc("pipeline"), cl::cat(GoLLCCategory));

static cl::opt<std::string> SaveTempsOpt(
    "save-temps", cl::ValueOptional,
    cl::desc("Keep the IR after the optimization (<output>.opt.bc) and "
             "after the Go lowering (<output>.precodegen.bc): next to the "
             "output (default, or =obj), in the current directory (=cwd) or "
             "in the directory given"),
    cl::value_desc("obj|cwd|dir"), cl::cat(GoLLCCategory));

static cl::opt<PassManagerLogging> DebugPassManagerOpt(
    "debug-pass-manager", cl::ValueOptional,
    cl::desc("Print each IR pass and analysis as it runs (as opt does)"),
    cl::init(PassManagerLogging::None),
    cl::values(clEnumValN(PassManagerLogging::Normal, "", ""),
               clEnumValN(PassManagerLogging::Quiet, "quiet",
                          "Skip the analyses"),
               clEnumValN(PassManagerLogging::Verbose, "verbose",
                          "Also print the adaptors and pass managers")),
    cl::cat(GoLLCCategory));

static cl::opt<std::string>
    TargetTripleOpt("mtriple",
                    cl::desc("Override the target triple (default: the "
                             "module's, else the host's)"),
                    cl::cat(GoLLCCategory));

static cl::opt<std::string>
    GCOpt("gc", cl::desc("GC lowering: 'go' (gc \"go\", statepoints, stack "
                         "maps) or 'none' (default)"),
          cl::init("none"), cl::value_desc("go|none"), cl::cat(GoLLCCategory));

static cl::opt<std::string> PreemptOpt(
    "preempt",
    cl::desc("Preemption checks: 'none' (default) or a comma-separated subset "
             "of entry,backedge,return"),
    cl::init("none"), cl::value_desc("points"), cl::cat(GoLLCCategory));

enum class NilCheckMode { Implicit, Explicit };

static cl::opt<NilCheckMode> NilChecksOpt(
    "nil-checks",
    cl::desc("With -gc=go, Gollvm's nil checks (!make.implicit branches to "
             "runtime.panicmem)"),
    cl::init(NilCheckMode::Implicit),
    cl::values(clEnumValN(NilCheckMode::Implicit, "implicit",
                          "fold each into the access it guards where a "
                          "SIGSEGV means the same panic under libgo "
                          "(default)"),
               clEnumValN(NilCheckMode::Explicit, "explicit",
                          "keep every compare and branch")),
    cl::cat(GoLLCCategory));

static cl::opt<std::string>
    InputFormatOpt("x",
                   cl::desc("Input format: 'ir' (.ll/.bc), 'mlir' (LLVM "
                            "dialect) or 'auto' (default: from the extension, "
                            "then the contents)"),
                   cl::init("auto"), cl::value_desc("ir|mlir|auto"),
                   cl::cat(GoLLCCategory));

static cl::opt<bool> EmitLLVMOpt(
    "emit-llvm",
    cl::desc("Write the IR after the IR stages instead of machine code "
             "(text with -filetype=asm, bitcode with -filetype=obj)"),
    cl::cat(GoLLCCategory));

static cl::opt<bool> PrintPipelineOpt(
    "print-pipeline",
    cl::desc("Print the new-PM pipeline text of the IR stages (accepted by "
             "opt -load-pass-plugin=GoPasses.so -passes=...) and exit"),
    cl::cat(GoLLCCategory));

static cl::opt<bool> PrintPassesOpt(
    "print-passes",
    cl::desc("Print the pass names -passes accepts (LLVM's, as opt prints "
             "them, then the Go passes) and exit"),
    cl::cat(GoLLCCategory));

static cl::opt<bool> VerifyEachOpt(
    "verify-each",
    cl::desc("Verify the module after every IR pass and before codegen"),
    cl::cat(GoLLCCategory));

/// LLVM options go-llc documents in its --help: they live in libLLVM, so they
/// are attached to go-llc's category rather than defined again.
static constexpr StringLiteral SharedLLVMOptions[] = {
    "mcpu",         "mattr",         "relocation-model",
    "filetype",     "code-model",    "frame-pointer",
    "inline-threshold", "time-passes", "pass-remarks",
    "pass-remarks-missed", "pass-remarks-analysis", "print-after",
    "print-before", "march", "print-pipeline-passes",
    "sanitizer-coverage-level"};

/// The value of a boolean option defined inside libLLVM (not in a header).
static bool sharedLLVMFlag(StringRef Name) {
  auto *O = libLLVMOption<bool>(Name);
  return O && O->getValue();
}

bool sharedLLVMOptionGiven(StringRef Name) {
  cl::Option *O = cl::getRegisteredOptions().lookup(Name);
  return O && O->getNumOccurrences() != 0;
}

static void printVersion(raw_ostream &OS) {
  OS << "go-llc version " << GOLLC_VERSION_STRING << " (LLVM "
     << LLVM_VERSION_STRING << ")\n";
  OS << "  Default target: " << sys::getDefaultTargetTriple() << '\n';
  OS << "  Host CPU: " << sys::getHostCPUName() << '\n';
  // cl::SetVersionPrinter replaces LLVM's printer and with it the extra
  // printers, so list the targets here (what -march and -mtriple accept).
  TargetRegistry::printRegisteredTargetsForVersion(OS);
}

void initializeTargets() {
  static std::once_flag Once;
  std::call_once(Once, [] {
    InitializeAllTargetInfos();
    InitializeAllTargets();
    InitializeAllTargetMCs();
    InitializeAllAsmPrinters();
    InitializeAllAsmParsers();
  });
}

namespace {
/// Captures what LLVM's option parser writes to stderr itself (value errors
/// such as "for the --filetype option: Cannot find option named 'exe'!" go
/// to errs(), not to the stream ParseCommandLineOptions is given), so that
/// go-llc can print every parse error as its one line.
class StderrCapture {
public:
  StderrCapture() {
    errs().flush();
    std::fflush(stderr);
    Tmp = std::tmpfile();
    if (!Tmp)
      return;
    Saved = ::dup(2);
    if (Saved < 0 || ::dup2(::fileno(Tmp), 2) < 0) {
      if (Saved >= 0)
        ::close(Saved);
      Saved = -1;
    }
  }
  ~StderrCapture() { release(); }
  /// Restores stderr and returns what was written to it meanwhile.
  std::string release() {
    std::string Text;
    if (Saved >= 0) {
      errs().flush();
      std::fflush(stderr);
      ::dup2(Saved, 2);
      ::close(Saved);
      Saved = -1;
      std::rewind(Tmp);
      char Buf[4096];
      size_t N;
      while ((N = std::fread(Buf, 1, sizeof Buf, Tmp)) > 0)
        Text.append(Buf, N);
    }
    if (Tmp) {
      std::fclose(Tmp);
      Tmp = nullptr;
    }
    return Text;
  }

private:
  int Saved = -1;
  std::FILE *Tmp = nullptr;
};

/// One line from what the option parser said: its first message, without
/// the program-name prefix, with llc's "Did you mean" hint kept.
std::string parseErrorLine(StringRef Text, StringRef Prog) {
  SmallVector<StringRef, 4> Lines;
  Text.split(Lines, '\n', -1, /*KeepEmpty=*/false);
  std::string Msg, Hint;
  for (StringRef L : Lines) {
    L = L.trim();
    for (StringRef Prefix : {Prog, sys::path::filename(Prog), StringRef("go-llc")})
      if (!Prefix.empty() && L.consume_front(Prefix) && L.consume_front(":"))
        break;
    L = L.trim();
    if (L.empty())
      continue;
    if (L.starts_with("Did you mean")) {
      if (Hint.empty())
        Hint = L.rtrim('?').str();
      continue;
    }
    if (Msg.empty())
      Msg = L.str();
  }
  if (Msg.empty())
    Msg = "invalid command line";
  if (!Hint.empty()) {
    Hint[0] = 'd';
    Msg += " (" + Hint + "?)";
  }
  return Msg;
}
} // namespace

/// Makes go-llc's --help list its own options and the libLLVM ones it
/// documents, and nothing else. Once per process.
static void setUpCommandLine() {
  static std::once_flag Once;
  std::call_once(Once, [] {
    StringMap<cl::Option *> &Registered = cl::getRegisteredOptions();
    for (StringRef Name : SharedLLVMOptions)
      if (cl::Option *O = Registered.lookup(Name)) {
        O->addCategory(GoLLCCategory);
        O->setHiddenFlag(cl::NotHidden);
      }
    // go-llc's default differs from llc's.
    if (cl::Option *O = Registered.lookup("relocation-model"))
      O->setDescription("Choose relocation model (default: pic on Linux "
                        "targets, for gccgo's PIE links; else the target's)");
    cl::HideUnrelatedOptions(
        {&GoLLCCategory, &gollc::goLoweringCategory()});
    cl::SetVersionPrinter(printVersion);
  });
}

/// Runs LLVM's option parser; on error prints its complaint as one go-llc
/// line on \p Errs and returns false.
static bool parseArguments(int Argc, const char *const *Argv,
                           raw_ostream &Errs) {
  std::string ParseErrors;
  raw_string_ostream ParseErrStream(ParseErrors);
  bool Parsed;
  std::string Captured;
  {
    StderrCapture Capture;
    Parsed = cl::ParseCommandLineOptions(
        Argc, Argv,
        "go-llc: Go GC lowering and code generation for Gollvm IR\n\n"
        "  parse (.ll/.bc/.mlir) -> verify -> default<On> -> Go GC "
        "lowering -> codegen\n\n"
        "  Several inputs (or @response files): one output each, next to "
        "its input or in -o DIR\n",
        &ParseErrStream);
    Captured = Capture.release();
  }
  if (!Parsed) {
    // cl reports as "<prog>: <message>", partly on stderr; keep go-llc's
    // one-line format.
    Errs << "go-llc: error: "
         << parseErrorLine(Captured + "\n" + ParseErrors,
                           Argc > 0 ? Argv[0] : "go-llc")
         << '\n';
    return false;
  }
  // A successful parse may still have warned: pass that on as it was.
  if (!Captured.empty())
    errs() << Captured;
  return true;
}

/// -O<n>, -Os, -Oz.
static bool readOptLevel(DriverOptions &Opts, raw_ostream &Errs) {
  if (OptLevelOpt > 3) {
    Errs << "go-llc: error: invalid optimization level -O" << OptLevelOpt
         << " (expected -O0, -O1, -O2 or -O3)\n";
    return false;
  }
  Opts.OptLevel = OptLevelOpt;
  if (OptSizeOpt && OptMinSizeOpt) {
    Errs << "go-llc: error: -Os and -Oz cannot be combined\n";
    return false;
  }
  if (OptSizeOpt || OptMinSizeOpt) {
    if (OptLevelOpt.getNumOccurrences()) {
      Errs << "go-llc: error: -O" << OptLevelOpt << " and -"
           << (OptSizeOpt ? "Os" : "Oz") << " cannot be combined\n";
      return false;
    }
    Opts.SizeLevel = OptSizeOpt ? 1 : 2;
  }
  return true;
}

/// -pass-remarks-output, -pass-remarks-filter, -pass-remarks-format.
static bool readRemarksOptions(DriverOptions &Opts, raw_ostream &Errs) {
  Opts.RemarksFilename = RemarksFilenameOpt;
  Opts.RemarksFilter = RemarksFilterOpt;
  Opts.RemarksFormat = RemarksFormatOpt;
  if (Expected<remarks::Format> F = remarks::parseFormat(RemarksFormatOpt);
      !F) {
    consumeError(F.takeError());
    Errs << "go-llc: error: invalid -pass-remarks-format value '"
         << RemarksFormatOpt
         << "' (expected 'yaml', 'yaml-strtab' or 'bitstream')\n";
    return false;
  }
  return true;
}

/// Whether any of SanitizerCoverage.cpp's -sanitizer-coverage-* options
/// (libLLVM's; there are a dozen) was given.
static bool sanitizerCoverageGiven() {
  for (const auto &Entry : cl::getRegisteredOptions())
    if (Entry.getKey().starts_with("sanitizer-coverage-") &&
        Entry.getValue()->getNumOccurrences())
      return true;
  return false;
}

/// LLVM options that would silently do nothing in go-llc: refused with the
/// reason, or (the sanitizer coverage ones) made to work.
static bool readDiagnosticOptions(DriverOptions &Opts, raw_ostream &Errs) {
#if !LLVM_FORCE_ENABLE_STATS && !LLVM_ENABLE_ABI_BREAKING_CHECKS
  // Statistic.h turns every STATISTIC into a no-op counter unless LLVM was
  // built with assertions (which ABI-breaking checks follow) or with
  // LLVM_FORCE_ENABLE_STATS; Debian's LLVM 19 has neither, so no pass
  // counts anything and -stats would print nothing at all.
  for (StringRef Name : {"stats", "stats-json"})
    if (sharedLLVMOptionGiven(Name)) {
      Errs << "go-llc: error: -" << Name
           << " is not available: this LLVM " << LLVM_VERSION_STRING
           << " is a release build without statistics "
              "(LLVM_FORCE_ENABLE_STATS=0), so no pass counts anything\n";
      return false;
    }
#endif
  if (!sanitizerCoverageGiven())
    return true;
  // SanitizerCoverage instruments nothing at level 0 (its default) whatever
  // else is asked for; opt would silently do nothing.
  auto *Level = libLLVMOption<int>("sanitizer-coverage-level");
  if (!Level || Level->getValue() < 1 || Level->getValue() > 3) {
    Errs << "go-llc: error: -sanitizer-coverage-* needs "
            "-sanitizer-coverage-level=1 (functions), 2 (blocks) or 3 "
            "(edges): at level 0 nothing is instrumented\n";
    return false;
  }
  if (Opts.Passes && !StringRef(*Opts.Passes).contains("sancov-module")) {
    Errs << "go-llc: error: -sanitizer-coverage-* with -passes: name "
            "sancov-module in the pipeline text (where it should run)\n";
    return false;
  }
  Opts.SanitizerCoverage = true;
  return true;
}

/// -gc, -preempt, -passes, -load-pass-plugin.
static bool readPipelineOptions(DriverOptions &Opts, raw_ostream &Errs) {
  Opts.PassPlugins.assign(PassPluginsOpt.begin(), PassPluginsOpt.end());
  if (PassesOpt.getNumOccurrences()) {
    // -gc/-preempt only choose passes of go-llc's pipeline; with -passes
    // they would silently do nothing.
    if (GCOpt.getNumOccurrences() || PreemptOpt.getNumOccurrences()) {
      Errs << "go-llc: error: -passes replaces the whole IR pipeline: name "
              "the Go lowering passes in it instead of giving -gc or "
              "-preempt (go-llc -gc=go -print-pipeline shows them)\n";
      return false;
    }
    Opts.Passes = PassesOpt;
  }

  if (GCOpt == "go") {
    Opts.Lowering.GC = true;
  } else if (GCOpt != "none") {
    Errs << "go-llc: error: invalid -gc value '" << GCOpt
         << "' (expected 'go' or 'none')\n";
    return false;
  }

  Expected<PreemptPoints> Points = parsePreemptPoints(PreemptOpt);
  if (!Points) {
    Errs << "go-llc: error: -preempt: " << toString(Points.takeError())
         << '\n';
    return false;
  }
  Opts.Lowering.Preempt = *Points;
  Opts.Lowering.ImplicitNilChecks = NilChecksOpt == NilCheckMode::Implicit;
  return true;
}

/// The most parts -codegen-threads cuts a module into.
static constexpr unsigned MaxCodegenThreads = 256;

/// -codegen-threads, and what it cannot be combined with.
static bool readCodegenThreads(DriverOptions &Opts, raw_ostream &Errs) {
  if (CodegenThreadsOpt == 0 || CodegenThreadsOpt > MaxCodegenThreads) {
    Errs << "go-llc: error: invalid -codegen-threads value "
         << CodegenThreadsOpt << " (expected a number of threads from 1 to "
         << MaxCodegenThreads << ")\n";
    return false;
  }
  Opts.CodegenThreads = CodegenThreadsOpt;
  if (Opts.CodegenThreads == 1)
    return true;
  StringRef Conflict;
  if (Opts.EmitLLVM)
    Conflict = "-emit-llvm runs no code generation to split";
  else if (Opts.FileType == CodeGenFileType::AssemblyFile)
    Conflict = "the parts are linked as objects: use -filetype=obj (or "
               "null)";
  else if (!Opts.RemarksFilename.empty())
    Conflict = "-pass-remarks-output would miss the code generator's "
               "remarks, which the parts make in contexts of their own";
  if (Conflict.empty())
    return true;
  Errs << "go-llc: error: -codegen-threads=" << Opts.CodegenThreads << ": "
       << Conflict << '\n';
  return false;
}

/// -x.
static bool readInputFormat(DriverOptions &Opts, raw_ostream &Errs) {
  if (InputFormatOpt == "ir") {
    Opts.Format = InputFormat::LLVMIR;
  } else if (InputFormatOpt == "mlir") {
    Opts.Format = InputFormat::MLIR;
  } else if (InputFormatOpt != "auto") {
    Errs << "go-llc: error: invalid -x value '" << InputFormatOpt
         << "' (expected 'ir', 'mlir' or 'auto')\n";
    return false;
  }
  return true;
}

bool parseDriverCommandLine(int Argc, const char *const *Argv,
                            DriverOptions &Opts, raw_ostream &Errs) {
  initializeTargets();
  setUpCommandLine();
  cl::ResetAllOptionOccurrences();
  if (!parseArguments(Argc, Argv, Errs))
    return false;

  Opts = DriverOptions();
  Opts.InputFilenames.assign(InputFilenamesOpt.begin(),
                             InputFilenamesOpt.end());
  if (!Opts.InputFilenames.empty())
    Opts.InputFilename = Opts.InputFilenames.front();
  if (JobsOpt == 0) {
    Errs << "go-llc: error: invalid -j value 0 (expected a number of jobs, "
            "at least 1)\n";
    return false;
  }
  Opts.Jobs = JobsOpt;
  Opts.OutputFilename = OutputFilenameOpt;
  Opts.TargetTriple = TargetTripleOpt;
  Opts.EmitLLVM = EmitLLVMOpt;
  Opts.PrintPipeline = PrintPipelineOpt;
  Opts.PrintPasses = PrintPassesOpt;
  // LLVM's own -print-pipeline-passes (opt's flag): the expanded pipeline.
  Opts.PrintPipelinePasses = sharedLLVMFlag("print-pipeline-passes");
  Opts.VerifyEach = VerifyEachOpt;
  Opts.FileType = codegen::getFileType();
  Opts.AsmVerbose = AsmVerboseOpt;
  Opts.DebugPassManager = DebugPassManagerOpt;
  if (SaveTempsOpt.getNumOccurrences())
    Opts.SaveTemps = SaveTempsOpt;
  return readOptLevel(Opts, Errs) && readRemarksOptions(Opts, Errs) &&
         readPipelineOptions(Opts, Errs) &&
         readDiagnosticOptions(Opts, Errs) && readInputFormat(Opts, Errs) &&
         readCodegenThreads(Opts, Errs);
}

} // namespace gollc
