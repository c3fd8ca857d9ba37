//===- Preempt.cpp - Preemption polls for Go code -------------------------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Gollvm inserts no preemption checks: a goroutine spinning in a call-free
// loop cannot be stopped until it makes a call. go-preempt adds polls
//
//   %f = load atomic i32, ptr @__go_preempt_requested monotonic
//   %r = icmp ne i32 %f, 0
//   br i1 %r, label %go.preempt.slow, label %cont, !prof !unlikely
// go.preempt.slow:
//   call void @__go_preempt_slow()
//   br label %cont
//
// at function entry, on loop back edges and before returns. The slow-path
// call is an ordinary call, so go-statepoints later makes it a safepoint.
// The pass runs after default<On>, on already vectorized loops: a counted
// loop whose trip count may exceed -go-preempt-max-unpolled-iters keeps its
// hot path poll-free and instead counts its iterations down in a register,
// polling once per chunk (StripMine.cpp). Loops provably shorter than the
// bound and loops with a safepoint call on every iteration get no poll.
//
// This file carries out what planPreemption() (PreemptPlan.cpp) decided:
// PollInserter inserts one poll, GoPreemptPass::run applies the plan and
// then polls the cycles no loop back edge covers (irreducible control
// flow). Every decision is an optimization remark under "go-preempt".
//
//   opt -load-pass-plugin=$PWD/build/lib/GoPasses.so \
//       -passes='function(go-preempt<entry;backedge>)' \
//       -pass-remarks=go-preempt -pass-remarks-missed=go-preempt -S in.ll
//
//===----------------------------------------------------------------------===//

#include "gollc/Preempt.h"
#include "gollc/GoIR.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Analysis/AssumptionCache.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"

using namespace llvm;

#define DEBUG_TYPE "go-preempt"

static cl::opt<std::string> FlagName(
    "go-preempt-flag", cl::init("__go_preempt_requested"),
    cl::desc("go-preempt: the global the polls load (non-zero = preempt)"),
    cl::cat(gollc::goLoweringCategory()));

static cl::opt<bool> FlagTLS(
    "go-preempt-tls", cl::init(false),
    cl::desc("go-preempt: the flag is a thread_local variable (per-thread "
             "preemption requests)"),
    cl::cat(gollc::goLoweringCategory()));

namespace {
/// -go-preempt-flag-width: the values are the widths in bits.
enum FlagBits : unsigned { Flag8 = 8, Flag16 = 16, Flag32 = 32, Flag64 = 64 };
/// -go-preempt-cc.
enum class SlowPathCC { C, PreserveMost, PreserveAll };
} // namespace

static cl::opt<FlagBits> FlagWidth(
    "go-preempt-flag-width", cl::init(Flag32),
    cl::desc("go-preempt: width in bits of the flag"),
    cl::values(clEnumValN(Flag8, "8", "an i8 flag"),
               clEnumValN(Flag16, "16", "an i16 flag"),
               clEnumValN(Flag32, "32", "an i32 flag (default)"),
               clEnumValN(Flag64, "64", "an i64 flag")),
    cl::cat(gollc::goLoweringCategory()));

static cl::opt<SlowPathCC> SlowCC(
    "go-preempt-cc", cl::init(SlowPathCC::C),
    cl::desc("go-preempt: calling convention of the slow-path call (with "
             "preserve_most or preserve_all the runtime's slow path saves "
             "the registers, so polled functions need no callee-saved "
             "registers for values live across it)"),
    cl::values(clEnumValN(SlowPathCC::C, "c", "the C convention (default)"),
               clEnumValN(SlowPathCC::PreserveMost, "preserve_most",
                          "preserve_mostcc"),
               clEnumValN(SlowPathCC::PreserveAll, "preserve_all",
                          "preserve_allcc")),
    cl::cat(gollc::goLoweringCategory()));

namespace gollc {

//===----------------------------------------------------------------------===//
// One poll
//===----------------------------------------------------------------------===//

PollInserter::PollInserter(Function &F) : F(F), Ctx(F.getContext()) {}

bool PollInserter::setUp() {
  Module &M = *F.getParent();
  FlagTy = IntegerType::get(Ctx, FlagWidth);
  GlobalValue *GV = M.getNamedValue(FlagName);
  if (GV && !isa<GlobalVariable>(GV)) {
    reportPreemptError(F, formatv("go-preempt: function '{0}': preemption flag "
                                  "'{1}' is not a global variable",
                                  F.getName(), FlagName.getValue()));
    return false;
  }
  Flag = cast_or_null<GlobalVariable>(GV);
  if (Flag && Flag->isConstant()) {
    reportPreemptError(F, formatv("go-preempt: function '{0}': preemption flag "
                                  "'{1}' is a constant",
                                  F.getName(), FlagName.getValue()));
    return false;
  }

  FunctionType *SlowTy = FunctionType::get(Type::getVoidTy(Ctx), false);
  GlobalValue *SlowGV = M.getNamedValue(preemptSlowPathName());
  if (SlowGV && (!isa<Function>(SlowGV) ||
                 cast<Function>(SlowGV)->getFunctionType() != SlowTy)) {
    reportPreemptError(F, formatv("go-preempt: function '{0}': preemption slow "
                                  "path '{1}' exists but is not a void() "
                                  "function",
                                  F.getName(), preemptSlowPathName()));
    return false;
  }
  switch (SlowCC) {
  case SlowPathCC::C:
    CC = CallingConv::C;
    break;
  case SlowPathCC::PreserveMost:
    CC = CallingConv::PreserveMost;
    break;
  case SlowPathCC::PreserveAll:
    CC = CallingConv::PreserveAll;
    break;
  }
  if (SlowGV)
    Slow = FunctionCallee(SlowTy, SlowGV);
  Unlikely = MDBuilder(Ctx).createBranchWeights(1, (1u << 20) - 1);
  return true;
}

void PollInserter::declare() {
  // Declared on first use only, so modules without polls stay unchanged.
  Module &M = *F.getParent();
  if (!Flag) {
    unsigned Width = FlagTy->getBitWidth();
    Flag = new GlobalVariable(
        M, FlagTy, /*isConstant=*/false, GlobalValue::ExternalLinkage,
        /*Initializer=*/nullptr, FlagName, /*InsertBefore=*/nullptr,
        FlagTLS ? GlobalValue::GeneralDynamicTLSModel
                : GlobalValue::NotThreadLocal);
    Flag->setAlignment(Align(Width / 8));
  }
  if (!Slow) {
    FunctionType *SlowTy = FunctionType::get(Type::getVoidTy(Ctx), false);
    Function *SlowFn = Function::Create(SlowTy, GlobalValue::ExternalLinkage,
                                        preemptSlowPathName(), M);
    // Rarely run and never worth inlining into a loop. No nounwind: the
    // runtime's slow path is not ours to describe.
    SlowFn->addFnAttr(Attribute::Cold);
    SlowFn->addFnAttr(Attribute::NoInline);
    SlowFn->setCallingConv(CC);
    Slow = FunctionCallee(SlowTy, SlowFn);
  }
}

void PollInserter::nameTail(const BasicBlock &Head, BasicBlock &Tail) {
  if (Tail.hasName())
    return;
  StringRef Base = Head.getName();
  Tail.setName(Base.empty() ? Twine("go.preempt.cont")
                            : Base + ".go.preempt.cont");
}

DebugLoc PollInserter::locationFor(Instruction *IP) const {
  if (DebugLoc DL = IP->getDebugLoc())
    return DL;
  if (DISubprogram *SP = F.getSubprogram())
    return DILocation::get(Ctx, 0, 0, SP);
  return DebugLoc();
}

BasicBlock *PollInserter::insertPoll(Instruction *IP) {
  declare();
  DebugLoc DL = locationFor(IP);
  IRBuilder<> B(IP);
  B.SetCurrentDebugLocation(DL);
  Value *Addr = Flag;
  if (Flag->isThreadLocal())
    Addr = B.CreateThreadLocalAddress(Flag);
  // Atomic monotonic: a plain load could be hoisted out of the loop (it is
  // loop-invariant as far as LLVM can see) and the poll would read a stale
  // flag forever.
  LoadInst *Load = B.CreateAlignedLoad(
      FlagTy, Addr, Align(FlagTy->getBitWidth() / 8), "go.preempt.flag");
  Load->setAtomic(AtomicOrdering::Monotonic);
  Load->setMetadata(PollMDName, MDNode::get(Ctx, {}));
  Value *Requested =
      B.CreateICmpNE(Load, ConstantInt::get(FlagTy, 0), "go.preempt.req");
  BasicBlock *Head = IP->getParent();
  Instruction *ThenTerm = SplitBlockAndInsertIfThen(
      Requested, IP, /*Unreachable=*/false, Unlikely);
  ThenTerm->getParent()->setName("go.preempt.slow");
  nameTail(*Head, *IP->getParent());
  IRBuilder<> SB(ThenTerm);
  SB.SetCurrentDebugLocation(DL);
  SB.CreateCall(Slow)->setCallingConv(CC);
  return Load->getParent();
}

//===----------------------------------------------------------------------===//
// The pass
//===----------------------------------------------------------------------===//

Expected<GoPreemptPass::Options> GoPreemptPass::parseOptions(StringRef Params) {
  Options Result;
  if (Params.empty())
    return Result;
  Result.Points = PreemptPoints();
  std::optional<StringRef> Bad =
      parsePreemptPointList(Params, ';', Result.Points);
  if (!Bad && !Result.Points.any())
    Bad = Params;
  if (Bad)
    return make_error<StringError>(
        formatv("invalid go-preempt parameter '{0}' (expected a "
                "';'-separated subset of entry;backedge;return)",
                *Bad)
            .str(),
        inconvertibleErrorCode());
  return Result;
}

void GoPreemptPass::printPipeline(
    raw_ostream &OS, function_ref<StringRef(StringRef)> MapClassName2PassName) {
  OS << MapClassName2PassName(name()) << '<' << formatPreemptParams(Opts.Points)
     << '>';
}

/// The first point after the entry block's static allocas: allocas must stay
/// in the entry block to remain static frame slots.
static Instruction *entryInsertionPoint(Function &F) {
  BasicBlock &Entry = F.getEntryBlock();
  Instruction *IP = nullptr;
  for (Instruction &I : Entry)
    if (!isa<AllocaInst>(I) && !isa<DbgInfoIntrinsic>(I)) {
      IP = &I;
      break;
    }
  // Static allocas further down the entry block (-O0 output interleaves
  // them with code) would land in the block split off below the poll and
  // become dynamic allocas: a variable-size frame no stack map can
  // describe. Their operands are constants, so they move up freely.
  SmallVector<AllocaInst *, 8> Late;
  for (auto It = IP->getIterator(), E = Entry.end(); It != E; ++It)
    if (auto *AI = dyn_cast<AllocaInst>(&*It); AI && AI->isStaticAlloca())
      Late.push_back(AI);
  for (AllocaInst *AI : Late)
    AI->moveBefore(IP);
  return IP;
}

/// Where a poll for the cycle through \p BB can go, or nullptr (EH pads that
/// are their own terminators, such as catchswitch).
static Instruction *blockInsertionPoint(BasicBlock &BB) {
  BasicBlock::iterator IP = BB.getFirstInsertionPt();
  if (IP == BB.end() || IP->isEHPad())
    return nullptr;
  return &*IP;
}

/// Inserts the polls \p Plan decided; returns whether it changed anything.
static bool applyPlan(Function &F, const PreemptPlan &Plan,
                      PollInserter &Polls, OptimizationRemarkEmitter &ORE) {
  bool Changed = false;
  for (const LoopPollPlan &LP : Plan.Loops) {
    if (LP.Kind == LoopPollPlan::StripMine) {
      insertStripMine(Polls, *LP.L, *LP.Shape, LP.Chunk);
      Changed = true;
      continue;
    }
    if (LP.Kind == LoopPollPlan::Counter) {
      insertCounter(Polls, *LP.L, LP.LatchTerms.front(), LP.Chunk);
      Changed = true;
      continue;
    }
    for (Instruction *Term : LP.LatchTerms) {
      // An EH pad that is its own terminator leaves no room; the cycle
      // search after the plan polls such a cycle elsewhere.
      if (Term->isEHPad())
        continue;
      Polls.insertPoll(Term);
      Changed = true;
    }
  }
  for (Instruction *IP : Plan.Returns) {
    Polls.insertPoll(IP);
    ORE.emit([&] {
      return OptimizationRemark(DEBUG_TYPE, "ReturnPoll", IP)
             << "poll placed before return";
    });
    Changed = true;
  }
  if (Plan.EntryPoll) {
    Polls.insertPoll(entryInsertionPoint(F));
    ORE.emit([&] {
      return OptimizationRemark(DEBUG_TYPE, "EntryPoll", &F)
             << "poll placed at entry of '"
             << ore::NV("Function", F.getName()) << "'";
    });
    Changed = true;
  }
  return Changed;
}

/// Polls one block of \p Cycle, preferring one entered from outside (for an
/// irreducible cycle, one of its entries); false if no block has room.
static bool pollCycle(const BlockCycle &Cycle, PollInserter &Polls,
                      OptimizationRemarkEmitter &ORE) {
  SmallPtrSet<BasicBlock *, 8> Members(Cycle.begin(), Cycle.end());
  SmallVector<BasicBlock *, 8> Candidates;
  for (BasicBlock *BB : Cycle)
    if (any_of(predecessors(BB),
               [&](BasicBlock *P) { return !Members.count(P); }))
      Candidates.push_back(BB);
  append_range(Candidates, Cycle);
  for (BasicBlock *BB : Candidates) {
    Instruction *IP = blockInsertionPoint(*BB);
    if (!IP)
      continue;
    std::string Where = preemptBlockName(*BB);
    Polls.insertPoll(IP);
    ORE.emit([&] {
      return OptimizationRemark(DEBUG_TYPE, "CyclePoll", IP)
             << "poll placed in block " << Where
             << " of a cycle with no loop back edge to poll "
                "(irreducible control flow); unpolled run <= "
             << ore::NV("UnpolledRun", 1) << " iterations";
    });
    return true;
  }
  return false;
}

/// Polls the cycles that remain unpolled after the plan (those LoopInfo
/// does not describe, and back edges with no room for a poll), one block per
/// cycle and round until none is left; returns whether it changed anything.
static bool pollRemainingCycles(Function &F, FunctionAnalysisManager &FAM,
                                PollInserter &Polls,
                                OptimizationRemarkEmitter &ORE) {
  auto &TLI = FAM.getResult<TargetLibraryAnalysis>(F);
  auto &AC = FAM.getResult<AssumptionAnalysis>(F);
  bool Changed = false;
  for (unsigned Round = 0, MaxRounds = F.size() + 1; Round < MaxRounds;
       ++Round) {
    std::vector<BlockCycle> Cycles = findUnpolledCycles(F, TLI, AC);
    if (Cycles.empty())
      break;
    bool Progress = false;
    for (const BlockCycle &Cycle : Cycles)
      Progress |= pollCycle(Cycle, Polls, ORE);
    Changed |= Progress;
    if (!Progress) {
      reportPreemptError(
          F, formatv("go-preempt: function '{0}': cannot place a poll on the "
                     "cycle through {1}",
                     F.getName(), preemptBlockName(*Cycles.front().front())));
      break;
    }
  }
  return Changed;
}

PreservedAnalyses GoPreemptPass::run(Function &F,
                                     FunctionAnalysisManager &FAM) {
  auto &ORE = FAM.getResult<OptimizationRemarkEmitterAnalysis>(F);
  if (std::optional<std::string> Reason = preemptSkipReason(F)) {
    if (!F.isDeclaration())
      ORE.emit([&] {
        return OptimizationRemarkMissed(DEBUG_TYPE, "FunctionSkipped", &F)
               << "no preemption polls in '" << ore::NV("Function", F.getName())
               << "': " << *Reason;
      });
    return PreservedAnalyses::all();
  }
  if (!Opts.Points.any())
    return PreservedAnalyses::all();
  PollInserter Polls(F);
  if (!Polls.setUp())
    return PreservedAnalyses::all();

  // Decide everything on the unmodified function, then transform.
  auto &DT = FAM.getResult<DominatorTreeAnalysis>(F);
  auto &LI = FAM.getResult<LoopAnalysis>(F);
  auto &SE = FAM.getResult<ScalarEvolutionAnalysis>(F);
  PreemptPlan Plan = planPreemption(F, Opts.Points, DT, LI, SE, ORE);
  bool Changed = applyPlan(F, Plan, Polls, ORE);
  if (Opts.Points.Backedge)
    Changed |= pollRemainingCycles(F, FAM, Polls, ORE);
  if (!Changed)
    return PreservedAnalyses::all();

  // The optimizer may have inferred that F touches only its arguments, never
  // synchronises, frees, recurses or unwinds. The slow-path call makes all of
  // that untrue (the runtime may switch goroutines and run anything), so the
  // inferred attributes go.
  for (Attribute::AttrKind Kind :
       {Attribute::Memory, Attribute::NoSync, Attribute::NoFree,
        Attribute::NoRecurse, Attribute::NoUnwind, Attribute::WillReturn})
    F.removeFnAttr(Kind);
  // Blocks were split and phis added: no CFG analysis survives.
  return PreservedAnalyses::none();
}

} // namespace gollc
