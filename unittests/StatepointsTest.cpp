//===- StatepointsTest.cpp - Stack-object layouts and safepoint liveness ---===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The per-word pointer bitmap of stack objects, computed from LLVM types
// (what the "deopt" bundle and then the go_stackmap tables carry), the
// liveness GoSafepointsAnalysis reports for a small function, when its
// result is invalidated, and that go-statepoints records what
// print<go-safepoints> prints. Run through lit with the other unit tests, or
// alone: build/unittests/StatepointsTest.
//
//===----------------------------------------------------------------------===//

#include "gollc/PassRegistry.h"
#include "gollc/Statepoints.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/AsmParser/Parser.h"
#include "llvm/IR/Statepoint.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/SourceMgr.h"

#include "gtest/gtest.h"

using namespace llvm;
using namespace gollc;

namespace {

std::string bits(const StackObjectLayout &L) {
  std::string S;
  for (uint64_t W = 0; W != L.SizeInWords; ++W)
    S += L.isPointerWord(W) ? '1' : '0';
  return S;
}

struct LayoutTest : ::testing::Test {
  LLVMContext Ctx;
  DataLayout DL{"e-m:e-i64:64-f80:128-n8:16:32:64-S128"};
  Type *Ptr = PointerType::get(Ctx, 0);
  Type *I64 = Type::getInt64Ty(Ctx);
  Type *I8 = Type::getInt8Ty(Ctx);
};

TEST_F(LayoutTest, GoStringSliceInterface) {
  auto *Str = StructType::get(Ctx, {Ptr, I64});
  auto *Slice = StructType::get(Ctx, {Ptr, I64, I64});
  auto *Iface = StructType::get(Ctx, {Ptr, Ptr});
  EXPECT_EQ(bits(*computeStackObjectLayout(Str, 1, DL, 0)), "10");
  EXPECT_EQ(bits(*computeStackObjectLayout(Slice, 1, DL, 0)), "100");
  EXPECT_EQ(bits(*computeStackObjectLayout(Iface, 1, DL, 0)), "11");
}

TEST_F(LayoutTest, NestedArraysAndPadding) {
  // { i8, ptr } puts the pointer at byte 8 after padding.
  auto *Padded = StructType::get(Ctx, {I8, Ptr});
  EXPECT_EQ(bits(*computeStackObjectLayout(Padded, 1, DL, 0)), "01");
  auto *Arr = ArrayType::get(StructType::get(Ctx, {I64, Ptr}), 3);
  EXPECT_EQ(bits(*computeStackObjectLayout(Arr, 1, DL, 0)), "010101");
  // An array-size operand multiplies the object.
  EXPECT_EQ(bits(*computeStackObjectLayout(Padded, 2, DL, 0)), "0101");
}

TEST_F(LayoutTest, BitmapSpansSeveralWords) {
  auto *Big = ArrayType::get(Ptr, 130);
  std::optional<StackObjectLayout> L = computeStackObjectLayout(Big, 1, DL, 0);
  ASSERT_TRUE(L);
  EXPECT_EQ(L->SizeInWords, 130u);
  EXPECT_EQ(L->bitmapWord(0), ~uint64_t(0));
  EXPECT_EQ(L->bitmapWord(1), ~uint64_t(0));
  EXPECT_EQ(L->bitmapWord(2), uint64_t(3));
  EXPECT_EQ(L->bitmapWord(3), uint64_t(0));
  EXPECT_EQ(L->pointerPrefixWords(), 130u);
  EXPECT_EQ(L->pointerRuns().size(), 1u);
  EXPECT_EQ(L->pointerRuns()[0], std::make_pair(uint64_t(0), uint64_t(130)));
}

TEST_F(LayoutTest, HugeObjectIsSparse) {
  // Go's nilptr2.go BigStruct: {int, float64, string, [128 << 20]byte,
  // []byte}: pointers at word 2 and at word 16777219, two chunks.
  auto *Str = StructType::get(Ctx, {Ptr, I64});
  auto *Slice = StructType::get(Ctx, {Ptr, I64, I64});
  auto *Big = StructType::get(
      Ctx, {I64, Type::getDoubleTy(Ctx), Str, ArrayType::get(I8, 128 << 20),
            Slice});
  std::optional<StackObjectLayout> L = computeStackObjectLayout(Big, 1, DL, 0);
  ASSERT_TRUE(L);
  EXPECT_EQ(L->SizeInWords, 4u + (16u << 20) + 3u);
  EXPECT_EQ(L->Chunks.size(), 2u);
  EXPECT_TRUE(L->isPointerWord(2));
  EXPECT_TRUE(L->isPointerWord(4 + (16 << 20)));
  EXPECT_FALSE(L->isPointerWord(5 + (16 << 20)));
  EXPECT_EQ(L->pointerPrefixWords(), 5u + (16u << 20));
  auto Runs = L->pointerRuns();
  ASSERT_EQ(Runs.size(), 2u);
  EXPECT_EQ(Runs[0], std::make_pair(uint64_t(2), uint64_t(1)));
  EXPECT_EQ(Runs[1], std::make_pair(uint64_t(4 + (16 << 20)), uint64_t(1)));
}

TEST_F(LayoutTest, RunsCrossChunks) {
  StackObjectLayout L;
  L.SizeInWords = 300;
  for (uint64_t W : {0, 1, 63, 64, 65, 127, 128, 200, 299})
    L.markPointerWord(W);
  L.markPointerWord(300); // beyond the object: ignored
  using Runs = std::vector<std::pair<uint64_t, uint64_t>>;
  auto Got = L.pointerRuns();
  Runs Want = {{0, 2}, {63, 3}, {127, 2}, {200, 1}, {299, 1}};
  EXPECT_EQ(Runs(Got.begin(), Got.end()), Want);
  EXPECT_EQ(L.pointerPrefixWords(), 300u);
  L.markAllWords();
  EXPECT_EQ(L.pointerRuns().size(), 1u);
  EXPECT_EQ(L.bitmapWord(4), (uint64_t(1) << 44) - 1);
  EXPECT_EQ(L.bitmapWord(5), 0u);
}

TEST_F(LayoutTest, OnlyTheGCAddressSpaceCounts) {
  Type *P1 = PointerType::get(Ctx, 1);
  auto *Mixed = StructType::get(Ctx, {Ptr, P1});
  EXPECT_EQ(bits(*computeStackObjectLayout(Mixed, 1, DL, 1)), "01");
  EXPECT_EQ(bits(*computeStackObjectLayout(Mixed, 1, DL, 0)), "10");
  EXPECT_FALSE(computeStackObjectLayout(I64, 1, DL, 0)->hasPointers());
}

TEST_F(LayoutTest, UnalignedPointerHasNoBitmap) {
  auto *Packed = StructType::get(Ctx, {I8, Ptr}, /*isPacked=*/true);
  EXPECT_FALSE(computeStackObjectLayout(Packed, 1, DL, 0).has_value());
}

/// A module and the analysis managers go-llc and opt would give it, with
/// the Go passes and analyses registered.
struct SafepointAnalysisTest : ::testing::Test {
  LLVMContext Ctx;
  std::unique_ptr<Module> M;
  LoopAnalysisManager LAM;
  FunctionAnalysisManager FAM;
  CGSCCAnalysisManager CGAM;
  ModuleAnalysisManager MAM;
  PassBuilder PB;

  SafepointAnalysisTest() {
    registerGoPasses(PB);
    PB.registerModuleAnalyses(MAM);
    PB.registerCGSCCAnalyses(CGAM);
    PB.registerFunctionAnalyses(FAM);
    PB.registerLoopAnalyses(LAM);
    PB.crossRegisterProxies(LAM, FAM, CGAM, MAM);
  }

  void parse(StringRef IR) {
    SMDiagnostic Err;
    M = parseAssemblyString(IR, Err, Ctx);
    ASSERT_TRUE(M) << Err.getMessage().str();
  }

  /// What print<go-safepoints> prints for \p F.
  std::string print(Function &F) {
    std::string S;
    raw_string_ostream OS(S);
    GoSafepointsPrinterPass(OS).run(F, FAM);
    return S;
  }

  void runPipeline(StringRef Text) {
    ModulePassManager MPM;
    Error E = PB.parsePassPipeline(MPM, Text);
    ASSERT_FALSE(!!E) << toString(std::move(E));
    MPM.run(*M, MAM);
  }
};

TEST_F(SafepointAnalysisTest, LiveAcrossButNotArguments) {
  parse(R"(
    declare ptr @main.next(ptr nest, ptr)
    define ptr @main.f(ptr nest %nest, ptr %a, ptr %b) gc "go" {
      %r = call ptr @main.next(ptr nest undef, ptr %a)
      store ptr %r, ptr %b
      ret ptr %r
    }
  )");
  const GoSafepointInfo &Info =
      FAM.getResult<GoSafepointsAnalysis>(*M->getFunction("main.f"));
  ASSERT_EQ(Info.Safepoints.size(), 1u);
  // %a is only an argument of the call and %r is its result: only %b lives
  // across it.
  ASSERT_EQ(Info.Safepoints[0].LiveValues.size(), 1u);
  EXPECT_EQ(Info.Safepoints[0].LiveValues[0].V->getName(), "b");
  EXPECT_EQ(Info.Safepoints[0].LiveValues[0].Fields, GoRoot::NoFields);
  EXPECT_TRUE(Info.Unsupported.empty());
}

TEST_F(SafepointAnalysisTest, InvalidatedUnlessPreserved) {
  parse(R"(
    declare void @main.g(ptr nest)
    define void @main.f(ptr nest %nest, ptr %a) gc "go" {
      call void @main.g(ptr nest undef)
      store ptr null, ptr %a
      ret void
    }
  )");
  Function &F = *M->getFunction("main.f");
  FAM.getResult<GoSafepointsAnalysis>(F);
  ASSERT_NE(FAM.getCachedResult<GoSafepointsAnalysis>(F), nullptr);
  // A pass that changed nothing keeps it...
  FAM.invalidate(F, PreservedAnalyses::all());
  EXPECT_NE(FAM.getCachedResult<GoSafepointsAnalysis>(F), nullptr);
  // ...and so does one that says it preserves it.
  PreservedAnalyses Kept = PreservedAnalyses::none();
  Kept.preserve<GoSafepointsAnalysis>();
  FAM.invalidate(F, Kept);
  EXPECT_NE(FAM.getCachedResult<GoSafepointsAnalysis>(F), nullptr);
  // Preserving the CFG is not enough: a changed call changes the roots.
  PreservedAnalyses CFGOnly = PreservedAnalyses::none();
  CFGOnly.preserveSet<CFGAnalyses>();
  FAM.invalidate(F, CFGOnly);
  EXPECT_EQ(FAM.getCachedResult<GoSafepointsAnalysis>(F), nullptr);
}

TEST_F(SafepointAnalysisTest, AggregateFieldsAreIndexed) {
  // %s, a string-like aggregate made by a call, lives across the next two
  // calls: both record its pointer field through the same entry of
  // AggregateFields.
  parse(R"(
    declare { ptr, i64 } @main.mk(ptr nest)
    declare void @main.g(ptr nest)
    define ptr @main.f(ptr nest %nest) gc "go" {
      %s = call { ptr, i64 } @main.mk(ptr nest undef)
      call void @main.g(ptr nest undef)
      call void @main.g(ptr nest undef)
      %p = extractvalue { ptr, i64 } %s, 0
      ret ptr %p
    }
  )");
  const GoSafepointInfo &Info =
      FAM.getResult<GoSafepointsAnalysis>(*M->getFunction("main.f"));
  ASSERT_EQ(Info.Safepoints.size(), 3u);
  ASSERT_EQ(Info.AggregateFields.size(), 1u);
  EXPECT_EQ(Info.AggregateFields[0], FieldPaths({{0}}));
  for (unsigned I : {1, 2}) {
    ASSERT_EQ(Info.Safepoints[I].LiveValues.size(), 1u);
    EXPECT_EQ(Info.Safepoints[I].LiveValues[0].V->getName(), "s");
    EXPECT_EQ(Info.Safepoints[I].LiveValues[0].Fields, 0u);
  }
}

/// The number of gc-live operands of each statepoint of \p F, and of
/// stack objects in its "deopt" bundle.
static std::string recordedRoots(Function &F) {
  SmallVector<std::string, 4> Counts;
  for (Instruction &I : instructions(F))
    if (auto *SP = dyn_cast<GCStatepointInst>(&I)) {
      auto Deopt = SP->getOperandBundle(LLVMContext::OB_deopt);
      uint64_t Objects =
          Deopt ? cast<ConstantInt>(Deopt->Inputs[0])->getZExtValue() : 0;
      Counts.push_back(utostr(SP->gc_args_end() - SP->gc_args_begin()) + "+" +
                       utostr(Objects));
    }
  return join(Counts, " ");
}

TEST_F(SafepointAnalysisTest, PrinterAndTransformAgree) {
  // A live pointer, a live aggregate (one field recorded), a stack object
  // and a phi of pointers into different objects (a base phi): the printer
  // reports what go-statepoints then records, call by call.
  parse(R"(
    target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
    target triple = "x86_64-unknown-linux-gnu"
    declare ptr @main.new(ptr nest)
    declare { ptr, i64 } @main.mk(ptr nest)
    declare void @main.use(ptr nest, ptr)
    define ptr @main.f(ptr nest %nest, i1 %c) gc "go" {
    entry:
      %obj = alloca ptr, align 8
      %a = call ptr @main.new(ptr nest undef)
      %b = call ptr @main.new(ptr nest undef)
      store ptr %a, ptr %obj
      call void @main.use(ptr nest undef, ptr %obj)
      %s = call { ptr, i64 } @main.mk(ptr nest undef)
      br i1 %c, label %l, label %r
    l:
      %pa = getelementptr i8, ptr %a, i64 8
      br label %j
    r:
      %pb = getelementptr i8, ptr %b, i64 16
      br label %j
    j:
      %p = phi ptr [ %pa, %l ], [ %pb, %r ]
      call void @main.use(ptr nest undef, ptr null)
      %q = extractvalue { ptr, i64 } %s, 0
      call void @main.use(ptr nest undef, ptr %q)
      ret ptr %p
    }
  )");
  Function &F = *M->getFunction("main.f");
  size_t Before = F.getInstructionCount();
  std::string Printed = print(F);
  // The printer prepares and analyses a copy, which it then removes: the
  // function (no base phi added) and the module are unchanged.
  EXPECT_EQ(F.getInstructionCount(), Before);
  EXPECT_EQ(M->size(), 4u);
  EXPECT_NE(Printed.find("6 safepoints"), std::string::npos) << Printed;
  EXPECT_NE(Printed.find("live [%p.go.base]"), std::string::npos) << Printed;

  // Per call: live values + live objects, as the printer counts them.
  SmallVector<std::string, 5> Expected;
  for (StringRef Line : split(Printed, '\n')) {
    if (!Line.contains("  call "))
      continue;
    StringRef Live = Line.split("live [").second.split(']').first;
    StringRef Objs = Line.split("objects [").second.split(']').first;
    auto Count = [](StringRef List) {
      return List.empty() ? 0 : List.count(", ") + 1;
    };
    Expected.push_back(utostr(Count(Live)) + "+" + utostr(Count(Objs)));
  }
  runPipeline("go-statepoints");
  EXPECT_FALSE(verifyModule(*M, &errs()));
  // The aggregate is recorded by its one pointer field, like a pointer.
  EXPECT_EQ(recordedRoots(F), join(Expected, " ")) << Printed;
}
} // namespace
