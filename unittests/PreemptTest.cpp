//===- PreemptTest.cpp - Cycle detection and preemption point lists -------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// What lit cannot reach directly: the one cycle detection (findCycles) on
// irreducible control flow and with cut blocks and edges, and the one parser
// of preemption point lists in both its spellings. Run through lit with the
// other unit tests, or alone: build/unittests/PreemptTest.
//
//===----------------------------------------------------------------------===//

#include "gollc/Cycles.h"
#include "gollc/Pipeline.h"
#include "gollc/Preempt.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/AsmParser/Parser.h"
#include "llvm/IR/BasicBlock.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/SourceMgr.h"

#include "gtest/gtest.h"

using namespace llvm;
using namespace gollc;

namespace {

/// The cycles as "a b; c" (block names, function order).
std::string names(const std::vector<BlockCycle> &Cycles) {
  SmallVector<std::string, 4> Out;
  for (const BlockCycle &C : Cycles) {
    SmallVector<StringRef, 8> Names;
    for (BasicBlock *BB : C)
      Names.push_back(BB->getName());
    Out.push_back(join(Names, " "));
  }
  return join(Out, "; ");
}

struct CyclesTest : ::testing::Test {
  LLVMContext Ctx;
  std::unique_ptr<Module> M;

  Function &parse(StringRef IR) {
    SMDiagnostic Err;
    M = parseAssemblyString(IR, Err, Ctx);
    EXPECT_TRUE(M) << Err.getMessage().str();
    return *M->getFunction("f");
  }
};

// entry branches into both x and y, which branch to each other: a cycle
// with two entries (no loop header), then a self loop s and a cycle u <-> v
// that nothing reaches.
constexpr const char *IrreducibleIR = R"(
  define void @f(i1 %c) {
  entry:
    br i1 %c, label %x, label %y
  x:
    br i1 %c, label %y, label %s
  y:
    br i1 %c, label %x, label %s
  s:
    br i1 %c, label %s, label %done
  done:
    ret void
  u:
    br label %v
  v:
    br label %u
  }
)";

TEST_F(CyclesTest, FindsIrreducibleAndSelfLoops) {
  Function &F = parse(IrreducibleIR);
  EXPECT_EQ(names(findReachableCycles(F)), "x y; s");
  // Every remaining block is searched, reachable from the entry or not.
  auto None = [](const BasicBlock *) { return false; };
  auto NoEdge = [](const BasicBlock *, const BasicBlock *) { return false; };
  EXPECT_EQ(names(findCycles(F, None, NoEdge)), "x y; s; u v");
}

TEST_F(CyclesTest, CutBlocksAndEdgesBreakCycles) {
  Function &F = parse(IrreducibleIR);
  auto CutX = [](const BasicBlock *BB) { return BB->getName() == "x"; };
  auto CutSelf = [](const BasicBlock *From, const BasicBlock *To) {
    return From == To;
  };
  EXPECT_EQ(names(findCycles(F, CutX, CutSelf)), "u v");
}

TEST(PreemptPointsTest, OneParserBothSpellings) {
  PreemptPoints P;
  EXPECT_EQ(parsePreemptPointList("entry;return", ';', P), std::nullopt);
  EXPECT_TRUE(P.Entry && !P.Backedge && P.Return);
  PreemptPoints Q;
  EXPECT_EQ(parsePreemptPointList(" backedge , entry", ',', Q), std::nullopt);
  EXPECT_TRUE(Q.Entry && Q.Backedge && !Q.Return);
  PreemptPoints R;
  EXPECT_EQ(parsePreemptPointList("entry,loops", ',', R),
            std::optional<StringRef>("loops"));
}

TEST(PreemptPointsTest, PassParametersAndDefault) {
  Expected<GoPreemptPass::Options> Default = GoPreemptPass::parseOptions("");
  ASSERT_TRUE(!!Default);
  EXPECT_EQ(Default->Points, GoPreemptPass::Options().Points);
  EXPECT_TRUE(Default->Points.Entry && Default->Points.Backedge &&
              !Default->Points.Return);

  Expected<GoPreemptPass::Options> Ret = GoPreemptPass::parseOptions("return");
  ASSERT_TRUE(!!Ret);
  EXPECT_TRUE(!Ret->Points.Entry && !Ret->Points.Backedge && Ret->Points.Return);

  for (StringRef Bad : {"loops", ";", "entry;sometimes"}) {
    Expected<GoPreemptPass::Options> E = GoPreemptPass::parseOptions(Bad);
    ASSERT_FALSE(!!E) << Bad.str();
    EXPECT_NE(toString(E.takeError()).find("invalid go-preempt parameter"),
              std::string::npos);
  }
  Expected<PreemptPoints> None = parsePreemptPoints("none");
  ASSERT_TRUE(!!None);
  EXPECT_FALSE(None->any());
  Expected<PreemptPoints> Empty = parsePreemptPoints(",");
  ASSERT_FALSE(!!Empty);
  EXPECT_NE(toString(Empty.takeError()).find("empty preemption point list"),
            std::string::npos);
}

} // namespace
