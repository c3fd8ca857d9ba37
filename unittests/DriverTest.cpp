//===- DriverTest.cpp - go-llc option handling ------------------------------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "gollc/Driver.h"
#include "gollc/Pipeline.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

#include <vector>

using namespace llvm;
using namespace gollc;

namespace {

bool parse(std::vector<const char *> Args, DriverOptions &Opts,
           std::string &Errors) {
  Args.insert(Args.begin(), "go-llc");
  raw_string_ostream OS(Errors);
  return parseDriverCommandLine(Args.size(), Args.data(), Opts, OS);
}

TEST(DriverTest, Defaults) {
  DriverOptions Opts;
  std::string Errors;
  ASSERT_TRUE(parse({"in.ll"}, Opts, Errors)) << Errors;
  EXPECT_EQ(Opts.InputFilename, "in.ll");
  EXPECT_EQ(Opts.OptLevel, 2u);
  EXPECT_FALSE(Opts.Lowering.GC);
  EXPECT_FALSE(Opts.Lowering.Preempt.any());
  EXPECT_EQ(Opts.FileType, CodeGenFileType::AssemblyFile);
  EXPECT_EQ(buildIRPipeline(Opts.OptLevel, Opts.Lowering), "default<O2>");
}

TEST(DriverTest, ParsesLoweringOptions) {
  DriverOptions Opts;
  std::string Errors;
  ASSERT_TRUE(parse({"-O3", "-gc=go", "-preempt=backedge,entry",
                     "-filetype=obj", "-o", "out.o", "in.ll"},
                    Opts, Errors))
      << Errors;
  EXPECT_EQ(Opts.OptLevel, 3u);
  EXPECT_TRUE(Opts.Lowering.GC);
  EXPECT_TRUE(Opts.Lowering.Preempt.Entry);
  EXPECT_TRUE(Opts.Lowering.Preempt.Backedge);
  EXPECT_FALSE(Opts.Lowering.Preempt.Return);
  EXPECT_EQ(Opts.FileType, CodeGenFileType::ObjectFile);
  EXPECT_EQ(Opts.OutputFilename, "out.o");
  EXPECT_EQ(buildIRPipeline(Opts.OptLevel, Opts.Lowering),
            "go-safe-getg,go-gc-addrspace,default<O3>,go-prepare-gc,"
            "go-gc-roots,function(go-preempt<entry;backedge>),"
            "function(go-nil-checks),go-gc-addrspace<sink-casts>,"
            "go-statepoints");
  // -nil-checks=explicit leaves go-nil-checks out.
  ASSERT_TRUE(parse({"-O3", "-gc=go", "-nil-checks=explicit", "in.ll"}, Opts,
                    Errors))
      << Errors;
  EXPECT_FALSE(Opts.Lowering.ImplicitNilChecks);
  EXPECT_EQ(buildIRPipeline(Opts.OptLevel, Opts.Lowering),
            "go-safe-getg,go-gc-addrspace,default<O3>,go-prepare-gc,"
            "go-gc-roots,go-gc-addrspace<sink-casts>,go-statepoints");
}

TEST(DriverTest, ReparsingResetsEarlierValues) {
  DriverOptions Opts;
  std::string Errors;
  ASSERT_TRUE(parse({"-gc=go", "a.ll"}, Opts, Errors)) << Errors;
  ASSERT_TRUE(parse({"b.ll"}, Opts, Errors)) << Errors;
  EXPECT_EQ(Opts.InputFilename, "b.ll");
}

TEST(DriverTest, RejectsBadValuesWithOneLine) {
  struct Case {
    std::vector<const char *> Args;
    const char *Needle;
  } Cases[] = {
      {{"-gc=boehm", "x.ll"}, "invalid -gc value 'boehm'"},
      {{"-preempt=sometimes", "x.ll"}, "unknown preemption point 'sometimes'"},
      {{"-O7", "x.ll"}, "invalid optimization level -O7"},
      {{"-x", "cobol", "x.ll"}, "invalid -x value 'cobol'"},
      {{"-no-such-flag", "x.ll"}, "no-such-flag"},
  };
  for (const Case &C : Cases) {
    DriverOptions Opts;
    std::string Errors;
    EXPECT_FALSE(parse(C.Args, Opts, Errors));
    EXPECT_NE(Errors.find("go-llc: error: "), std::string::npos) << Errors;
    EXPECT_NE(Errors.find(C.Needle), std::string::npos) << Errors;
    EXPECT_EQ(std::count(Errors.begin(), Errors.end(), '\n'), 1) << Errors;
  }
}

TEST(DriverTest, PreemptPointsRoundTrip) {
  Expected<PreemptPoints> P = parsePreemptPoints("return,entry");
  ASSERT_TRUE(!!P);
  EXPECT_EQ(formatPreemptParams(*P), "entry;return");
  Expected<PreemptPoints> None = parsePreemptPoints("none");
  ASSERT_TRUE(!!None);
  EXPECT_FALSE(None->any());
  Expected<PreemptPoints> Empty = parsePreemptPoints("");
  EXPECT_FALSE(!!Empty);
  consumeError(Empty.takeError());
}

TEST(DriverTest, DetectsInputFormat) {
  EXPECT_EQ(detectInputFormat("a.mlir", ""), InputFormat::MLIR);
  EXPECT_EQ(detectInputFormat("a.ll", "module {"), InputFormat::LLVMIR);
  EXPECT_EQ(detectInputFormat("-", "BC\xC0\xDE"), InputFormat::LLVMIR);
  EXPECT_EQ(detectInputFormat("-", "; ModuleID = 'x'\n"), InputFormat::LLVMIR);
  EXPECT_EQ(detectInputFormat("-", "module asm \"nop\"\n"), InputFormat::LLVMIR);
  EXPECT_EQ(detectInputFormat("-", "define void @f() {\n"), InputFormat::LLVMIR);
  EXPECT_EQ(detectInputFormat("-", "\n  module {\n"), InputFormat::MLIR);
  EXPECT_EQ(detectInputFormat("-", "module attributes {} {"), InputFormat::MLIR);
  EXPECT_EQ(detectInputFormat("-", "// comment\nllvm.func @f()"),
            InputFormat::MLIR);
  EXPECT_EQ(detectInputFormat("-", "llvm.func @f()"), InputFormat::MLIR);
}

TEST(DriverTest, DerivesOutputNames) {
  EXPECT_EQ(deriveOutputFilename("dir/prog.ll", false,
                                 CodeGenFileType::ObjectFile),
            "dir/prog.o");
  EXPECT_EQ(deriveOutputFilename("prog.bc", false,
                                 CodeGenFileType::AssemblyFile),
            "prog.s");
  EXPECT_EQ(deriveOutputFilename("prog.mlir", true,
                                 CodeGenFileType::AssemblyFile),
            "prog.opt.ll");
  EXPECT_EQ(deriveOutputFilename("prog.ll", true, CodeGenFileType::ObjectFile),
            "prog.opt.bc");
  EXPECT_EQ(deriveOutputFilename("-", false, CodeGenFileType::ObjectFile), "-");
}

/// A fresh directory with one input file; removed at the end of the test.
class ScratchDir {
public:
  ScratchDir() {
    EXPECT_FALSE(sys::fs::createUniqueDirectory("go-llc-driver-test", Path));
  }
  ~ScratchDir() { sys::fs::remove_directories(Path); }

  std::string file(StringRef Name) const {
    SmallString<128> P(Path);
    sys::path::append(P, Name);
    return std::string(P);
  }
  std::string write(StringRef Name, StringRef Contents) const {
    std::string P = file(Name);
    std::error_code EC;
    raw_fd_ostream OS(P, EC);
    EXPECT_FALSE(EC);
    OS << Contents;
    return P;
  }
  std::vector<std::string> entries() const {
    std::vector<std::string> Names;
    std::error_code EC;
    for (sys::fs::directory_iterator I(Path, EC), E; I != E && !EC;
         I.increment(EC))
      Names.push_back(std::string(sys::path::filename(I->path())));
    std::sort(Names.begin(), Names.end());
    return Names;
  }

private:
  SmallString<128> Path;
};

constexpr const char *ValidIR = R"IR(
target triple = "x86_64-unknown-linux-gnu"
define i64 @main.f(ptr nest %n, i64 %x) "split-stack" {
  %r = add i64 %x, 1
  ret i64 %r
}
)IR";

TEST(DriverTest, InlineThresholdIsLLVMsOwnOption) {
  cl::Option *O = cl::getRegisteredOptions().lookup("inline-threshold");
  ASSERT_NE(O, nullptr);
  auto *Threshold = dynamic_cast<cl::opt<int> *>(O);
  ASSERT_NE(Threshold, nullptr);
  DriverOptions Opts;
  std::string Errors;
  ASSERT_TRUE(parse({"-inline-threshold=500", "x.ll"}, Opts, Errors))
      << Errors;
  EXPECT_EQ(Threshold->getValue(), 500);
  EXPECT_EQ(Threshold->getNumOccurrences(), 1);
  // A later run without the flag must not inherit the occurrence; the value
  // the inliner then uses is its own default (225 at -O2).
  ASSERT_TRUE(parse({"x.ll"}, Opts, Errors)) << Errors;
  EXPECT_EQ(Threshold->getNumOccurrences(), 0);
}

TEST(DriverTest, CompilesToTheNamedOutputOnly) {
  ScratchDir Dir;
  DriverOptions Opts;
  Opts.InputFilename = Dir.write("prog.ll", ValidIR);
  Opts.OutputFilename = Dir.file("prog.o");
  Opts.FileType = CodeGenFileType::ObjectFile;
  std::string Errors;
  raw_string_ostream ErrOS(Errors);
  EXPECT_EQ(runDriver(Opts, ErrOS), 0) << Errors;
  EXPECT_TRUE(Errors.empty()) << Errors;
  std::vector<std::string> Expected = {"prog.ll", "prog.o"};
  EXPECT_EQ(Dir.entries(), Expected);
  ErrorOr<std::unique_ptr<MemoryBuffer>> Obj =
      MemoryBuffer::getFile(Opts.OutputFilename);
  ASSERT_TRUE(!!Obj);
  EXPECT_TRUE((*Obj)->getBuffer().starts_with("\x7f"
                                              "ELF"));
}

TEST(DriverTest, ErrorsLeaveNoOutputAndOneLine) {
  ScratchDir Dir;
  struct Case {
    const char *Input;
    const char *Needle;
  } Cases[] = {
      {"define void @f() {\n  ret i32 0\n}\n",
       "bad.ll:2:7: value doesn't match function result type 'void'"},
      {"define i64 @f(i64 %x) {\n  %b = add i64 %a, 1\n  %a = add i64 %x, "
       "1\n  ret i64 %b\n}\n",
       "bad.ll: function 'f': invalid module: Instruction does not dominate all uses!"},
  };
  for (const Case &C : Cases) {
    DriverOptions Opts;
    Opts.InputFilename = Dir.write("bad.ll", C.Input);
    Opts.OutputFilename = Dir.file("bad.s");
    std::string Errors;
    raw_string_ostream ErrOS(Errors);
    EXPECT_EQ(runDriver(Opts, ErrOS), 1);
    EXPECT_NE(Errors.find("go-llc: error: "), std::string::npos) << Errors;
    EXPECT_NE(Errors.find(C.Needle), std::string::npos) << Errors;
    EXPECT_EQ(std::count(Errors.begin(), Errors.end(), '\n'), 1) << Errors;
    std::vector<std::string> Expected = {"bad.ll"};
    EXPECT_EQ(Dir.entries(), Expected);
  }
}

TEST(DriverTest, MissingInputIsOneLine) {
  ScratchDir Dir;
  DriverOptions Opts;
  Opts.InputFilename = Dir.file("missing.ll");
  std::string Errors;
  raw_string_ostream ErrOS(Errors);
  EXPECT_EQ(runDriver(Opts, ErrOS), 1);
  EXPECT_EQ(Errors, "go-llc: error: " + Opts.InputFilename +
                        ": No such file or directory\n");
  EXPECT_TRUE(Dir.entries().empty());
}

} // namespace
