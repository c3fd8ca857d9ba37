//===- DriverTest.cpp - go-llc option handling ------------------------------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "gollc/Driver.h"
#include "gollc/Pipeline.h"

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
            "default<O3>,go-prepare-gc,function(go-preempt<entry;backedge>)");
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

} // namespace
