//===- Statepoints.cpp - Go safepoint liveness and statepoints ------------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// go-statepoints turns every call of a gc "go" function that can reach the
// collector into an llvm.experimental.gc.statepoint whose "gc-live" bundle
// names exactly what is live across the call, so that codegen records it in
// the stack map (docs/IRContract.md, section 3).
//
// Go's collector neither moves objects nor needs base pointers, which is
// what makes this pass much simpler than upstream RewriteStatepointsForGC:
// a derived pointer is its own base, and "relocation" is the identity. The
// gc.relocate calls still exist because LLVM 19 records a gc-live SSA value
// in the stack map only if it has one; uses after the call are rewired to
// the relocated value so the value is not kept twice (in the statepoint's
// spill slot and in a callee-saved register).
//
// What upstream gets wrong and this pass does on purpose:
//  - allocas holding pointers (Gollvm's stack objects) are roots too: they
//    go into "gc-live" as the alloca itself (a Direct stack-map location),
//    with their per-word pointer bitmap in the "deopt" bundle;
//  - first-class aggregates holding pointers (Go strings, slices,
//    interfaces) have their pointer fields extracted, recorded and put back;
//  - every call-site and parameter attribute of the call (nest, sret, byval,
//    zeroext...) is kept on the statepoint, so closures keep working.
//
//   opt -load-pass-plugin=$PWD/build/lib/GoPasses.so \
//       -passes='go-prepare-gc,go-statepoints' -S in.ll
//   opt -load-pass-plugin=$PWD/build/lib/GoPasses.so \
//       -passes='go-prepare-gc,function(print<go-safepoints>)' \
//       -disable-output in.ll
//
//===----------------------------------------------------------------------===//

#include "gollc/Statepoints.h"
#include "gollc/GoIR.h"

#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/PostOrderIterator.h"
#include "llvm/ADT/SCCIterator.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/ValueHandle.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
#include "llvm/Transforms/Utils/PromoteMemToReg.h"

using namespace llvm;

#define DEBUG_TYPE "go-statepoints"

static cl::opt<uint64_t> RootBudget(
    "go-statepoints-budget", cl::init(200000),
    cl::desc("go-statepoints: warn (remark) when a function's safepoints "
             "record more live roots than this in total"));

// For the reference runtime's negative test only: a stack map that misses a
// root must make its stress run fail.
static cl::opt<bool> DropLiveSlot(
    "go-statepoints-drop-live-slot", cl::init(false), cl::Hidden,
    cl::desc("go-statepoints: DEBUG ONLY, produces wrong stack maps: leave "
             "the first live SSA root out of every statepoint"));

namespace gollc {

//===----------------------------------------------------------------------===//
// Types and layouts
//===----------------------------------------------------------------------===//

unsigned getGCAddressSpace(const Module &M) {
  return M.getDataLayout().isNonIntegralAddressSpace(1) ? 1 : 0;
}

bool containsGCPointer(Type *Ty, unsigned GCAS) {
  if (auto *PT = dyn_cast<PointerType>(Ty))
    return PT->getAddressSpace() == GCAS;
  if (auto *ST = dyn_cast<StructType>(Ty))
    return any_of(ST->elements(),
                  [&](Type *E) { return containsGCPointer(E, GCAS); });
  if (auto *AT = dyn_cast<ArrayType>(Ty))
    return AT->getNumElements() != 0 &&
           containsGCPointer(AT->getElementType(), GCAS);
  if (auto *VT = dyn_cast<VectorType>(Ty))
    return containsGCPointer(VT->getElementType(), GCAS);
  return false;
}

bool StackObjectLayout::hasPointers() const {
  return any_of(Bitmap, [](uint64_t W) { return W != 0; });
}

/// Marks the pointer words of \p Ty placed at byte \p Offset. False when a
/// GC pointer is not 8-byte aligned.
static bool markPointerWords(Type *Ty, uint64_t Offset, const DataLayout &DL,
                             unsigned GCAS, StackObjectLayout &L) {
  if (!containsGCPointer(Ty, GCAS))
    return true;
  if (isa<PointerType>(Ty)) {
    if (Offset % 8 != 0)
      return false;
    uint64_t Word = Offset / 8;
    if (Word < L.SizeInWords)
      L.Bitmap[Word / 64] |= uint64_t(1) << (Word % 64);
    return true;
  }
  if (auto *ST = dyn_cast<StructType>(Ty)) {
    const StructLayout *SL = DL.getStructLayout(ST);
    for (unsigned I = 0, E = ST->getNumElements(); I != E; ++I)
      if (!markPointerWords(ST->getElementType(I),
                            Offset + SL->getElementOffset(I), DL, GCAS, L))
        return false;
    return true;
  }
  if (auto *AT = dyn_cast<ArrayType>(Ty)) {
    uint64_t Stride = DL.getTypeAllocSize(AT->getElementType());
    for (uint64_t I = 0, E = AT->getNumElements(); I != E; ++I)
      if (!markPointerWords(AT->getElementType(), Offset + I * Stride, DL,
                            GCAS, L))
        return false;
    return true;
  }
  if (auto *VT = dyn_cast<FixedVectorType>(Ty)) {
    uint64_t Stride = DL.getTypeAllocSize(VT->getElementType());
    for (unsigned I = 0, E = VT->getNumElements(); I != E; ++I)
      if (!markPointerWords(VT->getElementType(), Offset + I * Stride, DL,
                            GCAS, L))
        return false;
    return true;
  }
  // Scalable vectors of pointers have no fixed layout.
  return false;
}

std::optional<StackObjectLayout>
computeStackObjectLayout(Type *Ty, uint64_t Count, const DataLayout &DL,
                         unsigned GCAS) {
  StackObjectLayout L;
  if (!Ty->isSized())
    return std::nullopt;
  uint64_t Stride = DL.getTypeAllocSize(Ty).getFixedValue();
  L.SizeInWords = divideCeil(Stride * Count, 8);
  L.Bitmap.assign(std::max<uint64_t>(1, divideCeil(L.SizeInWords, 64)), 0);
  for (uint64_t I = 0; I != Count; ++I)
    if (!markPointerWords(Ty, I * Stride, DL, GCAS, L))
      return std::nullopt;
  return L;
}

uint64_t GoSafepointInfo::totalRoots() const {
  uint64_t N = 0;
  for (const GoSafepoint &SP : Safepoints)
    N += SP.LiveValues.size() + SP.LiveObjects.size();
  return N;
}

//===----------------------------------------------------------------------===//
// The analysis
//===----------------------------------------------------------------------===//

/// Marks the result buffers made by wrapLargeReturns.
static constexpr StringLiteral ReturnBufferMD = "go.return.buffer";

namespace {

/// What an instruction does to a stack object.
enum class ObjectEvent { Touch, Start, End };

class SafepointAnalysis {
public:
  SafepointAnalysis(Function &F)
      : F(F), DL(F.getDataLayout()),
        GCAS(getGCAddressSpace(*F.getParent())) {}

  GoSafepointInfo run();

private:
  bool isTrackedType(Type *Ty) const { return containsGCPointer(Ty, GCAS); }
  bool pointsOutsideHeap(const Value *V) const;
  void numberValues();
  void findStackObjects();
  void scanObjectUses(unsigned Index);
  void computeValueLiveness();
  void computeObjectLiveness();

  Function &F;
  const DataLayout &DL;
  unsigned GCAS;
  GoSafepointInfo Info;

  // Tracked SSA values, numbered in function order.
  SmallVector<Value *, 32> Values;
  DenseMap<const Value *, unsigned> ValueNumber;
  // The safepoints in function order, and where each one is.
  DenseMap<const CallBase *, unsigned> SafepointIndex;
  // Stack-object events per instruction.
  DenseMap<const Instruction *, SmallVector<std::pair<unsigned, ObjectEvent>, 2>>
      Events;
};

} // namespace

/// Pointers into the stack and constants (globals, null) are not roots: the
/// collector neither needs nor wants them (docs/IRContract.md).
bool SafepointAnalysis::pointsOutsideHeap(const Value *V) const {
  // The exception object an unwinder hands to a landing pad is malloc'ed,
  // not a Go heap object.
  if (isa<LandingPadInst>(V))
    return true;
  if (auto *EV = dyn_cast<ExtractValueInst>(V))
    if (isa<LandingPadInst>(EV->getAggregateOperand()))
      return true;
  if (!V->getType()->isPointerTy())
    return false;
  SmallVector<const Value *, 4> Objects;
  getUnderlyingObjects(V, Objects);
  return all_of(Objects, [](const Value *O) {
    return isa<AllocaInst>(O) || isa<GlobalValue>(O) ||
           isa<ConstantPointerNull>(O) || isa<UndefValue>(O);
  });
}

void SafepointAnalysis::numberValues() {
  auto Consider = [&](Value *V) {
    if (!isTrackedType(V->getType()) || pointsOutsideHeap(V))
      return;
    ValueNumber[V] = Values.size();
    Values.push_back(V);
  };
  for (Argument &A : F.args())
    Consider(&A);
  for (Instruction &I : instructions(F)) {
    if (isa<AllocaInst>(I))
      continue;
    Consider(&I);
    auto *CB = dyn_cast<CallBase>(&I);
    if (CB && classifyCallSite(*CB) == CallSiteKind::Safepoint) {
      SafepointIndex[CB] = Info.Safepoints.size();
      Info.Safepoints.emplace_back();
      Info.Safepoints.back().Call = CB;
      if (CB->isMustTailCall() && Info.Unsupported.empty())
        Info.Unsupported = "a musttail call cannot be a safepoint";
      if (CB->getNumOperandBundles() != 0 && Info.Unsupported.empty())
        Info.Unsupported = formatv("a safepoint call carries an operand "
                                   "bundle ('{0}')",
                                   CB->getOperandBundleAt(0).getTagName())
                               .str();
    }
  }
}

void SafepointAnalysis::findStackObjects() {
  for (Instruction &I : instructions(F)) {
    auto *AI = dyn_cast<AllocaInst>(&I);
    if (!AI)
      continue;
    // wrapLargeReturns' result buffers: written and read back within one
    // call, never holding a pointer across a safepoint.
    if (AI->hasMetadata(ReturnBufferMD))
      continue;
    Type *Ty = AI->getAllocatedType();
    bool TypeHasPointers = isTrackedType(Ty);
    if (!AI->isStaticAlloca()) {
      if (TypeHasPointers && Info.Unsupported.empty())
        Info.Unsupported =
            formatv("alloca {0}in block '{1}' holds pointers and is {2}; a "
                    "stack map needs a fixed-size frame",
                    AI->hasName() ? "'" + AI->getName().str() + "' " : "",
                    AI->getParent()->getName(),
                    isa<ConstantInt>(AI->getArraySize())
                        ? "inside a loop"
                        : "of variable size")
                .str();
      continue;
    }
    uint64_t Count = cast<ConstantInt>(AI->getArraySize())->getZExtValue();
    std::optional<StackObjectLayout> L =
        computeStackObjectLayout(Ty, Count, DL, GCAS);
    if (!L) {
      if (Info.Unsupported.empty())
        Info.Unsupported = formatv("alloca '{0}' holds a pointer that is not "
                                   "8-byte aligned",
                                   AI->getName())
                               .str();
      continue;
    }
    GoStackObject Obj;
    Obj.Alloca = AI;
    Obj.Layout = std::move(*L);
    Obj.Escapes = AI->hasMetadata("go_addrtaken");
    Info.Objects.push_back(std::move(Obj));
    scanObjectUses(Info.Objects.size() - 1);
    // An alloca of integer type that the program stores pointers into is a
    // stack object too (scanObjectUses marked those words); one that never
    // holds a pointer is not.
    if (!Info.Objects.back().Layout.hasPointers()) {
      for (auto &KV : Events)
        llvm::erase_if(KV.second, [&](const std::pair<unsigned, ObjectEvent> &E) {
          return E.first == Info.Objects.size() - 1;
        });
      Info.Objects.pop_back();
    }
  }
}

/// Follows the address of stack object \p Index through casts and GEPs and
/// records what each user does with it.
void SafepointAnalysis::scanObjectUses(unsigned Index) {
  GoStackObject &Obj = Info.Objects[Index];
  SmallVector<Value *, 8> Work{Obj.Alloca};
  SmallPtrSet<Value *, 8> Seen{Obj.Alloca};
  auto Event = [&](Instruction *I, ObjectEvent E) {
    Events[I].push_back({Index, E});
  };
  while (!Work.empty()) {
    Value *Ptr = Work.pop_back_val();
    for (User *U : Ptr->users()) {
      auto *I = dyn_cast<Instruction>(U);
      if (!I)
        continue;
      if (isa<GetElementPtrInst>(I) || isa<BitCastInst>(I) ||
          isa<AddrSpaceCastInst>(I)) {
        if (Seen.insert(I).second)
          Work.push_back(I);
        continue;
      }
      if (isa<LoadInst>(I)) {
        Event(I, ObjectEvent::Touch);
        continue;
      }
      if (auto *SI = dyn_cast<StoreInst>(I)) {
        Event(I, ObjectEvent::Touch);
        if (SI->getValueOperand() == Ptr) {
          Obj.Escapes = true;
          continue;
        }
        // A pointer stored into a word the type says is an integer (SROA
        // and Gollvm's byte-array temporaries do this) still makes that
        // word a root.
        Type *VT = SI->getValueOperand()->getType();
        if (!isTrackedType(VT))
          continue;
        APInt Offset(DL.getIndexTypeSizeInBits(Ptr->getType()), 0);
        const Value *Base = SI->getPointerOperand()
                                ->stripAndAccumulateConstantOffsets(
                                    DL, Offset, /*AllowNonInbounds=*/true);
        StackObjectLayout &L = Obj.Layout;
        if (Base == Obj.Alloca && !Offset.isNegative() &&
            markPointerWords(VT, Offset.getZExtValue(), DL, GCAS, L))
          continue;
        // Unknown or unaligned position: every word may hold a pointer.
        for (uint64_t W = 0; W != L.SizeInWords; ++W)
          L.Bitmap[W / 64] |= uint64_t(1) << (W % 64);
        continue;
      }
      if (auto *II = dyn_cast<IntrinsicInst>(I)) {
        switch (II->getIntrinsicID()) {
        case Intrinsic::lifetime_start:
          Event(I, ObjectEvent::Start);
          continue;
        case Intrinsic::lifetime_end:
          Event(I, ObjectEvent::End);
          continue;
        case Intrinsic::memset:
        case Intrinsic::memcpy:
        case Intrinsic::memcpy_inline:
        case Intrinsic::memmove:
          Event(I, ObjectEvent::Touch);
          continue;
        default:
          if (isa<DbgInfoIntrinsic>(II))
            continue;
          break;
        }
      }
      if (isa<ICmpInst>(I))
        continue;
      // Calls, phis, selects, returns, ptrtoint...: the address escapes.
      Event(I, ObjectEvent::Touch);
      Obj.Escapes = true;
    }
  }
}

void SafepointAnalysis::computeValueLiveness() {
  unsigned N = Values.size();
  DenseMap<const BasicBlock *, BitVector> UseSet, DefSet, LiveIn, LiveOut;
  for (BasicBlock &BB : F) {
    BitVector Use(N), Def(N);
    for (Instruction &I : BB) {
      if (!isa<PHINode>(I))
        for (Value *Op : I.operands()) {
          auto It = ValueNumber.find(Op);
          if (It != ValueNumber.end() && !Def.test(It->second))
            Use.set(It->second);
        }
      auto It = ValueNumber.find(&I);
      if (It != ValueNumber.end())
        Def.set(It->second);
    }
    UseSet[&BB] = std::move(Use);
    DefSet[&BB] = std::move(Def);
    LiveIn[&BB] = BitVector(N);
    LiveOut[&BB] = BitVector(N);
  }

  // Classic backward liveness; a phi operand is live out of its incoming
  // block only.
  auto ComputeOut = [&](BasicBlock *BB) {
    BitVector Out(N);
    for (BasicBlock *Succ : successors(BB)) {
      Out |= LiveIn[Succ];
      for (PHINode &Phi : Succ->phis()) {
        auto It = ValueNumber.find(Phi.getIncomingValueForBlock(BB));
        if (It != ValueNumber.end())
          Out.set(It->second);
      }
    }
    return Out;
  };
  SmallVector<BasicBlock *, 32> Order;
  for (BasicBlock *BB : post_order(&F))
    Order.push_back(BB);
  // Unreachable blocks take part too (they may still hold calls).
  SmallPtrSet<BasicBlock *, 32> InOrder(Order.begin(), Order.end());
  for (BasicBlock &BB : F)
    if (!InOrder.count(&BB))
      Order.push_back(&BB);
  bool Changed = true;
  while (Changed) {
    Changed = false;
    for (BasicBlock *BB : Order) {
      BitVector Out = ComputeOut(BB);
      BitVector In = Out;
      In.reset(DefSet[BB]);
      In |= UseSet[BB];
      if (In != LiveIn[BB] || Out != LiveOut[BB]) {
        LiveIn[BB] = std::move(In);
        LiveOut[BB] = std::move(Out);
        Changed = true;
      }
    }
  }

  for (BasicBlock &BB : F) {
    BitVector Live = LiveOut[&BB];
    for (Instruction &I : reverse(BB)) {
      if (isa<PHINode>(I))
        break;
      auto Def = ValueNumber.find(&I);
      if (Def != ValueNumber.end())
        Live.reset(Def->second);
      if (auto *CB = dyn_cast<CallBase>(&I)) {
        auto SP = SafepointIndex.find(CB);
        if (SP != SafepointIndex.end())
          for (unsigned V : Live.set_bits())
            Info.Safepoints[SP->second].LiveValues.push_back(Values[V]);
      }
      for (Value *Op : I.operands()) {
        auto It = ValueNumber.find(Op);
        if (It != ValueNumber.end())
          Live.set(It->second);
      }
    }
  }
}

void SafepointAnalysis::computeObjectLiveness() {
  unsigned N = Info.Objects.size();
  if (N == 0 || Info.Safepoints.empty())
    return;
  auto Apply = [&](const Instruction &I, BitVector &State) {
    auto It = Events.find(&I);
    if (It == Events.end())
      return;
    for (const auto &[Obj, E] : It->second) {
      if (E == ObjectEvent::Touch)
        State.set(Obj);
      else
        State.reset(Obj);
    }
  };

  // Forward: may the object have been written since its lifetime began?
  DenseMap<const BasicBlock *, BitVector> InitIn, InitOut;
  // Backward: may the object be read or written later (without its
  // lifetime ending first)?
  DenseMap<const BasicBlock *, BitVector> UsedIn, UsedOut;
  for (BasicBlock &BB : F) {
    InitIn[&BB] = InitOut[&BB] = UsedIn[&BB] = UsedOut[&BB] = BitVector(N);
  }
  ReversePostOrderTraversal<Function *> RPOT(&F);
  bool Changed = true;
  while (Changed) {
    Changed = false;
    for (BasicBlock *BB : RPOT) {
      BitVector State(N);
      for (BasicBlock *Pred : predecessors(BB))
        State |= InitOut[Pred];
      InitIn[BB] = State;
      for (Instruction &I : *BB)
        Apply(I, State);
      if (State != InitOut[BB]) {
        InitOut[BB] = std::move(State);
        Changed = true;
      }
    }
  }
  Changed = true;
  while (Changed) {
    Changed = false;
    for (BasicBlock *BB : post_order(&F)) {
      BitVector State(N);
      for (BasicBlock *Succ : successors(BB))
        State |= UsedIn[Succ];
      UsedOut[BB] = State;
      for (Instruction &I : reverse(*BB))
        Apply(I, State);
      if (State != UsedIn[BB]) {
        UsedIn[BB] = std::move(State);
        Changed = true;
      }
    }
  }

  for (BasicBlock &BB : F) {
    if (!InitIn.count(&BB))
      continue;
    // Forward walk: initialized-before and touched-by each safepoint.
    DenseMap<const CallBase *, BitVector> Before;
    BitVector State = InitIn[&BB];
    for (Instruction &I : BB) {
      if (auto *CB = dyn_cast<CallBase>(&I))
        if (SafepointIndex.count(CB)) {
          BitVector B = State;
          BitVector Touched(N);
          Apply(I, Touched);
          B |= Touched;
          Before[CB] = std::move(B);
        }
      Apply(I, State);
    }
    if (Before.empty())
      continue;
    // Backward walk: used after each safepoint.
    State = UsedOut[&BB];
    for (Instruction &I : reverse(BB)) {
      if (auto *CB = dyn_cast<CallBase>(&I)) {
        auto SP = SafepointIndex.find(CB);
        if (SP != SafepointIndex.end()) {
          const BitVector &B = Before[CB];
          for (unsigned O : B.set_bits())
            if (Info.Objects[O].Escapes || State.test(O))
              Info.Safepoints[SP->second].LiveObjects.push_back(O);
        }
      }
      Apply(I, State);
    }
  }
}

GoSafepointInfo SafepointAnalysis::run() {
  Info.GCAddressSpace = GCAS;
  numberValues();
  findStackObjects();
  if (Info.Safepoints.empty())
    return std::move(Info);
  computeValueLiveness();
  computeObjectLiveness();
  return std::move(Info);
}

GoSafepointInfo computeGoSafepoints(Function &F) {
  return SafepointAnalysis(F).run();
}

//===----------------------------------------------------------------------===//
// The printer
//===----------------------------------------------------------------------===//

static void printValueName(raw_ostream &OS, const Value *V) {
  if (V->hasName()) {
    OS << '%' << V->getName();
    return;
  }
  V->printAsOperand(OS, /*PrintType=*/false);
}

static void printBitmap(raw_ostream &OS, const StackObjectLayout &L) {
  for (uint64_t W = 0; W != L.SizeInWords; ++W)
    OS << (L.isPointerWord(W) ? '1' : '0');
}

PreservedAnalyses GoSafepointsPrinterPass::run(Function &F,
                                               FunctionAnalysisManager &) {
  if (F.isDeclaration() || !hasGoGC(F))
    return PreservedAnalyses::all();
  GoSafepointInfo Info = computeGoSafepoints(F);
  OS << "Safepoints for '" << F.getName() << "': "
     << Info.Safepoints.size() << " safepoints, " << Info.Objects.size()
     << " stack objects, " << Info.totalRoots() << " roots\n";
  if (!Info.Unsupported.empty())
    OS << "  unsupported: " << Info.Unsupported << '\n';
  for (const GoStackObject &O : Info.Objects) {
    OS << "  object ";
    printValueName(OS, O.Alloca);
    OS << ": " << O.Layout.SizeInWords << " words, pointers ";
    printBitmap(OS, O.Layout);
    if (O.Escapes)
      OS << ", escapes";
    OS << '\n';
  }
  for (const GoSafepoint &SP : Info.Safepoints) {
    OS << "  call ";
    if (const Function *Callee = SP.Call->getCalledFunction())
      OS << '@' << Callee->getName();
    else
      OS << "indirect";
    OS << ": live [";
    ListSeparator LS(", ");
    for (const Value *V : SP.LiveValues) {
      OS << LS;
      printValueName(OS, V);
    }
    OS << "] objects [";
    ListSeparator LS2(", ");
    for (unsigned O : SP.LiveObjects) {
      OS << LS2;
      printValueName(OS, Info.Objects[O].Alloca);
      OS << ':';
      printBitmap(OS, Info.Objects[O].Layout);
    }
    OS << "]\n";
  }
  return PreservedAnalyses::all();
}

//===----------------------------------------------------------------------===//
// The rewrite
//===----------------------------------------------------------------------===//

namespace {

class FunctionRewriter {
public:
  FunctionRewriter(Function &F, uint64_t Ordinal)
      : F(F), Ordinal(Ordinal), Ctx(F.getContext()) {}

  /// Lowers the function. Returns whether it changed; sets Failed (after
  /// a diagnostic) when it cannot be lowered.
  bool run();
  bool Failed = false;

private:
  void normalizeInvokes();
  void hoistAllocas();
  void wrapLargeReturns();
  void zeroStackObjects();
  void rewriteSafepoint(GoSafepoint &SP, uint64_t Index);
  void rewireUses();
  /// A live value as it is now: a call rewritten earlier is its gc.result.
  Value *current(Value *V) const {
    auto It = Replaced.find(V);
    return It == Replaced.end() ? V : It->second;
  }

  Function &F;
  uint64_t Ordinal;
  LLVMContext &Ctx;
  GoSafepointInfo Info;
  /// For each live value: its redefinitions after safepoints. Keys are
  /// value handles so RAUW of a rewritten call moves them to its gc.result.
  SmallVector<std::pair<WeakTrackingVH, SmallVector<Value *, 4>>, 16> Redefs;
  DenseMap<Value *, unsigned> RedefIndex;
  /// Rewritten calls and the gc.result standing for each.
  DenseMap<Value *, Value *> Replaced;
};

} // namespace

/// Paths into a first-class aggregate that reach a GC pointer, in order.
static void collectPointerPaths(Type *Ty, unsigned GCAS,
                                SmallVectorImpl<unsigned> &Prefix,
                                SmallVectorImpl<SmallVector<unsigned, 2>> &Out) {
  if (!containsGCPointer(Ty, GCAS))
    return;
  if (auto *ST = dyn_cast<StructType>(Ty)) {
    for (unsigned I = 0, E = ST->getNumElements(); I != E; ++I) {
      Prefix.push_back(I);
      collectPointerPaths(ST->getElementType(I), GCAS, Prefix, Out);
      Prefix.pop_back();
    }
    return;
  }
  if (auto *AT = dyn_cast<ArrayType>(Ty)) {
    for (unsigned I = 0, E = AT->getNumElements(); I != E; ++I) {
      Prefix.push_back(I);
      collectPointerPaths(AT->getElementType(), GCAS, Prefix, Out);
      Prefix.pop_back();
    }
    return;
  }
  // A pointer or a vector of pointers: gc.relocate takes it whole.
  Out.emplace_back(Prefix.begin(), Prefix.end());
}

/// Gollvm's defer and panic code lets invokes fall through to blocks with
/// several predecessors or with phis. The result and relocations of a
/// statepoint invoke must sit in a block that only it reaches, so each
/// invoke gets its own normal successor when needed.
void FunctionRewriter::normalizeInvokes() {
  // All invokes, not only safepoints: the result of any invoke may be live
  // across a later safepoint and needs a block of its own to be stored in.
  SmallVector<InvokeInst *, 8> Invokes;
  for (BasicBlock &BB : F)
    if (auto *II = dyn_cast<InvokeInst>(BB.getTerminator()))
      Invokes.push_back(II);
  for (InvokeInst *II : Invokes) {
    BasicBlock *From = II->getParent();
    BasicBlock *Normal = II->getNormalDest();
    if (!Normal->getSinglePredecessor() || isa<PHINode>(Normal->front()))
      SplitBlockPredecessors(Normal, {From}, ".go.ret");
  }
}

/// A fixed-size alloca outside the entry block (llgo emits them, holding
/// pointers or not) makes the frame variable-sized, which a stack map with
/// a fixed frame size cannot describe. When its block is on no cycle it runs
/// at most once per call, so allocating it at entry instead changes nothing
/// the program can see. One on a cycle stays where it is: computeGoSafepoints
/// reports it when it holds pointers, the stack-map printer otherwise.
void FunctionRewriter::hoistAllocas() {
  BasicBlock &Entry = F.getEntryBlock();
  SmallVector<AllocaInst *, 4> Hoist;
  SmallPtrSet<const BasicBlock *, 16> OnCycle;
  bool CyclesKnown = false;
  for (BasicBlock &BB : F) {
    if (&BB == &Entry)
      continue;
    for (Instruction &I : BB) {
      auto *AI = dyn_cast<AllocaInst>(&I);
      if (!AI || !isa<ConstantInt>(AI->getArraySize()))
        continue;
      if (!CyclesKnown) {
        for (scc_iterator<Function *> It = scc_begin(&F); !It.isAtEnd(); ++It)
          if (It.hasCycle())
            for (BasicBlock *C : *It)
              OnCycle.insert(C);
        CyclesKnown = true;
      }
      if (!OnCycle.count(&BB))
        Hoist.push_back(AI);
    }
  }
  for (AllocaInst *AI : Hoist)
    AI->moveBefore(&*Entry.getFirstInsertionPt());
}

/// LLVM 19's statepoint lowering crashes on a call whose result the target
/// returns in memory (a large first-class aggregate: "sret demotion").
/// Such a call is routed through a small internal wrapper that makes the
/// call normally and stores the result into a buffer of the caller: the
/// statepoint is the call of the wrapper, whose signature we own, so the
/// ABI question never reaches statepoint lowering. The wrapper has no GC
/// strategy: it holds no roots of its own, and a runtime walking the stack
/// skips its frame as code without a stack map.
static bool needsReturnWrapper(const CallBase &CB, const DataLayout &DL) {
  Type *RT = CB.getType();
  return (RT->isStructTy() || RT->isArrayTy()) &&
         DL.getTypeStoreSize(RT).getFixedValue() > 16;
}

void FunctionRewriter::wrapLargeReturns() {
  const DataLayout &DL = F.getDataLayout();
  SmallVector<CallBase *, 4> Calls;
  for (Instruction &I : instructions(F))
    if (auto *CB = dyn_cast<CallBase>(&I))
      if (classifyCallSite(*CB) == CallSiteKind::Safepoint &&
          needsReturnWrapper(*CB, DL))
        Calls.push_back(CB);
  Module &M = *F.getParent();
  for (CallBase *CB : Calls) {
    Type *RT = CB->getType();
    FunctionType *FT = CB->getFunctionType();
    bool Direct = isa<Function>(CB->getCalledOperand());
    // void wrapper(ptr %out, [ptr %callee,] params...)
    SmallVector<Type *, 8> Params{PointerType::get(Ctx, 0)};
    if (!Direct)
      Params.push_back(CB->getCalledOperand()->getType());
    unsigned Shift = Params.size();
    append_range(Params, FT->params());
    auto *WT = FunctionType::get(Type::getVoidTy(Ctx), Params, false);
    Function *W = Function::Create(WT, GlobalValue::InternalLinkage,
                                   F.getName() + ".go.retwrap", M);
    W->addFnAttr(Attribute::NoInline);
    for (StringRef Kind : {"frame-pointer", "target-cpu", "target-features"})
      if (F.hasFnAttribute(Kind))
        W->addFnAttr(F.getFnAttribute(Kind));
    if (F.hasUWTable())
      W->setUWTableKind(F.getUWTableKind());
    AttributeList CallAttrs = CB->getAttributes();
    for (unsigned I = 0, E = FT->getNumParams(); I != E; ++I)
      W->addParamAttrs(I + Shift, AttrBuilder(Ctx, CallAttrs.getParamAttrs(I)));

    BasicBlock *Body = BasicBlock::Create(Ctx, "entry", W);
    IRBuilder<> WB(Body);
    SmallVector<Value *, 8> Forward;
    for (unsigned I = 0, E = FT->getNumParams(); I != E; ++I)
      Forward.push_back(W->getArg(I + Shift));
    Value *Target = Direct ? CB->getCalledOperand() : W->getArg(1);
    CallInst *Inner = WB.CreateCall(FT, Target, Forward);
    Inner->setCallingConv(CB->getCallingConv());
    Inner->setAttributes(CallAttrs);
    WB.CreateStore(Inner, W->getArg(0));
    WB.CreateRetVoid();

    // The caller: a buffer in the entry block, the call of the wrapper, the
    // result read back where the call's result was.
    IRBuilder<> EB(&F.getEntryBlock(), F.getEntryBlock().begin());
    AllocaInst *Buf = EB.CreateAlloca(RT, DL.getAllocaAddrSpace(), nullptr,
                                      CB->getName() + ".go.ret");
    Buf->setMetadata(ReturnBufferMD, MDNode::get(Ctx, {}));
    SmallVector<Value *, 8> Args{Buf};
    if (!Direct)
      Args.push_back(CB->getCalledOperand());
    append_range(Args, CB->args());
    IRBuilder<> B(CB);
    CallBase *NewCB;
    Instruction *LoadAt;
    if (auto *II = dyn_cast<InvokeInst>(CB)) {
      NewCB = B.CreateInvoke(WT, W, II->getNormalDest(), II->getUnwindDest(),
                             Args);
      LoadAt = &*II->getNormalDest()->getFirstInsertionPt();
    } else {
      NewCB = B.CreateCall(WT, W, Args);
      LoadAt = CB->getNextNode();
    }
    AttributeList NewAttrs = NewCB->getAttributes();
    for (unsigned I = 0, E = FT->getNumParams(); I != E; ++I)
      NewAttrs = NewAttrs.addParamAttributes(
          Ctx, I + Shift, AttrBuilder(Ctx, CallAttrs.getParamAttrs(I)));
    NewCB->setAttributes(NewAttrs);
    NewCB->setDebugLoc(CB->getDebugLoc());
    auto *Result = new LoadInst(RT, Buf, "", LoadAt->getIterator());
    Result->takeName(CB);
    CB->replaceAllUsesWith(Result);
    CB->eraseFromParent();
  }
}

/// A stack object reported at a safepoint may be reported before the
/// program has written all of its pointer words; the runtime would then read
/// stale stack contents as pointers. Zero it when its lifetime begins.
void FunctionRewriter::zeroStackObjects() {
  SmallVector<bool, 8> Reported(Info.Objects.size(), false);
  for (const GoSafepoint &SP : Info.Safepoints)
    for (unsigned O : SP.LiveObjects)
      Reported[O] = true;
  const DataLayout &DL = F.getDataLayout();
  BasicBlock &Entry = F.getEntryBlock();
  BasicBlock::iterator AfterAllocas = Entry.getFirstInsertionPt();
  while (isa<AllocaInst>(*AfterAllocas))
    ++AfterAllocas;
  std::optional<DominatorTree> DT;
  for (unsigned O = 0, E = Info.Objects.size(); O != E; ++O) {
    if (!Reported[O])
      continue;
    AllocaInst *AI = Info.Objects[O].Alloca;
    uint64_t Size = *AI->getAllocationSize(DL);
    auto Zero = [&](Instruction *Before) {
      IRBuilder<> B(Before);
      B.CreateMemSet(AI, B.getInt8(0), Size, AI->getAlign());
    };
    SmallVector<IntrinsicInst *, 4> Starts;
    for (User *U : AI->users())
      if (auto *II = dyn_cast<IntrinsicInst>(U))
        if (II->getIntrinsicID() == Intrinsic::lifetime_start)
          Starts.push_back(II);
    for (IntrinsicInst *S : Starts)
      Zero(S->getNextNode());
    // Entry-block allocas may come after other instructions.
    Instruction *EntryAt = &*AfterAllocas;
    if (AI->getParent() == &Entry && EntryAt->comesBefore(AI))
      EntryAt = AI->getNextNode();
    // Objects whose lifetime markers bracket every use need nothing at
    // entry: the zeroing after lifetime.start covers them.
    if (Starts.empty() || AI->getParent() != &Entry || !AI->isStaticAlloca())
      Zero(EntryAt);
    else {
      if (!DT)
        DT.emplace(F);
      bool Covered = all_of(AI->users(), [&](User *U) {
        auto *I = dyn_cast<Instruction>(U);
        return !I || is_contained(Starts, I) ||
               any_of(Starts, [&](IntrinsicInst *S) {
                 return DT->dominates(S, I);
               });
      });
      if (!Covered)
        Zero(EntryAt);
    }
  }
}

/// The statepoint ID: the function's position in the module and the call's
/// position in the function. Unique per module, independent of pointer
/// values and of anything another thread does.
static uint64_t statepointID(uint64_t Ordinal, uint64_t Index) {
  return (Ordinal << 32) | (Index & 0xffffffff);
}

void FunctionRewriter::rewriteSafepoint(GoSafepoint &SP, uint64_t Index) {
  CallBase *CB = SP.Call;
  unsigned GCAS = Info.GCAddressSpace;
  IRBuilder<> B(CB);

  // "deopt": the layout of the stack objects, constants only.
  SmallVector<Value *, 8> Deopt;
  SmallVector<Value *, 16> GCArgs;
  Deopt.push_back(B.getInt64(SP.LiveObjects.size()));
  for (unsigned O : SP.LiveObjects) {
    const GoStackObject &Obj = Info.Objects[O];
    Deopt.push_back(B.getInt64(Obj.Layout.SizeInWords));
    for (uint64_t W : Obj.Layout.Bitmap)
      Deopt.push_back(B.getInt64(W));
    GCArgs.push_back(Obj.Alloca);
  }

  // "gc-live": the SSA roots; aggregates contribute their pointer fields.
  struct LivePiece {
    Value *Whole;
    SmallVector<std::pair<SmallVector<unsigned, 2>, unsigned>, 2> Fields;
  };
  SmallVector<LivePiece, 8> Pieces;
  ArrayRef<Value *> LiveValues = SP.LiveValues;
  if (DropLiveSlot && !LiveValues.empty())
    LiveValues = LiveValues.drop_front();
  for (Value *Live : LiveValues) {
    Value *V = current(Live);
    LivePiece P{V, {}};
    SmallVector<unsigned, 2> Prefix;
    SmallVector<SmallVector<unsigned, 2>, 4> Paths;
    collectPointerPaths(V->getType(), GCAS, Prefix, Paths);
    for (SmallVector<unsigned, 2> &Path : Paths) {
      Value *Field = Path.empty() ? V : B.CreateExtractValue(V, Path);
      P.Fields.push_back({Path, static_cast<unsigned>(GCArgs.size())});
      GCArgs.push_back(Field);
    }
    Pieces.push_back(std::move(P));
  }

  SmallVector<Value *, 8> Args(CB->args());
  FunctionCallee Callee(CB->getFunctionType(), CB->getCalledOperand());
  uint64_t ID = statepointID(Ordinal, Index);
  CallBase *Statepoint;
  Instruction *Result = nullptr;
  auto *II = dyn_cast<InvokeInst>(CB);
  if (II)
    Statepoint = B.CreateGCStatepointInvoke(
        ID, 0, Callee, II->getNormalDest(), II->getUnwindDest(), Args, Deopt,
        GCArgs);
  else
    Statepoint = B.CreateGCStatepointCall(ID, 0, Callee, Args, Deopt, GCArgs);
  Statepoint->setName(CB->hasName() ? CB->getName() + ".sp" : "sp");
  Statepoint->setCallingConv(CB->getCallingConv());
  Statepoint->setDebugLoc(CB->getDebugLoc());

  // Keep every attribute: call-site function attributes (but not the memory
  // effects, which a statepoint cannot promise), and each argument's
  // attributes at its position among the statepoint's operands. The return
  // attributes describe the callee's result, which the gc.result carries.
  AttributeList Old = CB->getAttributes();
  AttributeList New = Statepoint->getAttributes();
  AttrBuilder FnAttrs(Ctx, Old.getFnAttrs());
  FnAttrs.removeAttribute(Attribute::Memory);
  FnAttrs.removeAttribute("gc-leaf-function");
  New = New.addFnAttributes(Ctx, FnAttrs);
  constexpr unsigned CallArgsBegin = 5; // id, patch bytes, target, #args, flags
  for (unsigned I = 0, E = CB->arg_size(); I != E; ++I) {
    AttributeSet AS = Old.getParamAttrs(I);
    if (AS.hasAttributes())
      New = New.addParamAttributes(Ctx, CallArgsBegin + I, AttrBuilder(Ctx, AS));
  }
  Statepoint->setAttributes(New);

  // The result and the relocations go right after the call, or at the top
  // of the normal successor of an invoke (which normalizeInvokes made ours).
  IRBuilder<> After(Ctx);
  if (II)
    After.SetInsertPoint(II->getNormalDest(),
                         II->getNormalDest()->getFirstInsertionPt());
  else
    After.SetInsertPoint(CB->getNextNode());
  After.SetCurrentDebugLocation(CB->getDebugLoc());
  if (!CB->getType()->isVoidTy()) {
    Result = After.CreateGCResult(Statepoint, CB->getType());
    Result->takeName(CB);
    CB->replaceAllUsesWith(Result);
    Replaced[CB] = Result;
    // Relocations of this call's result recorded at safepoints rewritten
    // earlier belong to the gc.result now.
    auto It = RedefIndex.find(CB);
    if (It != RedefIndex.end()) {
      unsigned Idx = It->second;
      RedefIndex.erase(It);
      RedefIndex[Result] = Idx;
    }
  }

  auto Relocate = [&](IRBuilder<> &At, Instruction *Token) {
    for (LivePiece &P : Pieces) {
      Value *NewValue = nullptr;
      for (auto &[Path, Idx] : P.Fields) {
        Value *Field = GCArgs[Idx];
        Value *R = At.CreateGCRelocate(Token, Idx, Idx, Field->getType(),
                                       Field->getName() + ".go.reloc");
        NewValue = Path.empty() ? R
                                : At.CreateInsertValue(NewValue ? NewValue
                                                                : P.Whole,
                                                       R, Path);
      }
      auto [It, Inserted] = RedefIndex.try_emplace(P.Whole, Redefs.size());
      if (Inserted)
        Redefs.push_back({WeakTrackingVH(P.Whole), {}});
      Redefs[It->second].second.push_back(NewValue);
    }
  };
  // Only the normal path gets relocations. On the unwind path LLVM would
  // want them on a `landingpad token`, but Gollvm's landing pads return
  // {ptr, i32}. Since nothing moves, the unwind path keeps using the values
  // as they were before the call; they are still recorded at this call
  // site through the normal-path relocations, used or not.
  Relocate(After, Statepoint);
  CB->eraseFromParent();
}

/// Puts the relocated values in place of the originals. Each live value
/// gets a temporary stack slot: stored at its definition and after every
/// relocation, loaded at every use. mem2reg then builds the SSA form,
/// phis included, and the slots disappear.
void FunctionRewriter::rewireUses() {
  if (Redefs.empty())
    return;
  BasicBlock &Entry = F.getEntryBlock();
  IRBuilder<> SlotB(&Entry, Entry.begin());
  const DataLayout &DL = F.getDataLayout();
  SmallVector<AllocaInst *, 16> Slots;
  for (auto &[Handle, NewValues] : Redefs) {
    Value *V = Handle;
    if (!V)
      continue;
    AllocaInst *Slot =
        SlotB.CreateAlloca(V->getType(), DL.getAllocaAddrSpace(), nullptr,
                           V->getName() + ".go.slot");
    Slots.push_back(Slot);
    SmallPtrSet<Instruction *, 8> Ours;

    // The definition.
    Instruction *DefAt;
    if (isa<Argument>(V))
      DefAt = Slot->getNextNode();
    else if (auto *II = dyn_cast<InvokeInst>(V))
      DefAt = &*II->getNormalDest()->getFirstInsertionPt();
    else {
      auto *I = cast<Instruction>(V);
      DefAt = isa<PHINode>(I) ? &*I->getParent()->getFirstInsertionPt()
                              : I->getNextNode();
    }
    Ours.insert(new StoreInst(V, Slot, DefAt->getIterator()));
    // Each relocation.
    for (Value *NV : NewValues) {
      auto *NI = cast<Instruction>(NV);
      Ours.insert(new StoreInst(NV, Slot, NI->getNextNode()->getIterator()));
    }
    // Every other use reads the slot.
    SmallVector<Use *, 8> Uses;
    for (Use &U : V->uses())
      Uses.push_back(&U);
    for (Use *U : Uses) {
      auto *User = cast<Instruction>(U->getUser());
      if (Ours.count(User))
        continue;
      Instruction *LoadAt = User;
      if (auto *Phi = dyn_cast<PHINode>(User))
        LoadAt = Phi->getIncomingBlock(*U)->getTerminator();
      U->set(new LoadInst(V->getType(), Slot, V->getName() + ".go.cur",
                          LoadAt->getIterator()));
    }
  }
  DominatorTree DT(F);
  PromoteMemToReg(Slots, DT);
}

bool FunctionRewriter::run() {
  if (none_of(instructions(F), [](Instruction &I) {
        auto *CB = dyn_cast<CallBase>(&I);
        return CB && classifyCallSite(*CB) == CallSiteKind::Safepoint;
      }))
    return false;
  // Normalize first: invokes get blocks of their own, large results go
  // through wrappers. Neither changes what is live where.
  if (any_of(F, [](const BasicBlock &BB) {
        return isa<InvokeInst>(BB.getTerminator());
      }))
    normalizeInvokes();
  hoistAllocas();
  wrapLargeReturns();
  Info = computeGoSafepoints(F);
  if (!Info.Unsupported.empty()) {
    Ctx.emitError("function '" + F.getName() +
                  "': go-statepoints: " + Info.Unsupported);
    Failed = true;
    return false;
  }
  if (Info.Safepoints.empty())
    return false;
  OptimizationRemarkEmitter ORE(&F);
  uint64_t Roots = Info.totalRoots();
  if (Roots > RootBudget)
    ORE.emit([&] {
      return OptimizationRemarkMissed(DEBUG_TYPE, "OverBudget", &F)
             << "'" << ore::NV("Function", F.getName()) << "' has "
             << ore::NV("Safepoints", Info.Safepoints.size())
             << " safepoints recording " << ore::NV("Roots", Roots)
             << " live roots, above the budget of "
             << ore::NV("Budget", RootBudget.getValue())
             << " (-go-statepoints-budget); its stack maps are large";
    });
  ORE.emit([&] {
    return OptimizationRemark(DEBUG_TYPE, "Lowered", &F)
           << "lowered " << ore::NV("Safepoints", Info.Safepoints.size())
           << " safepoints in '" << ore::NV("Function", F.getName())
           << "' with " << ore::NV("Roots", Roots)
           << " live roots and "
           << ore::NV("StackObjects", Info.Objects.size())
           << " stack objects";
  });

  zeroStackObjects();
  for (uint64_t I = 0, E = Info.Safepoints.size(); I != E; ++I)
    rewriteSafepoint(Info.Safepoints[I], I);
  rewireUses();
  return true;
}

PreservedAnalyses GoStatepointsPass::run(Module &M, ModuleAnalysisManager &) {
  bool Changed = false;
  uint64_t Ordinal = 0;
  for (Function &F : M) {
    if (F.isDeclaration())
      continue;
    ++Ordinal;
    if (!hasGoGC(F))
      continue;
    FunctionRewriter Rewriter(F, Ordinal);
    Changed |= Rewriter.run();
    // One error per module: the first is the one to fix, and tools print
    // errors one line each.
    if (Rewriter.Failed)
      break;
  }
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}

} // namespace gollc
