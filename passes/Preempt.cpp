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
// polling once per chunk (docs/Preemption.md explains why this form and not
// a nested loop). Loops provably shorter than the bound and loops with a
// safepoint call on every iteration get no poll. Every decision is an
// optimization remark under "go-preempt".
//
//   opt -load-pass-plugin=$PWD/build/lib/GoPasses.so \
//       -passes='function(go-preempt<entry;backedge>)' \
//       -pass-remarks=go-preempt -pass-remarks-missed=go-preempt -S in.ll
//
//===----------------------------------------------------------------------===//

#include "gollc/Preempt.h"
#include "gollc/GoIR.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/PostOrderIterator.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Analysis/AssumptionCache.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/ScalarEvolutionExpressions.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/DiagnosticPrinter.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Statepoint.h"
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

static cl::opt<std::string> SlowFnName(
    "go-preempt-fn", cl::init("__go_preempt_slow"),
    cl::desc("go-preempt: the void() function a poll calls when the flag is "
             "set"),
    cl::cat(gollc::goLoweringCategory()));

static cl::opt<bool> FlagTLS(
    "go-preempt-tls", cl::init(false),
    cl::desc("go-preempt: the flag is a thread_local variable (per-thread "
             "preemption requests)"),
    cl::cat(gollc::goLoweringCategory()));

static cl::opt<unsigned> FlagWidth(
    "go-preempt-flag-width", cl::init(32),
    cl::desc("go-preempt: width in bits of the flag (8, 16, 32 or 64)"),
    cl::cat(gollc::goLoweringCategory()));

static cl::opt<std::string> SlowCC(
    "go-preempt-cc", cl::init("c"),
    cl::desc("go-preempt: calling convention of the slow-path call: c "
             "(default), preserve_most or preserve_all (the runtime's slow "
             "path then saves the registers, so polled functions need no "
             "callee-saved registers for values live across it)"),
    cl::cat(gollc::goLoweringCategory()));

static cl::opt<std::string> SkipPrefixes(
    "go-preempt-skip", cl::init("runtime."),
    cl::desc("go-preempt: comma-separated name prefixes of functions that "
             "get no polls at all (default: runtime.)"),
    cl::cat(gollc::goLoweringCategory()));

static cl::opt<uint64_t> MaxUnpolledIters(
    "go-preempt-max-unpolled-iters", cl::init(1000),
    cl::desc("go-preempt: loops provably shorter than this get no poll; "
             "longer counted loops poll once per this many iterations"),
    cl::cat(gollc::goLoweringCategory()));

namespace gollc {

uint64_t preemptMaxUnpolledIters() {
  return std::max<uint64_t>(1, MaxUnpolledIters);
}

namespace {

/// An error from go-preempt or its verifier, printed as "error: <message>".
class PreemptDiagnostic : public DiagnosticInfo {
public:
  explicit PreemptDiagnostic(std::string Msg)
      : DiagnosticInfo(kind(), DS_Error), Msg(std::move(Msg)) {}
  void print(DiagnosticPrinter &DP) const override { DP << Msg; }

private:
  static int kind() {
    static int Kind = getNextAvailablePluginDiagnosticKind();
    return Kind;
  }
  std::string Msg;
};

} // namespace

void reportPreemptError(const Function &F, const Twine &Msg) {
  F.getContext().diagnose(PreemptDiagnostic(Msg.str()));
}

std::optional<std::string> preemptSkipReason(const Function &F) {
  if (F.isDeclaration() || F.hasAvailableExternallyLinkage())
    return std::string("not defined here");
  if (!isGollvmFunction(F) && !hasGoGC(F))
    return std::string("not Go code (no nest parameter, \"split-stack\" or "
                       "gc \"go\")");
  if (F.hasFnAttribute("go-nopreempt"))
    return std::string("function is \"go-nopreempt\"");
  if (F.hasFnAttribute("go-nosplit"))
    return std::string("function is \"go-nosplit\"");
  if (isGoNoSplit(F))
    return std::string("function is nosplit (no \"split-stack\" in a module "
                       "whose Go functions have it: Gollvm's //go:nosplit)");
  if (F.hasFnAttribute("gc-leaf-function"))
    return std::string("function is a \"gc-leaf-function\"");
  if (F.getName() == SlowFnName)
    return std::string("function is the preemption slow path");
  SmallVector<StringRef, 4> Prefixes;
  StringRef(SkipPrefixes).split(Prefixes, ',', -1, /*KeepEmpty=*/false);
  for (StringRef P : Prefixes)
    if (F.getName().starts_with(P.trim()))
      return formatv("name matches the skip list prefix '{0}'", P.trim()).str();
  return std::nullopt;
}

bool isPollLoad(const Instruction &I) {
  return isa<LoadInst>(I) && I.getMetadata(PollMDName);
}

/// True if \p F gets no entry poll from go-preempt because it is a leaf (no
/// safepoint call, no cycle) or "go-nosplit"; calls to it then poll nothing.
static bool isLeafFunction(const Function &F);

/// True if the call \p CB reaches a poll: a safepoint call, unless it calls a
/// function of this module that go-preempt leaves without an entry poll.
static bool callPolls(const CallBase &CB) {
  const Function *Callee = CB.getCalledFunction();
  // After go-statepoints a safepoint call is a gc.statepoint intrinsic; what
  // matters is the function it calls.
  if (const auto *SP = dyn_cast<GCStatepointInst>(&CB)) {
    Callee = SP->getActualCalledFunction();
  } else if (classifyCallSite(CB) != CallSiteKind::Safepoint) {
    return false;
  }
  if (!Callee || Callee->isDeclaration())
    return true;
  if (isGoNoSplit(*Callee) || Callee->hasFnAttribute("go-nopreempt"))
    return false;
  return !isLeafFunction(*Callee);
}

static bool hasSafepointCall(const Function &F) {
  for (const BasicBlock &BB : F)
    for (const Instruction &I : BB)
      if (const auto *CB = dyn_cast<CallBase>(&I))
        if (isa<GCStatepointInst>(CB) ||
            classifyCallSite(*CB) == CallSiteKind::Safepoint)
          return true;
  return false;
}

/// True if a reachable cycle exists in \p F's CFG (reducible or not).
static bool hasCycle(const Function &F) {
  // Iterative DFS with colours: a grey successor closes a cycle.
  DenseMap<const BasicBlock *, int> Colour; // 1 = on stack, 2 = done.
  SmallVector<std::pair<const BasicBlock *, const_succ_iterator>, 16> Stack;
  const BasicBlock *Entry = &F.getEntryBlock();
  Colour[Entry] = 1;
  Stack.push_back({Entry, succ_begin(Entry)});
  while (!Stack.empty()) {
    auto &[BB, It] = Stack.back();
    if (It == succ_end(BB)) {
      Colour[BB] = 2;
      Stack.pop_back();
      continue;
    }
    const BasicBlock *Succ = *It++;
    int &C = Colour[Succ];
    if (C == 1)
      return true;
    if (C == 0) {
      C = 1;
      Stack.push_back({Succ, succ_begin(Succ)});
    }
  }
  return false;
}

static bool isLeafFunction(const Function &F) {
  if (F.isDeclaration())
    return false;
  return !hasSafepointCall(F) && !hasCycle(F);
}

bool blockPolls(const BasicBlock &BB) {
  for (const Instruction &I : BB) {
    if (isPollLoad(I))
      return true;
    if (const auto *CB = dyn_cast<CallBase>(&I))
      if (callPolls(*CB))
        return true;
  }
  return false;
}

/// True if \p BB ends a strip-mined loop's hot cycle: its conditional branch
/// tests a value go-preempt marked (the down-counter decrement or the chunk
/// limit phi), and a block at most two edges away on that branch polls.
static bool blockCounts(const BasicBlock &BB) {
  const auto *Br = dyn_cast<BranchInst>(BB.getTerminator());
  if (!Br || !Br->isConditional())
    return false;
  const auto *Cmp = dyn_cast<ICmpInst>(Br->getCondition());
  if (!Cmp || none_of(Cmp->operands(), [](const Use &U) {
        const auto *I = dyn_cast<Instruction>(U.get());
        return I && I->getMetadata(CounterMDName);
      }))
    return false;
  for (const BasicBlock *Succ : successors(&BB)) {
    if (blockPolls(*Succ))
      return true;
    for (const BasicBlock *Next : successors(Succ))
      if (blockPolls(*Next))
        return true;
  }
  return false;
}

bool loopAlwaysPolls(const Loop &L, const DominatorTree &DT) {
  SmallVector<BasicBlock *, 4> Latches;
  L.getLoopLatches(Latches);
  for (BasicBlock *BB : L.blocks()) {
    if (!blockPolls(*BB))
      continue;
    if (all_of(Latches, [&](BasicBlock *Latch) {
          return DT.dominates(BB, Latch);
        }))
      return true;
  }
  return false;
}

/// The constant maximum trip count of \p L, or std::nullopt.
static std::optional<uint64_t> maxTripCount(const Loop &L,
                                            ScalarEvolution &SE) {
  const SCEV *Max = SE.getConstantMaxBackedgeTakenCount(&L);
  const auto *C = dyn_cast<SCEVConstant>(Max);
  if (!C || C->getAPInt().getActiveBits() > 62)
    return std::nullopt;
  return C->getAPInt().getZExtValue() + 1;
}

std::optional<uint64_t> unpolledTripBound(const Loop &L, ScalarEvolution &SE,
                                          const DominatorTree &DT) {
  if (loopAlwaysPolls(L, DT))
    return 1;
  std::optional<uint64_t> Trips = maxTripCount(L, SE);
  if (!Trips)
    return std::nullopt;
  uint64_t Inner = 1;
  for (const Loop *Sub : L.getSubLoops()) {
    std::optional<uint64_t> SubBound = unpolledTripBound(*Sub, SE, DT);
    if (!SubBound)
      return std::nullopt;
    Inner = std::max(Inner, *SubBound);
  }
  if (*Trips > UINT64_MAX / Inner)
    return std::nullopt;
  return *Trips * Inner;
}

namespace {

/// Iterative Tarjan over the reachable blocks of a function, skipping cut
/// blocks and cut edges; yields the strongly connected sets that contain a
/// cycle.
class CycleFinder {
public:
  CycleFinder(function_ref<bool(const BasicBlock *)> CutBlock,
              function_ref<bool(const BasicBlock *, const BasicBlock *)> CutEdge)
      : CutBlock(CutBlock), CutEdge(CutEdge) {}

  std::vector<SmallVector<BasicBlock *, 8>> run(Function &F) {
    for (BasicBlock &BB : F)
      if (!Index.count(&BB) && !CutBlock(&BB))
        visit(&BB);
    return std::move(Result);
  }

private:
  struct Frame {
    BasicBlock *BB;
    succ_iterator It;
  };

  void visit(BasicBlock *Root) {
    SmallVector<Frame, 16> Work;
    enter(Root);
    Work.push_back({Root, succ_begin(Root)});
    while (!Work.empty()) {
      Frame &Top = Work.back();
      if (Top.It != succ_end(Top.BB)) {
        BasicBlock *Succ = *Top.It++;
        if (CutBlock(Succ) || CutEdge(Top.BB, Succ))
          continue;
        auto Found = Index.find(Succ);
        if (Found == Index.end()) {
          enter(Succ);
          Work.push_back({Succ, succ_begin(Succ)});
        } else if (OnStack.count(Succ)) {
          Low[Top.BB] = std::min(Low[Top.BB], Found->second);
        }
        continue;
      }
      BasicBlock *BB = Top.BB;
      Work.pop_back();
      if (!Work.empty())
        Low[Work.back().BB] = std::min(Low[Work.back().BB], Low[BB]);
      if (Low[BB] != Index[BB])
        continue;
      SmallVector<BasicBlock *, 8> SCC;
      BasicBlock *Member;
      do {
        Member = Stack.pop_back_val();
        OnStack.erase(Member);
        SCC.push_back(Member);
      } while (Member != BB);
      if (SCC.size() > 1 || selfLoop(BB)) {
        std::reverse(SCC.begin(), SCC.end());
        Result.push_back(std::move(SCC));
      }
    }
  }

  void enter(BasicBlock *BB) {
    Index[BB] = Low[BB] = Next++;
    Stack.push_back(BB);
    OnStack.insert(BB);
  }

  bool selfLoop(BasicBlock *BB) {
    for (BasicBlock *Succ : successors(BB))
      if (Succ == BB && !CutEdge(BB, BB))
        return true;
    return false;
  }

  function_ref<bool(const BasicBlock *)> CutBlock;
  function_ref<bool(const BasicBlock *, const BasicBlock *)> CutEdge;
  DenseMap<BasicBlock *, unsigned> Index, Low;
  SmallVector<BasicBlock *, 16> Stack;
  SmallPtrSet<BasicBlock *, 16> OnStack;
  unsigned Next = 0;
  std::vector<SmallVector<BasicBlock *, 8>> Result;
};

} // namespace

std::vector<SmallVector<BasicBlock *, 8>>
findUnpolledCycles(Function &F, TargetLibraryInfo &TLI, AssumptionCache &AC) {
  // Fresh analyses: the caller may just have changed the CFG.
  DominatorTree DT(F);
  LoopInfo LI(DT);
  ScalarEvolution SE(F, TLI, AC, DT, LI);
  uint64_t Limit = preemptMaxUnpolledIters();

  DenseSet<std::pair<const BasicBlock *, const BasicBlock *>> BoundedEdges;
  for (Loop *L : LI.getLoopsInPreorder()) {
    std::optional<uint64_t> Bound = unpolledTripBound(*L, SE, DT);
    if (!Bound || *Bound >= Limit)
      continue;
    SmallVector<BasicBlock *, 4> Latches;
    L->getLoopLatches(Latches);
    for (BasicBlock *Latch : Latches)
      BoundedEdges.insert({Latch, L->getHeader()});
  }
  DenseMap<const BasicBlock *, bool> CutCache;
  auto CutBlock = [&](const BasicBlock *BB) {
    if (!DT.isReachableFromEntry(BB))
      return true;
    auto [It, New] = CutCache.try_emplace(BB, false);
    if (New)
      It->second = blockPolls(*BB) || blockCounts(*BB);
    return It->second;
  };
  auto CutEdge = [&](const BasicBlock *From, const BasicBlock *To) {
    return BoundedEdges.contains({From, To});
  };
  auto Cycles = CycleFinder(CutBlock, CutEdge).run(F);
  // Report in program order for stable output.
  DenseMap<const BasicBlock *, unsigned> Order;
  for (BasicBlock &BB : F)
    Order[&BB] = Order.size();
  for (auto &C : Cycles)
    sort(C, [&](BasicBlock *A, BasicBlock *B) { return Order[A] < Order[B]; });
  sort(Cycles, [&](const auto &A, const auto &B) {
    return Order[A.front()] < Order[B.front()];
  });
  return Cycles;
}

namespace {

/// A loop go-preempt can strip-mine in place: one latch, which exits (other
/// blocks may exit too, as in a search) when `iv.next == end` (the form LoopVectorize and
/// IndVarSimplify's exit-test rewriting produce), with `iv.next = iv + step`,
/// a positive constant step and a loop-invariant `end`.
struct StripMineShape {
  BranchInst *Br;
  ICmpInst *Cmp;
  unsigned EndIdx;
  unsigned ExitIdx;
  PHINode *IV;
  Instruction *IVNext;
  Value *End;
  uint64_t Step;
};

} // namespace

static std::optional<StripMineShape> matchStripMine(Loop &L,
                                                    ScalarEvolution &SE,
                                                    uint64_t Chunk) {
  BasicBlock *Latch = L.getLoopLatch();
  if (!Latch)
    return std::nullopt;
  auto *Br = dyn_cast<BranchInst>(Latch->getTerminator());
  if (!Br || !Br->isConditional())
    return std::nullopt;
  auto *Cmp = dyn_cast<ICmpInst>(Br->getCondition());
  if (!Cmp || !Cmp->isEquality() || !Cmp->getOperand(0)->getType()->isIntegerTy())
    return std::nullopt;
  unsigned ExitIdx = L.contains(Br->getSuccessor(0)) ? 1 : 0;
  if (L.contains(Br->getSuccessor(ExitIdx)) ||
      (Cmp->getPredicate() == ICmpInst::ICMP_EQ) != (ExitIdx == 0))
    return std::nullopt;
  // The latch's exit count must be computable: then `iv.next` reaches `end`
  // exactly (unless an early exit leaves first) and the distance
  // `end - iv.next` counts the remaining steps.
  if (isa<SCEVCouldNotCompute>(SE.getExitCount(&L, Latch)))
    return std::nullopt;
  for (unsigned EndIdx = 0; EndIdx < 2; ++EndIdx) {
    Value *End = Cmp->getOperand(EndIdx);
    auto *IVNext = dyn_cast<BinaryOperator>(Cmp->getOperand(1 - EndIdx));
    if (!IVNext || IVNext->getOpcode() != Instruction::Add ||
        !L.isLoopInvariant(End))
      continue;
    auto *IV = dyn_cast<PHINode>(IVNext->getOperand(0));
    auto *Step = dyn_cast<ConstantInt>(IVNext->getOperand(1));
    if (!IV || !Step || IV->getParent() != L.getHeader() ||
        IV->getIncomingValueForBlock(Latch) != IVNext)
      continue;
    const APInt &S = Step->getValue();
    unsigned Bits = S.getBitWidth();
    if (S.isNonPositive() || S.getActiveBits() > 32 || Bits < 16 ||
        S.getZExtValue() * Chunk >= (Bits >= 64 ? UINT64_MAX / 2
                                                : (uint64_t(1) << (Bits - 1))))
      continue;
    return StripMineShape{Br,     Cmp, EndIdx, ExitIdx,
                          IV,     IVNext, End, S.getZExtValue()};
  }
  return std::nullopt;
}

namespace {

/// Everything one function's transformation needs.
class PreemptInserter {
public:
  PreemptInserter(Function &F, OptimizationRemarkEmitter &ORE)
      : F(F), Ctx(F.getContext()), ORE(ORE) {}

  /// Finds or declares the flag and the slow path; false (after a
  /// diagnostic) if the module already defines them incompatibly.
  bool setUp();
  /// Creates the flag and slow-path declarations if the module lacks them.
  void declare();

  /// Inserts a poll before \p IP; returns the block holding the flag check.
  BasicBlock *insertPoll(Instruction *IP);

  /// Counts \p L's iterations down from \p Chunk at \p LatchTerm (its only
  /// back edge) and polls when the count reaches zero.
  void insertCounter(Loop &L, Instruction *LatchTerm, uint64_t Chunk);

  /// Strip-mines \p L (shape \p S) into chunks of \p Chunk iterations: the
  /// latch compares against a chunk limit instead of the end, and the poll
  /// runs between chunks.
  void insertStripMine(Loop &L, const StripMineShape &S, uint64_t Chunk);

  /// The block name used in remarks and errors: "%name" or "%<number>".
  static std::string blockName(const BasicBlock &BB);

private:
  DebugLoc locationFor(Instruction *IP) const;

  Function &F;
  LLVMContext &Ctx;
  OptimizationRemarkEmitter &ORE;
  GlobalVariable *Flag = nullptr;
  IntegerType *FlagTy = nullptr;
  FunctionCallee Slow;
  CallingConv::ID CC = CallingConv::C;
  MDNode *Unlikely = nullptr;
};

} // namespace

std::string PreemptInserter::blockName(const BasicBlock &BB) {
  std::string S;
  raw_string_ostream OS(S);
  BB.printAsOperand(OS, /*PrintType=*/false);
  return S;
}

bool PreemptInserter::setUp() {
  Module &M = *F.getParent();
  unsigned Width = FlagWidth;
  if (Width != 8 && Width != 16 && Width != 32 && Width != 64) {
    reportPreemptError(F, formatv("go-preempt: -go-preempt-flag-width={0} is "
                                  "not 8, 16, 32 or 64",
                                  Width));
    return false;
  }
  FlagTy = IntegerType::get(Ctx, Width);
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
  GlobalValue *SlowGV = M.getNamedValue(SlowFnName);
  if (SlowGV && (!isa<Function>(SlowGV) ||
                 cast<Function>(SlowGV)->getFunctionType() != SlowTy)) {
    reportPreemptError(F, formatv("go-preempt: function '{0}': preemption slow "
                                  "path '{1}' exists but is not a void() "
                                  "function",
                                  F.getName(), SlowFnName.getValue()));
    return false;
  }
  if (SlowCC == "c")
    CC = CallingConv::C;
  else if (SlowCC == "preserve_most")
    CC = CallingConv::PreserveMost;
  else if (SlowCC == "preserve_all")
    CC = CallingConv::PreserveAll;
  else {
    reportPreemptError(F, formatv("go-preempt: -go-preempt-cc={0} is not c, "
                                  "preserve_most or preserve_all",
                                  SlowCC.getValue()));
    return false;
  }
  if (SlowGV)
    Slow = FunctionCallee(SlowTy, SlowGV);
  Unlikely = MDBuilder(Ctx).createBranchWeights(1, (1u << 20) - 1);
  return true;
}

void PreemptInserter::declare() {
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
                                        SlowFnName, M);
    // Rarely run and never worth inlining into a loop. No nounwind: the
    // runtime's slow path is not ours to describe.
    SlowFn->addFnAttr(Attribute::Cold);
    SlowFn->addFnAttr(Attribute::NoInline);
    SlowFn->setCallingConv(CC);
    Slow = FunctionCallee(SlowTy, SlowFn);
  }
}

/// Names the block split off \p Head after its original name, so that the
/// output stays readable: "loop" continues in "loop.go.preempt.cont".
static void nameTail(const BasicBlock &Head, BasicBlock &Tail) {
  if (Tail.hasName())
    return;
  StringRef Base = Head.getName();
  Tail.setName(Base.empty() ? Twine("go.preempt.cont")
                            : Base + ".go.preempt.cont");
}

DebugLoc PreemptInserter::locationFor(Instruction *IP) const {
  if (DebugLoc DL = IP->getDebugLoc())
    return DL;
  if (DISubprogram *SP = F.getSubprogram())
    return DILocation::get(Ctx, 0, 0, SP);
  return DebugLoc();
}

BasicBlock *PreemptInserter::insertPoll(Instruction *IP) {
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

void PreemptInserter::insertCounter(Loop &L, Instruction *LatchTerm,
                                    uint64_t Chunk) {
  BasicBlock *Header = L.getHeader();
  Type *I64 = Type::getInt64Ty(Ctx);
  Constant *Reset = ConstantInt::get(I64, Chunk);
  PHINode *Ctr = PHINode::Create(I64, 2, "go.preempt.ctr");
  Ctr->insertBefore(Header->begin());

  IRBuilder<> B(LatchTerm);
  B.SetCurrentDebugLocation(locationFor(LatchTerm));
  auto *Dec = cast<Instruction>(
      B.CreateAdd(Ctr, ConstantInt::get(I64, -1), "go.preempt.ctr.dec"));
  Dec->setMetadata(CounterMDName, MDNode::get(Ctx, {}));
  BasicBlock *DecBlock = Dec->getParent();
  Value *Expired =
      B.CreateICmpEQ(Dec, ConstantInt::get(I64, 0), "go.preempt.ctr.zero");
  MDNode *Weights = MDBuilder(Ctx).createBranchWeights(
      1, static_cast<uint32_t>(std::min<uint64_t>(Chunk, UINT32_MAX)) - 1);
  Instruction *ThenTerm = SplitBlockAndInsertIfThen(
      Expired, LatchTerm, /*Unreachable=*/false, Weights);
  nameTail(*DecBlock, *LatchTerm->getParent());
  ThenTerm->getParent()->setName("go.preempt.chunk");
  insertPoll(ThenTerm);
  BasicBlock *Tail = LatchTerm->getParent();
  PHINode *Next = PHINode::Create(I64, 2, "go.preempt.ctr.next");
  Next->insertBefore(Tail->begin());
  Next->addIncoming(Dec, DecBlock);
  Next->addIncoming(Reset, ThenTerm->getParent());
  for (BasicBlock *Pred : predecessors(Header))
    Ctr->addIncoming(Pred == Tail ? static_cast<Value *>(Next) : Reset, Pred);
}

void PreemptInserter::insertStripMine(Loop &L, const StripMineShape &S,
                                      uint64_t Chunk) {
  BasicBlock *Header = L.getHeader();
  BasicBlock *Latch = S.Br->getParent();
  auto *Ty = cast<IntegerType>(S.IV->getType());
  Constant *Span = ConstantInt::get(Ty, Chunk * S.Step);
  // The limit of the chunk starting at Base: Base + Chunk*Step, or End when
  // fewer steps remain. The distance is unsigned: End is reached exactly.
  auto LimitFrom = [&](IRBuilder<> &B, Value *Base) {
    Value *Dist = B.CreateSub(S.End, Base, "go.preempt.dist");
    Value *Long = B.CreateICmpUGT(Dist, Span, "go.preempt.long");
    Value *Next = B.CreateAdd(Base, Span, "go.preempt.next");
    return B.CreateSelect(Long, Next, S.End, "go.preempt.lim");
  };
  // The first limit, computed on each edge into the loop from the value
  // the induction variable starts with there (no preheader needed).
  SmallDenseMap<BasicBlock *, Value *, 4> Lim0;
  for (BasicBlock *Pred : predecessors(Header)) {
    if (Pred == Latch || Lim0.count(Pred))
      continue;
    IRBuilder<> PB(Pred->getTerminator());
    Lim0[Pred] = LimitFrom(PB, S.IV->getIncomingValueForBlock(Pred));
  }

  // The latch now leaves the hot loop at the chunk limit.
  ICmpInst *Cmp = S.Cmp;
  if (!Cmp->hasOneUse()) {
    Cmp = cast<ICmpInst>(S.Cmp->clone());
    Cmp->insertBefore(S.Br);
    S.Br->setCondition(Cmp);
  }
  BasicBlock *Exit = S.Br->getSuccessor(S.ExitIdx);
  BasicBlock *ChunkEnd =
      BasicBlock::Create(Ctx, "go.preempt.chunk", &F, Exit);
  BasicBlock *Refill = BasicBlock::Create(Ctx, "go.preempt.refill", &F, Exit);
  S.Br->setSuccessor(S.ExitIdx, ChunkEnd);
  Exit->replacePhiUsesWith(Latch, ChunkEnd);
  // At the chunk end iv.next equals the limit, so the limit phi stands in
  // for it: a use of the induction variable outside the hot cycle would make
  // LoopStrengthReduce keep a second induction variable in the hot loop.
  PHINode *Lim = PHINode::Create(Ty, 3, "go.preempt.lim");
  Lim->insertBefore(Header->begin());
  Lim->setMetadata(CounterMDName, MDNode::get(Ctx, {}));
  DebugLoc DL = locationFor(S.Br);
  IRBuilder<> CB(ChunkEnd);
  CB.SetCurrentDebugLocation(DL);
  Value *Done = CB.CreateICmpEQ(Lim, S.End, "go.preempt.done");
  CB.CreateCondBr(Done, Exit, Refill);
  IRBuilder<> RB(Refill);
  RB.SetCurrentDebugLocation(DL);
  BranchInst *Back = RB.CreateBr(Header);
  insertPoll(Back);
  IRBuilder<> LB(Back);
  Value *LimNext = LimitFrom(LB, Lim);
  BasicBlock *BackBlock = Back->getParent();
  for (PHINode &P : Header->phis())
    if (&P != Lim)
      P.addIncoming(P.getIncomingValueForBlock(Latch), BackBlock);
  for (BasicBlock *Pred : predecessors(Header))
    Lim->addIncoming(Pred == Latch       ? static_cast<Value *>(Lim)
                     : Pred == BackBlock ? LimNext
                                         : Lim0.lookup(Pred),
                     Pred);
  Cmp->setOperand(S.EndIdx, Lim);
}

GoPreemptPass::GoPreemptPass() {
  Opts.Points.Entry = true;
  Opts.Points.Backedge = true;
}

Expected<GoPreemptPass::Options> GoPreemptPass::parseOptions(StringRef Params) {
  Options Result;
  if (Params.empty()) {
    Result.Points.Entry = Result.Points.Backedge = true;
    return Result;
  }
  while (!Params.empty()) {
    StringRef Param;
    std::tie(Param, Params) = Params.split(';');
    if (Param == "entry")
      Result.Points.Entry = true;
    else if (Param == "backedge")
      Result.Points.Backedge = true;
    else if (Param == "return")
      Result.Points.Return = true;
    else
      return make_error<StringError>(
          formatv("invalid go-preempt parameter '{0}' (expected a "
                  "';'-separated subset of entry;backedge;return)",
                  Param)
              .str(),
          inconvertibleErrorCode());
  }
  return Result;
}

void GoPreemptPass::printPipeline(
    raw_ostream &OS, function_ref<StringRef(StringRef)> MapClassName2PassName) {
  OS << MapClassName2PassName(name()) << '<' << formatPreemptParams(Opts.Points)
     << '>';
}

/// Where remarks about \p L point: its start location, else the first
/// located instruction of its header.
static DebugLoc loopLocation(const Loop &L) {
  if (DebugLoc DL = L.getStartLoc())
    return DL;
  for (const Instruction &I : *L.getHeader())
    if (I.getDebugLoc())
      return I.getDebugLoc();
  return DebugLoc();
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
  const PreemptPoints &Points = Opts.Points;
  if (!Points.any())
    return PreservedAnalyses::all();

  PreemptInserter Inserter(F, ORE);
  if (!Inserter.setUp())
    return PreservedAnalyses::all();

  auto &DT = FAM.getResult<DominatorTreeAnalysis>(F);
  auto &LI = FAM.getResult<LoopAnalysis>(F);
  auto &SE = FAM.getResult<ScalarEvolutionAnalysis>(F);
  uint64_t Limit = preemptMaxUnpolledIters();
  bool Leaf = !hasSafepointCall(F) && !hasCycle(F);

  // Decide everything on the unmodified function, then transform: the
  // insertions split blocks and invalidate LoopInfo and SCEV.
  struct LoopPlan {
    Loop *L;
    enum { Poll, Counter, StripMine } Kind;
    std::optional<StripMineShape> Shape;
    SmallVector<Instruction *, 2> LatchTerms;
    uint64_t Chunk;
  };
  SmallVector<LoopPlan, 8> Plans;
  if (Points.Backedge) {
    for (Loop *L : LI.getLoopsInPreorder()) {
      const BasicBlock *H = L->getHeader();
      std::string Where = PreemptInserter::blockName(*H);
      // Polled already (a second run, or lowered IR given to go-llc): a
      // poll at this loop's own level (not in an inner loop) is one
      // go-preempt placed.
      if (any_of(L->blocks(), [&](BasicBlock *BB) {
            return LI.getLoopFor(BB) == L && any_of(*BB, isPollLoad);
          })) {
        ORE.emit([&] {
          return OptimizationRemark(DEBUG_TYPE, "PollElided", loopLocation(*L),
                                    H)
                 << "no poll in loop at " << Where << ": it has one already";
        });
        continue;
      }
      if (loopAlwaysPolls(*L, DT)) {
        ORE.emit([&] {
          return OptimizationRemark(DEBUG_TYPE, "PollElided", loopLocation(*L),
                                    H)
                 << "no poll in loop at " << Where
                 << ": a safepoint call runs on every iteration";
        });
        continue;
      }
      std::optional<uint64_t> Bound = unpolledTripBound(*L, SE, DT);
      if (Bound && *Bound < Limit) {
        ORE.emit([&] {
          return OptimizationRemark(DEBUG_TYPE, "PollElided", loopLocation(*L),
                                    H)
                 << "no poll in loop at " << Where << ": at most "
                 << ore::NV("MaxIterations", *Bound)
                 << " iterations, below the limit of "
                 << ore::NV("Limit", Limit) << "; unpolled run <= "
                 << ore::NV("UnpolledRun", *Bound) << " iterations";
        });
        continue;
      }
      LoopPlan Plan{L, LoopPlan::Poll, std::nullopt, {}, 1};
      SmallVector<BasicBlock *, 4> Latches;
      L->getLoopLatches(Latches);
      for (BasicBlock *Latch : Latches) {
        // A back edge whose latch is dominated by a safepoint call inside the
        // loop (a landing pad calling runtime.checkdefer) already polls.
        bool Covered = any_of(L->blocks(), [&](BasicBlock *BB) {
          return blockPolls(*BB) && DT.dominates(BB, Latch);
        });
        if (!Covered)
          Plan.LatchTerms.push_back(Latch->getTerminator());
      }
      // The widest unpolled run of one iteration: sub-loops that carry no
      // poll of their own run inside it.
      uint64_t Inner = 1;
      bool InnerPolls = false;
      for (Loop *Sub : L->getSubLoops()) {
        std::optional<uint64_t> SubBound = unpolledTripBound(*Sub, SE, DT);
        if (!SubBound || *SubBound >= Limit)
          InnerPolls = true;
        else
          Inner = std::max(Inner, *SubBound);
      }
      // Counted: SCEV bounds the trip count by a value computed before the
      // loop (a length), exactly or, for early-exit searches, as a maximum.
      // Such loops run a predictable body; a data-driven loop (list walk,
      // wait loop) polls on every iteration instead.
      bool Counted =
          !isa<SCEVCouldNotCompute>(SE.getSymbolicMaxBackedgeTakenCount(L));
      std::string Reason;
      if (!Counted) {
        Reason = "trip count unknown";
      } else if (InnerPolls) {
        // A counter here would let each chunk of outer iterations run the
        // inner loops' own chunks unpolled: chunk * chunk iterations.
        Reason = "inner loops poll";
      } else if (Latches.size() != 1) {
        Reason = "several back edges";
      } else if (Limit / Inner < 2) {
        Reason = "inner loops use up the iteration budget";
      } else {
        Plan.Chunk = Limit / Inner;
        Plan.Shape = matchStripMine(*L, SE, Plan.Chunk);
        Plan.Kind = Plan.Shape ? LoopPlan::StripMine : LoopPlan::Counter;
      }
      if (Plan.Kind == LoopPlan::StripMine) {
        ORE.emit([&] {
          return OptimizationRemark(DEBUG_TYPE, "StripMined", loopLocation(*L),
                                    H)
                 << "loop at " << Where << " strip-mined into chunks of "
                 << ore::NV("Chunk", Plan.Chunk)
                 << " iterations: its exit test compares against the chunk "
                    "limit, the poll runs between chunks; unpolled run <= "
                 << ore::NV("UnpolledRun", Plan.Chunk * Inner)
                 << " iterations";
        });
      } else if (Plan.Kind == LoopPlan::Counter) {
        ORE.emit([&] {
          return OptimizationRemark(DEBUG_TYPE, "StripMined", loopLocation(*L),
                                    H)
                 << "loop at " << Where
                 << " strip-mined with a down-counter: poll once per "
                 << ore::NV("Chunk", Plan.Chunk)
                 << " iterations, none in the hot path; unpolled run <= "
                 << ore::NV("UnpolledRun", Plan.Chunk * Inner)
                 << " iterations";
        });
      } else {
        ORE.emit([&] {
          return OptimizationRemark(DEBUG_TYPE, "BackedgePoll",
                                    loopLocation(*L), H)
                 << "poll placed on the back edge of loop at " << Where
                 << " (" << Reason << "); unpolled run <= "
                 << ore::NV("UnpolledRun", Inner) << " iterations";
        });
      }
      Plans.push_back(std::move(Plan));
    }
  }

  bool EntryPoll = false;
  if (Points.Entry || Points.Return) {
    std::string Why;
    if (Leaf)
      Why = "leaf function (no calls, no loops)";
    else if (any_of(F.getEntryBlock(), isPollLoad))
      Why = "it has an entry poll already";
    if (!Why.empty()) {
      ORE.emit([&] {
        return OptimizationRemarkMissed(DEBUG_TYPE, "EntryPollSkipped", &F)
               << "no poll at entry or return of '"
               << ore::NV("Function", F.getName()) << "': " << Why;
      });
    } else {
      EntryPoll = true;
    }
  }

  SmallVector<Instruction *, 4> Returns;
  if (EntryPoll && Points.Return)
    for (BasicBlock &BB : F)
      if (auto *Ret = dyn_cast<ReturnInst>(BB.getTerminator())) {
        // A musttail call must stay right before its ret.
        Instruction *IP = Ret;
        if (auto *CI = dyn_cast_or_null<CallInst>(Ret->getPrevNode()))
          if (CI->isMustTailCall())
            IP = CI;
        Returns.push_back(IP);
      }

  bool Changed = false;
  for (LoopPlan &Plan : Plans) {
    if (Plan.Kind == LoopPlan::StripMine) {
      Inserter.insertStripMine(*Plan.L, *Plan.Shape, Plan.Chunk);
      Changed = true;
      continue;
    }
    if (Plan.Kind == LoopPlan::Counter) {
      Inserter.insertCounter(*Plan.L, Plan.LatchTerms.front(), Plan.Chunk);
      Changed = true;
      continue;
    }
    for (Instruction *Term : Plan.LatchTerms) {
      // An EH pad that is its own terminator leaves no room; the cycle check
      // below polls such a cycle elsewhere.
      if (Term->isEHPad())
        continue;
      Inserter.insertPoll(Term);
      Changed = true;
    }
  }
  for (Instruction *IP : Returns) {
    Inserter.insertPoll(IP);
    ORE.emit([&] {
      return OptimizationRemark(DEBUG_TYPE, "ReturnPoll", IP)
             << "poll placed before return";
    });
    Changed = true;
  }
  if (EntryPoll && Points.Entry) {
    Inserter.insertPoll(entryInsertionPoint(F));
    ORE.emit([&] {
      return OptimizationRemark(DEBUG_TYPE, "EntryPoll", &F)
             << "poll placed at entry of '"
             << ore::NV("Function", F.getName()) << "'";
    });
    Changed = true;
  }

  // Cycles LoopInfo does not describe (irreducible control flow) and back
  // edges with no room for a poll: poll one block of each remaining
  // unpolled strongly connected set until none is left.
  if (Points.Backedge) {
    auto &TLI = FAM.getResult<TargetLibraryAnalysis>(F);
    auto &AC = FAM.getResult<AssumptionAnalysis>(F);
    for (unsigned Round = 0, MaxRounds = F.size() + 1; Round < MaxRounds;
         ++Round) {
      auto Cycles = findUnpolledCycles(F, TLI, AC);
      if (Cycles.empty())
        break;
      bool Progress = false;
      for (auto &Cycle : Cycles) {
        SmallPtrSet<BasicBlock *, 8> Members(Cycle.begin(), Cycle.end());
        // Prefer a block entered from outside: for an irreducible cycle that
        // is one of its entries.
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
          std::string Where = PreemptInserter::blockName(*BB);
          Inserter.insertPoll(IP);
          ORE.emit([&] {
            return OptimizationRemark(DEBUG_TYPE, "CyclePoll", IP)
                   << "poll placed in block " << Where
                   << " of a cycle with no loop back edge to poll "
                      "(irreducible control flow); unpolled run <= "
                   << ore::NV("UnpolledRun", 1) << " iterations";
          });
          Progress = Changed = true;
          break;
        }
      }
      if (!Progress) {
        reportPreemptError(
            F, formatv("go-preempt: function '{0}': cannot place a poll on the "
                       "cycle through {1}",
                       F.getName(),
                       PreemptInserter::blockName(*Cycles.front().front())));
        break;
      }
    }
  }

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
