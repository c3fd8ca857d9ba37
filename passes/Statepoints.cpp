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
#include "gollc/Cycles.h"
#include "gollc/GoIR.h"
#include "gollc/StackMapFormat.h"

#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/PostOrderIterator.h"
#include "llvm/ADT/ScopeExit.h"
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
#include "llvm/IR/Statepoint.h"
#include "llvm/IR/Operator.h"
#include "llvm/IR/ValueHandle.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
#include "llvm/Transforms/Utils/PromoteMemToReg.h"
#include "llvm/Transforms/Utils/Cloning.h"

#include <numeric>

using namespace llvm;

#define DEBUG_TYPE "go-statepoints"

static cl::opt<uint64_t> RootBudget(
    "go-statepoints-budget", cl::init(200000),
    cl::desc("go-statepoints: warn (remark) when a function's safepoints "
             "record more live roots than this in total"),
    cl::cat(gollc::goLoweringCategory()));

// For the reference runtime's negative test only: a stack map that misses a
// root must make its stress run fail.
static cl::opt<bool> DropLiveSlot(
    "go-statepoints-drop-live-slot", cl::init(false), cl::Hidden,
    cl::desc("go-statepoints: DEBUG ONLY, produces wrong stack maps: leave "
             "the first live SSA root out of every statepoint"),
    cl::cat(gollc::goLoweringCategory()));

// For the reference runtime's negative tests only: each value undoes one of
// the rules that keep the maps exact, so that a test can show refrt detects
// the wrong map that results.
enum class BreakRule { Derived, Undef, Byval, VarIndex };
static cl::bits<BreakRule> BreakRules(
    "go-statepoints-break", cl::Hidden, cl::CommaSeparated,
    cl::desc("go-statepoints: DEBUG ONLY, produces wrong stack maps"),
    cl::values(clEnumValN(BreakRule::Derived, "derived",
                          "record derived pointers instead of their bases"),
               clEnumValN(BreakRule::Undef, "undef",
                          "keep undef pointers and record undef fields"),
               clEnumValN(BreakRule::Byval, "byval",
                          "neither copy byval arguments nor keep their "
                          "sources"),
               clEnumValN(BreakRule::VarIndex, "varindex",
                          "a store at a variable index marks every word")),
    cl::cat(gollc::goLoweringCategory()));

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

void StackObjectLayout::markAllWords() {
  for (uint64_t J = 0; J * 64 < SizeInWords; ++J)
    Chunks[J] = SizeInWords - J * 64 >= 64
                    ? ~uint64_t(0)
                    : (uint64_t(1) << (SizeInWords - J * 64)) - 1;
}

uint64_t StackObjectLayout::pointerPrefixWords() const {
  if (Chunks.empty())
    return 0;
  const auto &[J, Bits] = *Chunks.rbegin();
  return J * 64 + 64 - llvm::countl_zero(Bits);
}

SmallVector<std::pair<uint64_t, uint64_t>, 4>
StackObjectLayout::pointerRuns() const {
  SmallVector<std::pair<uint64_t, uint64_t>, 4> Runs;
  for (const auto &[J, Chunk] : Chunks) {
    // Whole runs of ones at a time: O(runs + chunks), not O(words).
    uint64_t Bits = Chunk;
    unsigned K = 0;
    while (Bits) {
      unsigned Zeros = llvm::countr_zero(Bits);
      K += Zeros;
      Bits = Zeros == 64 ? 0 : Bits >> Zeros;
      unsigned Ones = llvm::countr_one(Bits);
      uint64_t First = J * 64 + K;
      if (!Runs.empty() && Runs.back().first + Runs.back().second == First)
        Runs.back().second += Ones;
      else
        Runs.push_back({First, Ones});
      K += Ones;
      Bits = Ones == 64 ? 0 : Bits >> Ones;
    }
  }
  return Runs;
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
    L.markPointerWord(Offset / 8);
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

/// Stack objects of up to 64 words keep their full size in a layout; larger
/// ones end at their last pointer word.
static constexpr uint64_t FullLayoutWords = 64;

/// Zeroing a stack object's pointer words (zeroStackObjects) skips
/// pointer-free stretches of at least this many words (4 KiB) and covers
/// shorter ones with the pointer words around them.
static constexpr uint64_t ZeroGapWords = 512;

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
  void markStoreAtUnknownOffset(GoStackObject &Obj, StoreInst &SI);
  void computeValueLiveness();
  void computeObjectLiveness();
  // Base pointers.
  void computeRoots();
  void collectRoots(Value *V, SmallSetVector<Value *, 8> &Out,
                    unsigned Depth = 0);
  void collectAggregateRoots(Value *A, SmallSetVector<Value *, 8> &Out);
  GoRoot makeRoot(Value *V) const;
  bool isRoot(const Value *V) const;
  Value *resolveMergeBase(Instruction *Merge);
  std::optional<uint64_t> knownObjectSize(const Value *Base) const;

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
  // The base found for each phi/select of pointers (itself, a common base,
  // or a new base phi/select).
  DenseMap<const Value *, Value *> MergeBase;
  // The index in Info.AggregateFields of each aggregate recorded by fields.
  // Keyed by address only while the analysis runs: the result itself names
  // the paths by index, so that a rewrite deleting values cannot alias
  // them.
  DenseMap<const Value *, unsigned> AggregateIndex;
  std::optional<DominatorTree> DT;
};

} // namespace

/// Follows a pointer back through the instructions that derive a pointer
/// from another one (GEPs, pointer casts, invariant-group and ptrmask
/// intrinsics, extractvalue of an inserted field) to the value that defines
/// it: a phi, a select, or a value that is its own base (argument, load,
/// call, inttoptr, constant, alloca, extractelement, vector construction).
static Value *baseDefiningValue(Value *V) {
  for (unsigned Steps = 0; Steps != 1024; ++Steps) {
    if (auto *GEP = dyn_cast<GetElementPtrInst>(V)) {
      V = GEP->getPointerOperand();
      continue;
    }
    // A bitcast keeps the value; an addrspacecast moves it to another
    // address space (an alloca cast into the GC space by go-gc-addrspace):
    // it is its own base, of the merge's type.
    if (isa<BitCastInst>(V)) {
      V = cast<Instruction>(V)->getOperand(0);
      continue;
    }
    if (auto *II = dyn_cast<IntrinsicInst>(V)) {
      switch (II->getIntrinsicID()) {
      case Intrinsic::launder_invariant_group:
      case Intrinsic::strip_invariant_group:
      case Intrinsic::ptrmask:
        V = II->getArgOperand(0);
        continue;
      default:
        break;
      }
    }
    if (auto *EV = dyn_cast<ExtractValueInst>(V)) {
      // extractvalue (insertvalue ..., %p, i), i is %p.
      Value *Agg = EV->getAggregateOperand();
      ArrayRef<unsigned> Idx = EV->getIndices();
      while (auto *IV = dyn_cast<InsertValueInst>(Agg)) {
        if (IV->getIndices() == Idx)
          break;
        ArrayRef<unsigned> In = IV->getIndices();
        size_t Common = std::min(In.size(), Idx.size());
        if (In.take_front(Common) == Idx.take_front(Common))
          break; // partly overlapping: stop here
        Agg = IV->getAggregateOperand();
      }
      auto *IV = dyn_cast<InsertValueInst>(Agg);
      if (IV && IV->getIndices() == Idx) {
        V = IV->getInsertedValueOperand();
        continue;
      }
      if (auto *C = dyn_cast<Constant>(Agg)) {
        Constant *E = C;
        for (unsigned I : Idx)
          if (E)
            E = E->getAggregateElement(I);
        if (E)
          return E;
      }
    }
    break;
  }
  return V;
}

/// The exception object an unwinder hands to a landing pad is malloc'ed,
/// not a Go heap object: a landingpad, a field of one, and phis and selects
/// merging only such values (the inliner's %eh.lpad-body) are not roots.
static bool isExceptionValue(const Value *V) {
  SmallVector<const Value *, 8> Work{V};
  SmallPtrSet<const Value *, 8> Seen{V};
  bool SawPad = false;
  while (!Work.empty()) {
    const Value *Cur = Work.pop_back_val();
    if (isa<LandingPadInst>(Cur)) {
      SawPad = true;
      continue;
    }
    if (isa<Constant>(Cur))
      continue; // undef, null, the selector of a rebuilt {ptr, i32}
    SmallVector<const Value *, 4> Inputs;
    if (auto *EV = dyn_cast<ExtractValueInst>(Cur))
      Inputs.push_back(EV->getAggregateOperand());
    else if (auto *IV = dyn_cast<InsertValueInst>(Cur)) {
      Inputs.push_back(IV->getAggregateOperand());
      Inputs.push_back(IV->getInsertedValueOperand());
    } else if (auto *Phi = dyn_cast<PHINode>(Cur))
      append_range(Inputs, Phi->incoming_values());
    else if (auto *Sel = dyn_cast<SelectInst>(Cur)) {
      Inputs.push_back(Sel->getTrueValue());
      Inputs.push_back(Sel->getFalseValue());
    } else
      return false;
    for (const Value *In : Inputs)
      if (Seen.insert(In).second)
        Work.push_back(In);
  }
  return SawPad;
}

/// byval, inalloca and preallocated arguments point into the caller's
/// outgoing argument area: stack memory, never a heap object.
static bool isStackArgument(const Value *V) {
  const auto *A = dyn_cast<Argument>(V);
  return A && (A->hasByValAttr() || A->hasInAllocaAttr() ||
               A->hasPreallocatedAttr());
}

/// Pointers into the stack and constants (globals, null) are not roots: the
/// collector neither needs nor wants them (docs/IRContract.md).
bool SafepointAnalysis::pointsOutsideHeap(const Value *V) const {
  if (isExceptionValue(V))
    return true;
  if (!V->getType()->isPointerTy())
    return false;
  SmallVector<const Value *, 4> Objects;
  getUnderlyingObjects(V, Objects);
  return all_of(Objects, [](const Value *O) {
    return isa<AllocaInst>(O) || isa<GlobalValue>(O) ||
           isa<ConstantPointerNull>(O) || isa<UndefValue>(O) ||
           isStackArgument(O);
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
    // The layout ends at the last pointer word: a Go object with a large
    // pointer-free tail ({*T, [128 << 20]byte}) needs no layout for it.
    StackObjectLayout &Layout = Info.Objects.back().Layout;
    if (Layout.SizeInWords > FullLayoutWords)
      Layout.SizeInWords =
          std::max(FullLayoutWords, Layout.pointerPrefixWords());
    if (Layout.SizeInWords > stackmap::MaxObjectWords &&
        Info.Unsupported.empty())
      Info.Unsupported =
          formatv("alloca {0}holds pointers across {1} MiB; a stack map "
                  "describes at most {2} MiB of a stack object's "
                  "pointer-holding prefix",
                  AI->hasName() ? "'" + AI->getName().str() + "' " : "",
                  divideCeil(Layout.SizeInWords * 8, 1 << 20),
                  stackmap::MaxObjectWords * 8 >> 20)
              .str();
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

/// Whether lifetime marker \p II covers all of \p AI: its pointer is the
/// alloca itself, possibly through casts or zero-offset GEPs (LLVM 14 bitcode
/// upgraded by LLVM 19 keeps `bitcast ptr to ptr`, and nothing folds it at
/// -O0). A marker on part of the object neither starts nor ends the
/// lifetime of the words around that part. The analysis (scanObjectUses)
/// and the zeroing (lifetimeStarts) both go by this.
static bool coversWholeObject(const IntrinsicInst &II, const AllocaInst &AI,
                              const DataLayout &DL) {
  const Value *P = II.getArgOperand(1);
  APInt Offset(DL.getIndexTypeSizeInBits(P->getType()), 0);
  return P->stripAndAccumulateConstantOffsets(DL, Offset,
                                              /*AllowNonInbounds=*/true) ==
             &AI &&
         Offset.isZero();
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
        markStoreAtUnknownOffset(Obj, *SI);
        continue;
      }
      if (auto *II = dyn_cast<IntrinsicInst>(I)) {
        switch (II->getIntrinsicID()) {
        case Intrinsic::lifetime_start:
        case Intrinsic::lifetime_end:
          if (!coversWholeObject(*II, *Obj.Alloca, DL))
            Event(I, ObjectEvent::Touch);
          else
            Event(I, II->getIntrinsicID() == Intrinsic::lifetime_start
                         ? ObjectEvent::Start
                         : ObjectEvent::End);
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

/// A GC value stored into stack object \p Obj at a position that is not a
/// constant (a variable index). A typed object keeps the pointer words its
/// type gives: Go is type safe, so the pointer lands in one of them, and
/// marking more words would report integers as pointers. Untyped storage
/// (byte arrays, integers) gets the words the store can reach: the address
/// is C + sum(index * scale), so every position C + m * G, G the gcd of the
/// scales. Only when even that is unknown may every word hold a pointer.
void SafepointAnalysis::markStoreAtUnknownOffset(GoStackObject &Obj,
                                                 StoreInst &SI) {
  StackObjectLayout &L = Obj.Layout;
  AllocaInst *AI = Obj.Alloca;
  Type *VT = SI.getValueOperand()->getType();
  if (BreakRules.isSet(BreakRule::VarIndex)) {
    L.markAllWords();
    return;
  }
  if (isTrackedType(AI->getAllocatedType()))
    return;
  unsigned Bits = DL.getIndexTypeSizeInBits(AI->getType());
  APInt Const(Bits, 0);
  uint64_t G = 0;
  bool Known = true;
  Value *P = SI.getPointerOperand();
  for (unsigned Steps = 0; P != AI && Known; ++Steps) {
    if (Steps == 64) {
      Known = false;
      break;
    }
    if (auto *GEP = dyn_cast<GEPOperator>(P)) {
      MapVector<Value *, APInt> Vars;
      APInt C(Bits, 0);
      if (!GEP->collectOffset(DL, Bits, Vars, C)) {
        Known = false;
        break;
      }
      Const += C;
      for (auto &KV : Vars)
        G = std::gcd(G, KV.second.abs().getLimitedValue());
      P = GEP->getPointerOperand();
      continue;
    }
    auto *Op = dyn_cast<Operator>(P);
    if (Op && (Op->getOpcode() == Instruction::BitCast ||
               Op->getOpcode() == Instruction::AddrSpaceCast)) {
      P = Op->getOperand(0);
      continue;
    }
    Known = false;
  }
  uint64_t Size = L.SizeInWords * 8;
  uint64_t VSize = DL.getTypeStoreSize(VT).getFixedValue();
  if (Known && G != 0 && G % 8 == 0) {
    int64_t C = Const.getSExtValue();
    int64_t IG = int64_t(G);
    bool Ok = true;
    for (uint64_t Off = uint64_t(((C % IG) + IG) % IG); Off + VSize <= Size;
         Off += G)
      Ok &= markPointerWords(VT, Off, DL, GCAS, L);
    if (Ok)
      return;
  }
  L.markAllWords();
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
            Info.Safepoints[SP->second].LiveValues.push_back({Values[V]});
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

//===----------------------------------------------------------------------===//
// Base pointers
//===----------------------------------------------------------------------===//
//
// The optimizer derives pointers that lie outside their object: a loop over
// s[i-1] hoists `getelementptr i8, ptr %s, i64 -8`, loop strength reduction
// makes end pointers. Such a value may be the only one live across a call
// while the object's own pointer is dead; recording it would keep the wrong
// object alive (or none). So the pointer recorded for a derived value is its
// base, the value it was derived from, unless the derived value is provably
// inside [base, base + size). Phis and selects merging pointers with
// different bases get a base phi/select beside them, as LLVM's
// RewriteStatepointsForGC does (docs/Statepoints.md, "Derived pointers").

/// Bytes known to be allocated at \p Base: dereferenceable(N), or the size
/// in the Go type descriptor of a runtime.newobject call.
std::optional<uint64_t>
SafepointAnalysis::knownObjectSize(const Value *Base) const {
  bool CanBeNull = false, CanBeFreed = false;
  uint64_t N = Base->getPointerDereferenceableBytes(DL, CanBeNull, CanBeFreed);
  if (N != 0)
    return N;
  const auto *CB = dyn_cast<CallBase>(Base);
  const Function *Callee = CB ? CB->getCalledFunction() : nullptr;
  if (!Callee || Callee->getName() != "runtime.newobject")
    return std::nullopt;
  for (const Value *Arg : CB->args()) {
    const auto *GV = dyn_cast<GlobalVariable>(Arg->stripPointerCasts());
    if (!GV || !GV->hasDefinitiveInitializer())
      continue;
    // Go 1.18's runtime._type starts with its size (i64), possibly as the
    // first field of a larger descriptor (ptrType, structType...).
    const Constant *C = GV->getInitializer();
    while (C && (isa<ConstantStruct>(C) || isa<ConstantArray>(C)))
      C = C->getAggregateElement(0u);
    if (const auto *Size = dyn_cast_or_null<ConstantInt>(C))
      if (Size->getBitWidth() == 64)
        return Size->getZExtValue();
  }
  return std::nullopt;
}

bool SafepointAnalysis::isRoot(const Value *V) const {
  if (isa<Constant>(V) || isa<AllocaInst>(V) || isStackArgument(V))
    return false;
  return !pointsOutsideHeap(V);
}

/// The base of a phi or select of pointers (RewriteStatepointsForGC's
/// algorithm, simplified for a collector that does not move objects): over
/// the phis and selects reachable through derivations, each either has one
/// base for all its inputs, or conflicts and gets a base phi/select merging
/// its inputs' bases. A base phi whose inputs are the phi's own inputs is
/// not needed: the phi is its own base.
///
/// Longer than 100 lines on purpose: its four phases (closure, fixpoint,
/// base merges, folding) share the closure and three maps of per-merge
/// state, read through the InputBase lambda; split up, each phase would take
/// all of them as parameters, and the algorithm is easier to check against
/// RewriteStatepointsForGC's findBasePointer in one piece.
Value *SafepointAnalysis::resolveMergeBase(Instruction *Merge) {
  if (Value *B = MergeBase.lookup(Merge))
    return B;
  auto Inputs = [](Instruction *I) {
    SmallVector<Value *, 4> In;
    if (auto *Phi = dyn_cast<PHINode>(I))
      append_range(In, Phi->incoming_values());
    else {
      auto *Sel = cast<SelectInst>(I);
      In.push_back(Sel->getTrueValue());
      In.push_back(Sel->getFalseValue());
    }
    return In;
  };
  auto IsMerge = [](Value *V) {
    return isa<PHINode>(V) || isa<SelectInst>(V);
  };
  // The closure of merges reachable from Merge, in a deterministic order.
  SmallSetVector<Instruction *, 8> Nodes;
  Nodes.insert(Merge);
  for (size_t I = 0; I != Nodes.size(); ++I)
    for (Value *In : Inputs(Nodes[I])) {
      Value *B = baseDefiningValue(In);
      if (IsMerge(B) && !MergeBase.count(B))
        Nodes.insert(cast<Instruction>(B));
    }
  // State: no entry = unknown; IsConflict = needs a base of its own (its
  // new base merge in NewBase, once made); else the one base of all its
  // inputs.
  DenseMap<Instruction *, Value *> State;
  DenseMap<Instruction *, bool> IsConflict;
  DenseMap<Instruction *, Instruction *> NewBase;
  // What stands for input In: a base resolved earlier, the state of a merge
  // of the closure (nullptr while unknown, or while a conflict has no base
  // merge yet; the flag says conflict), or In's base-defining value.
  auto InputBase = [&](Value *In) -> std::pair<Value *, bool> {
    Value *B = baseDefiningValue(In);
    if (Value *Known = MergeBase.lookup(B))
      return {Known, false};
    if (IsMerge(B) && Nodes.count(cast<Instruction>(B))) {
      auto *N = cast<Instruction>(B);
      if (IsConflict.lookup(N))
        return {NewBase.lookup(N), true};
      return {State.lookup(N), false};
    }
    return {B, false};
  };
  if (!DT)
    DT.emplace(F);
  bool Changed = true;
  while (Changed) {
    Changed = false;
    for (Instruction *N : Nodes) {
      if (IsConflict.lookup(N))
        continue;
      Value *Meet = nullptr;
      bool Conf = false;
      for (Value *In : Inputs(N)) {
        if (baseDefiningValue(In) == N)
          continue; // a cycle through itself adds nothing
        auto [B, InConf] = InputBase(In);
        if (InConf || (B && Meet && B != Meet)) {
          Conf = true;
          break;
        }
        if (B)
          Meet = B;
      }
      // A single base must dominate the merge to stand for it.
      if (!Conf && Meet && isa<Instruction>(Meet) &&
          !DT->dominates(cast<Instruction>(Meet), N))
        Conf = true;
      if (Conf) {
        IsConflict[N] = true;
        Changed = true;
      } else if (Meet && State.lookup(N) != Meet) {
        State[N] = Meet;
        Changed = true;
      }
    }
  }
  // Base merges for the conflicts.
  for (Instruction *N : Nodes) {
    if (!IsConflict.lookup(N))
      continue;
    Instruction *NB;
    if (auto *Phi = dyn_cast<PHINode>(N))
      NB = PHINode::Create(N->getType(), Phi->getNumIncomingValues(),
                           N->getName() + ".go.base",
                           N->getParent()->getFirstNonPHIIt());
    else
      NB = SelectInst::Create(cast<SelectInst>(N)->getCondition(),
                              PoisonValue::get(N->getType()),
                              PoisonValue::get(N->getType()),
                              N->getName() + ".go.base", N->getIterator());
    NewBase[N] = NB;
  }
  auto BaseFor = [&](Value *In, Instruction *InsertBefore, Type *Ty) {
    // A merge whose state stayed unknown is its own base.
    Value *R = InputBase(In).first;
    if (!R)
      R = baseDefiningValue(In);
    if (R->getType() != Ty) {
      IRBuilder<> B(InsertBefore);
      Type *ScalarTy = Ty->getScalarType();
      if (R->getType()->getScalarType() != ScalarTy)
        R = B.CreateAddrSpaceCast(R, R->getType()->isVectorTy()
                                         ? VectorType::get(ScalarTy,
                                               cast<VectorType>(R->getType())
                                                   ->getElementCount())
                                         : ScalarTy,
                                  "go.base.cast");
      // A scalar base of a vector of pointers: splat it.
      if (R->getType() != Ty)
        R = B.CreateVectorSplat(cast<VectorType>(Ty)->getElementCount(), R,
                                "go.base.splat");
    }
    return R;
  };
  for (auto &[N, NB] : NewBase) {
    if (auto *Phi = dyn_cast<PHINode>(N)) {
      auto *BPhi = cast<PHINode>(NB);
      for (unsigned I = 0, E = Phi->getNumIncomingValues(); I != E; ++I) {
        BasicBlock *In = Phi->getIncomingBlock(I);
        // A block reaching the phi twice must give the same value twice.
        int Prev = BPhi->getBasicBlockIndex(In);
        Value *V = Prev >= 0 ? BPhi->getIncomingValue(Prev)
                             : BaseFor(Phi->getIncomingValue(I),
                                       In->getTerminator(), Phi->getType());
        BPhi->addIncoming(V, In);
      }
    } else {
      auto *Sel = cast<SelectInst>(N);
      NB->setOperand(1, BaseFor(Sel->getTrueValue(), NB, N->getType()));
      NB->setOperand(2, BaseFor(Sel->getFalseValue(), NB, N->getType()));
    }
  }
  // A base merge of the merge's own inputs is the merge itself.
  DenseMap<Instruction *, Instruction *> Final;
  for (auto &[N, NB] : NewBase)
    Final[N] = NB;
  Changed = true;
  while (Changed) {
    Changed = false;
    for (Instruction *N : Nodes) {
      auto It = Final.find(N);
      if (It == Final.end() || It->second == N)
        continue;
      Instruction *NB = It->second;
      unsigned First = isa<SelectInst>(N) ? 1 : 0;
      bool Same = NB->getNumOperands() == N->getNumOperands();
      for (unsigned I = First; Same && I != N->getNumOperands(); ++I) {
        Value *A = NB->getOperand(I), *B = N->getOperand(I);
        Same = A == B || (A == NB && B == N);
      }
      if (!Same)
        continue;
      NB->replaceAllUsesWith(N);
      NB->eraseFromParent();
      It->second = N;
      Changed = true;
    }
  }
  for (Instruction *N : Nodes) {
    Value *B;
    if (IsConflict.lookup(N))
      B = Final[N];
    else
      B = State.lookup(N) ? State.lookup(N) : N;
    MergeBase[N] = B;
  }
  return MergeBase.lookup(Merge);
}

/// The pointers to record for live value \p V (a GC pointer or a vector of
/// them): V itself when it is its own base or provably inside its base's
/// object, otherwise its base (or bases, for a vector assembled from
/// several pointers).
void SafepointAnalysis::collectRoots(Value *V, SmallSetVector<Value *, 8> &Out,
                                     unsigned Depth) {
  if (Depth > 32) {
    if (isRoot(V))
      Out.insert(V);
    return;
  }
  if (BreakRules.isSet(BreakRule::Derived)) {
    if (isRoot(V))
      Out.insert(V);
    return;
  }
  Value *B = baseDefiningValue(V);
  if (B != V && V->getType()->isPointerTy()) {
    // Derived. A constant offset into an object of known size may stay.
    APInt Off(DL.getIndexTypeSizeInBits(V->getType()), 0);
    const Value *S =
        V->stripAndAccumulateConstantOffsets(DL, Off, /*AllowNonInbounds=*/true);
    if (S == B && !Off.isNegative()) {
      std::optional<uint64_t> Size =
          Off.isZero() ? std::optional<uint64_t>(1) : knownObjectSize(B);
      if (Size && Off.ult(*Size)) {
        if (isRoot(B))
          Out.insert(V);
        return;
      }
    }
  }
  if (isa<PHINode>(B) || isa<SelectInst>(B)) {
    Value *MB = resolveMergeBase(cast<Instruction>(B));
    if (MB == B && B != V) {
      if (isRoot(B))
        Out.insert(B);
      return;
    }
    if (MB == B) {
      if (isRoot(V))
        Out.insert(V);
      return;
    }
    // A common base, or a new base merge.
    if (!isa<PHINode>(MB) && !isa<SelectInst>(MB)) {
      collectRoots(MB, Out, Depth + 1);
      return;
    }
    if (isRoot(MB))
      Out.insert(MB);
    return;
  }
  if (auto *IE = dyn_cast<InsertElementInst>(B)) {
    collectRoots(IE->getOperand(0), Out, Depth + 1);
    collectRoots(IE->getOperand(1), Out, Depth + 1);
    return;
  }
  if (auto *SV = dyn_cast<ShuffleVectorInst>(B)) {
    collectRoots(SV->getOperand(0), Out, Depth + 1);
    collectRoots(SV->getOperand(1), Out, Depth + 1);
    return;
  }
  if (auto *EE = dyn_cast<ExtractElementInst>(B)) {
    Value *Vec = EE->getVectorOperand();
    Value *VB = baseDefiningValue(Vec);
    if (VB != Vec || isa<InsertElementInst>(VB) ||
        isa<ShuffleVectorInst>(VB) || isa<PHINode>(VB) ||
        isa<SelectInst>(VB)) {
      collectRoots(Vec, Out, Depth + 1);
      return;
    }
  }
  if (isRoot(B))
    Out.insert(B);
}

/// The roots of a live first-class aggregate: each pointer field is traced
/// through insertvalue chains; a field inserted as a scalar is recorded
/// through that scalar's roots, a constant field (undef, null) not at all,
/// and any other field by extracting it from the aggregate.
void SafepointAnalysis::collectAggregateRoots(Value *A,
                                              SmallSetVector<Value *, 8> &Out) {
  SmallVector<unsigned, 2> Prefix;
  SmallVector<SmallVector<unsigned, 2>, 4> Paths;
  collectPointerPaths(A->getType(), GCAS, Prefix, Paths);
  SmallVector<SmallVector<unsigned, 2>, 2> Extract;
  for (const SmallVector<unsigned, 2> &Path : Paths) {
    Value *Cur = A;
    SmallVector<unsigned, 4> Rest(Path.begin(), Path.end());
    bool Done = false;
    for (unsigned Steps = 0; !Done && Steps != 256; ++Steps) {
      if (Rest.empty()) {
        collectRoots(Cur, Out);
        Done = true;
      } else if (auto *IV = dyn_cast<InsertValueInst>(Cur)) {
        ArrayRef<unsigned> Idx = IV->getIndices();
        size_t Common = std::min(Idx.size(), Rest.size());
        if (ArrayRef<unsigned>(Rest).take_front(Common) !=
            Idx.take_front(Common)) {
          Cur = IV->getAggregateOperand();
        } else if (Idx.size() <= Rest.size()) {
          Cur = IV->getInsertedValueOperand();
          Rest.erase(Rest.begin(), Rest.begin() + Idx.size());
        } else
          break; // cannot happen for a pointer leaf; extract
      } else if (auto *EV = dyn_cast<ExtractValueInst>(Cur)) {
        Rest.insert(Rest.begin(), EV->idx_begin(), EV->idx_end());
        Cur = EV->getAggregateOperand();
      } else if (isa<Constant>(Cur)) {
        // undef, null or a constant address: not a heap root.
        Done = !BreakRules.isSet(BreakRule::Undef);
        break;
      } else
        break;
    }
    if (!Done)
      Extract.push_back(Path);
  }
  if (!Extract.empty()) {
    auto [It, New] = AggregateIndex.try_emplace(A, Info.AggregateFields.size());
    if (New)
      Info.AggregateFields.push_back(std::move(Extract));
    Out.insert(A);
  }
}

/// Turns each safepoint's live values into the roots to record.
void SafepointAnalysis::computeRoots() {
  for (GoSafepoint &SP : Info.Safepoints) {
    SmallSetVector<Value *, 8> Roots;
    auto Add = [&](Value *V) {
      if (V->getType()->isStructTy() || V->getType()->isArrayTy())
        collectAggregateRoots(V, Roots);
      else
        collectRoots(V, Roots);
    };
    for (const GoRoot &R : SP.LiveValues)
      Add(R.V);
    // A byval argument is copied at the call: the callee's copy holds the
    // pointers the source object held, which the source (dead after the
    // call, as MemCpyOpt makes it from `tmp := *p; take(tmp)`) must keep
    // alive until the callee has them in its own frame.
    CallBase *CB = SP.Call;
    for (unsigned I = 0, E = CB->arg_size();
         I != E && !BreakRules.isSet(BreakRule::Byval); ++I) {
      if (!CB->isByValArgument(I) || !isTrackedType(CB->getParamByValType(I)))
        continue;
      // The byval pointer is an addrspace(0) one; in the GC-space form it
      // is a cast of the GC pointer it was copied from.
      Value *Src = CB->getArgOperand(I);
      while (!isTrackedType(Src->getType()) && isa<AddrSpaceCastOperator>(Src))
        Src = cast<Operator>(Src)->getOperand(0);
      if (isTrackedType(Src->getType()))
        Add(Src);
    }
    SP.LiveValues.clear();
    for (Value *V : Roots)
      SP.LiveValues.push_back(makeRoot(V));
  }
}

/// The root recording \p V: whole, or for an aggregate by the fields
/// collectAggregateRoots found.
GoRoot SafepointAnalysis::makeRoot(Value *V) const {
  GoRoot R{V};
  if (auto It = AggregateIndex.find(V); It != AggregateIndex.end())
    R.Fields = It->second;
  return R;
}

GoSafepointInfo SafepointAnalysis::run() {
  Info.GCAddressSpace = GCAS;
  numberValues();
  findStackObjects();
  if (Info.Safepoints.empty())
    return std::move(Info);
  computeValueLiveness();
  computeRoots();
  computeObjectLiveness();
  return std::move(Info);
}

AnalysisKey GoSafepointsAnalysis::Key;

GoSafepointInfo GoSafepointsAnalysis::run(Function &F,
                                          FunctionAnalysisManager &) {
  return SafepointAnalysis(F).run();
}

bool GoSafepointInfo::invalidate(Function &, const PreservedAnalyses &PA,
                                 FunctionAnalysisManager::Invalidator &) {
  auto PAC = PA.getChecker<GoSafepointsAnalysis>();
  return !PAC.preserved() && !PAC.preservedSet<AllAnalysesOn<Function>>();
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

/// One character per word, or, for an object over 4096 words, its runs of
/// pointer words as `runs first+words,...`.
static void printBitmap(raw_ostream &OS, const StackObjectLayout &L) {
  if (L.SizeInWords > 4096) {
    OS << "runs ";
    ListSeparator LS(",");
    for (auto [First, N] : L.pointerRuns())
      OS << LS << First << '+' << N;
    return;
  }
  for (uint64_t W = 0; W != L.SizeInWords; ++W)
    OS << (L.isPointerWord(W) ? '1' : '0');
}

PreservedAnalyses GoSafepointsPrinterPass::run(Function &F,
                                               FunctionAnalysisManager &FAM) {
  if (F.isDeclaration())
    return PreservedAnalyses::all();
  if (!hasGoGC(F)) {
    OS << "Safepoints for '" << F.getName() << "': not gc \"go\", not "
       << "lowered" << (isGollvmFunction(F) ? " (run go-prepare-gc first)" : "")
       << '\n';
    return PreservedAnalyses::all();
  }
  // What go-statepoints records: the same preparation and analysis, on a
  // copy (the printer leaves the IR alone; names are kept). The copy's
  // results leave the analysis manager with it.
  ValueToValueMapTy VMap;
  Function *Copy = CloneFunction(&F, VMap);
  auto EraseCopy = make_scope_exit([&] {
    FAM.clear(*Copy, Copy->getName());
    Copy->eraseFromParent();
  });
  prepareForGoSafepoints(*Copy);
  const GoSafepointInfo &Info = FAM.getResult<GoSafepointsAnalysis>(*Copy);
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
    for (const GoRoot &R : SP.LiveValues) {
      OS << LS;
      printValueName(OS, R.V);
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
  FunctionRewriter(Function &F, uint64_t Ordinal, FunctionAnalysisManager &FAM)
      : F(F), Ordinal(Ordinal), Ctx(F.getContext()), FAM(FAM) {}

  /// Lowers the function. Returns whether it changed; sets Failed (after
  /// a diagnostic) when it cannot be lowered. Leaves no analysis of the
  /// function cached when it changed it.
  bool run();
  bool Failed = false;

private:
  void wrapLargeReturns();
  void zeroStackObjects();
  /// One live root at a statepoint: the value as it is now and, per
  /// recorded field, its path (empty: the value itself) and its index among
  /// the gc-live operands.
  struct LivePiece {
    Value *Whole;
    SmallVector<std::pair<SmallVector<unsigned, 2>, unsigned>, 2> Fields;
  };

  bool lower();
  void rewriteSafepoint(const GoSafepoint &SP, uint64_t Index);
  SmallVector<Value *, 8> deoptBundle(const GoSafepoint &SP,
                                      IRBuilder<> &B) const;
  SmallVector<LivePiece, 8> gcLiveBundle(const GoSafepoint &SP, IRBuilder<> &B,
                                         SmallVectorImpl<Value *> &GCArgs) const;
  void relocate(IRBuilder<> &At, Instruction *Token, ArrayRef<Value *> GCArgs,
                ArrayRef<LivePiece> Pieces);
  void rewireUses();
  /// A live value as it is now: a call rewritten earlier is its gc.result.
  Value *current(Value *V) const {
    auto It = Replaced.find(V);
    return It == Replaced.end() ? V : It->second;
  }

  Function &F;
  uint64_t Ordinal;
  LLVMContext &Ctx;
  FunctionAnalysisManager &FAM;
  /// The analysis of the prepared function, cached in FAM until the
  /// rewrite is done.
  const GoSafepointInfo *Info = nullptr;
  /// For each live value: its redefinitions after safepoints. Keys are
  /// value handles so RAUW of a rewritten call moves them to its gc.result.
  SmallVector<std::pair<WeakTrackingVH, SmallVector<Value *, 4>>, 16> Redefs;
  DenseMap<Value *, unsigned> RedefIndex;
  /// Rewritten calls and the gc.result standing for each.
  DenseMap<Value *, Value *> Replaced;
};

} // namespace

/// Gollvm's defer and panic code lets invokes fall through to blocks with
/// several predecessors or with phis. The result and relocations of a
/// statepoint invoke must sit in a block that only it reaches, so each
/// invoke gets its own normal successor when needed.
static bool normalizeInvokes(Function &F) {
  // All invokes, not only safepoints: the result of any invoke may be live
  // across a later safepoint and needs a block of its own to be stored in.
  SmallVector<InvokeInst *, 8> Invokes;
  for (BasicBlock &BB : F)
    if (auto *II = dyn_cast<InvokeInst>(BB.getTerminator()))
      Invokes.push_back(II);
  bool Changed = false;
  for (InvokeInst *II : Invokes) {
    BasicBlock *From = II->getParent();
    BasicBlock *Normal = II->getNormalDest();
    if (!Normal->getSinglePredecessor() || isa<PHINode>(Normal->front())) {
      SplitBlockPredecessors(Normal, {From}, ".go.ret");
      Changed = true;
    }
  }
  return Changed;
}

/// A fixed-size alloca outside the entry block (llgo emits them, holding
/// pointers or not) makes the frame variable-sized, which a stack map with
/// a fixed frame size cannot describe. When its block is on no cycle it runs
/// at most once per call, so allocating it at entry instead changes nothing
/// the program can see. One on a cycle stays where it is: computeGoSafepoints
/// reports it when it holds pointers, the stack-map printer otherwise.
static bool hoistAllocas(Function &F) {
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
        for (const BlockCycle &C : findReachableCycles(F))
          OnCycle.insert(C.begin(), C.end());
        CyclesKnown = true;
      }
      if (!OnCycle.count(&BB))
        Hoist.push_back(AI);
    }
  }
  for (AllocaInst *AI : Hoist)
    AI->moveBefore(&*Entry.getFirstInsertionPt());
  return !Hoist.empty();
}

/// The callee's copy of a byval argument is in the caller's outgoing
/// argument area, which no stack map describes (and which a realigned frame
/// reaches only through the frame pointer). An argument whose type holds
/// pointers is copied at entry into a stack object of the function's own,
/// which the maps then describe like any other; the argument is not used
/// after that.
static bool copyByvalArguments(Function &F, unsigned GCAS) {
  bool Changed = false;
  BasicBlock &Entry = F.getEntryBlock();
  const DataLayout &DL = F.getDataLayout();
  for (Argument &A : F.args()) {
    if (!A.hasByValAttr() || A.use_empty())
      continue;
    Type *Ty = A.getParamByValType();
    if (!Ty || !Ty->isSized() || !containsGCPointer(Ty, GCAS))
      continue;
    IRBuilder<> B(&Entry, Entry.begin());
    Align Al = std::max(A.getParamAlign().valueOrOne(), DL.getABITypeAlign(Ty));
    AllocaInst *Copy = B.CreateAlloca(Ty, DL.getAllocaAddrSpace(), nullptr,
                                      A.getName() + ".go.copy");
    Copy->setAlignment(Al);
    Value *To = Copy;
    if (Copy->getType() != A.getType())
      To = B.CreateAddrSpaceCast(Copy, A.getType());
    A.replaceAllUsesWith(To);
    B.CreateMemCpy(Copy, Al, &A, A.getParamAlign(),
                   DL.getTypeAllocSize(Ty).getFixedValue());
    Changed = true;
  }
  return Changed;
}

/// \p C with every undef or poison GC pointer in it replaced by null.
static Constant *nullUndefPointers(Constant *C, unsigned GCAS) {
  Type *Ty = C->getType();
  if (!containsGCPointer(Ty, GCAS))
    return C;
  if (isa<UndefValue>(C) && (Ty->isPointerTy() || Ty->isVectorTy()))
    return Constant::getNullValue(Ty);
  if (!isa<UndefValue>(C) && !isa<ConstantAggregate>(C))
    return C;
  unsigned N;
  if (auto *ST = dyn_cast<StructType>(Ty))
    N = ST->getNumElements();
  else if (auto *AT = dyn_cast<ArrayType>(Ty))
    N = AT->getNumElements();
  else if (auto *VT = dyn_cast<FixedVectorType>(Ty))
    N = VT->getNumElements();
  else
    return C;
  SmallVector<Constant *, 8> Elts;
  bool Changed = false;
  for (unsigned I = 0; I != N; ++I) {
    Constant *E = C->getAggregateElement(I);
    if (!E)
      return C;
    Constant *NE = nullUndefPointers(E, GCAS);
    Changed |= NE != E;
    Elts.push_back(NE);
  }
  if (!Changed)
    return C;
  if (auto *ST = dyn_cast<StructType>(Ty))
    return ConstantStruct::get(ST, Elts);
  if (auto *AT = dyn_cast<ArrayType>(Ty))
    return ConstantArray::get(AT, Elts);
  return ConstantVector::get(Elts);
}

/// undef and poison are not pointers: a GC pointer that is undef (an
/// aggregate built with `insertvalue undef`, a phi with a poison input, an
/// uninitialized field passed on) has no defined value, so code generation
/// may leave its spill slot unwritten and the map would mark stale stack
/// contents. Every such operand becomes null (a refinement LLVM allows).
/// The closure context of a direct call (`ptr nest undef`) stays: it is the
/// callee's parameter, read only by closures, whose callers pass one.
static bool nullUndefPointerOperands(Function &F, unsigned GCAS) {
  bool Changed = false;
  for (Instruction &I : instructions(F)) {
    auto *CB = dyn_cast<CallBase>(&I);
    if (isa<DbgInfoIntrinsic>(I))
      continue;
    for (Use &U : I.operands()) {
      auto *C = dyn_cast<Constant>(U.get());
      if (!C || isa<GlobalValue>(C) || isa<ConstantExpr>(C))
        continue;
      if (CB && CB->isArgOperand(&U) &&
          CB->paramHasAttr(CB->getArgOperandNo(&U), Attribute::Nest))
        continue;
      Constant *NC = nullUndefPointers(C, GCAS);
      if (NC != C) {
        U.set(NC);
        Changed = true;
      }
    }
    // Lanes a shuffle leaves undefined (mask element -1) read lane 0 of
    // its second operand instead, when that operand is (now) null.
    if (auto *SV = dyn_cast<ShuffleVectorInst>(&I)) {
      auto *Second = dyn_cast<Constant>(SV->getOperand(1));
      if (!containsGCPointer(SV->getType(), GCAS) || !Second ||
          !Second->isNullValue() ||
          !is_contained(SV->getShuffleMask(), PoisonMaskElem))
        continue;
      unsigned NumIn =
          cast<FixedVectorType>(SV->getOperand(0)->getType())->getNumElements();
      SmallVector<int, 8> Mask(SV->getShuffleMask());
      for (int &M : Mask)
        if (M == PoisonMaskElem)
          M = int(NumIn);
      SV->setShuffleMask(Mask);
      Changed = true;
    }
  }
  return Changed;
}

bool prepareForGoSafepoints(Function &F) {
  unsigned GCAS = getGCAddressSpace(*F.getParent());
  bool Changed = false;
  if (any_of(F, [](const BasicBlock &BB) {
        return isa<InvokeInst>(BB.getTerminator());
      }))
    Changed |= normalizeInvokes(F);
  Changed |= hoistAllocas(F);
  if (!BreakRules.isSet(BreakRule::Byval))
    Changed |= copyByvalArguments(F, GCAS);
  if (!BreakRules.isSet(BreakRule::Undef))
    Changed |= nullUndefPointerOperands(F, GCAS);
  return Changed;
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
    W->addFnAttr(LoweringWrapperAttr);
    copyFrameContract(F, *W);
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

/// The lifetime.start markers that start all of \p AI's lifetime (the
/// ones scanObjectUses treats as a new lifetime; coversWholeObject).
static SmallVector<IntrinsicInst *, 4> lifetimeStarts(AllocaInst &AI,
                                                      const DataLayout &DL) {
  SmallVector<IntrinsicInst *, 4> Starts;
  SmallVector<Value *, 4> Work{&AI};
  SmallPtrSet<Value *, 4> Seen{&AI};
  while (!Work.empty()) {
    for (User *U : Work.pop_back_val()->users()) {
      if (auto *II = dyn_cast<IntrinsicInst>(U)) {
        if (II->getIntrinsicID() == Intrinsic::lifetime_start &&
            coversWholeObject(*II, AI, DL))
          Starts.push_back(II);
        continue;
      }
      if ((isa<BitCastInst>(U) || isa<AddrSpaceCastInst>(U) ||
           isa<GetElementPtrInst>(U)) &&
          Seen.insert(U).second)
        Work.push_back(U);
    }
  }
  return Starts;
}

/// The byte ranges (offset, length) of a stack object of \p AllocSize bytes
/// that zeroStackObjects clears: only the words the maps can mark, the
/// pointer words. Stretches of fewer than ZeroGapWords words between them,
/// before the first and after the last (up to the layout's end) are
/// cleared with them, so an object of up to ZeroGapWords words is one
/// range from its start; a 128 MiB object with a pointer at each end is
/// two small ones.
static SmallVector<std::pair<uint64_t, uint64_t>, 2>
zeroRanges(const StackObjectLayout &L, uint64_t AllocSize) {
  uint64_t End = std::min<uint64_t>(AllocSize, L.SizeInWords * 8);
  SmallVector<std::pair<uint64_t, uint64_t>, 2> Words; // [first, last + 1)
  for (auto [First, N] : L.pointerRuns()) {
    uint64_t Prev = Words.empty() ? 0 : Words.back().second;
    if (Words.empty() ? First < ZeroGapWords : First - Prev < ZeroGapWords) {
      if (Words.empty())
        Words.push_back({0, First + N});
      else
        Words.back().second = First + N;
      continue;
    }
    Words.push_back({First, First + N});
  }
  if (!Words.empty() && Words.back().second + ZeroGapWords > End / 8)
    Words.back().second = divideCeil(End, 8);
  SmallVector<std::pair<uint64_t, uint64_t>, 2> Bytes;
  for (auto [First, Last] : Words)
    Bytes.push_back({First * 8, std::min(Last * 8, End) - First * 8});
  return Bytes;
}

/// A stack object reported at a safepoint may be reported before the
/// program has written all of its pointer words; the runtime would then read
/// stale stack contents as pointers. Zero it when its lifetime begins.
void FunctionRewriter::zeroStackObjects() {
  SmallVector<bool, 8> Reported(Info->Objects.size(), false);
  for (const GoSafepoint &SP : Info->Safepoints)
    for (unsigned O : SP.LiveObjects)
      Reported[O] = true;
  const DataLayout &DL = F.getDataLayout();
  BasicBlock &Entry = F.getEntryBlock();
  BasicBlock::iterator AfterAllocas = Entry.getFirstInsertionPt();
  while (isa<AllocaInst>(*AfterAllocas))
    ++AfterAllocas;
  std::optional<DominatorTree> DT;
  for (unsigned O = 0, E = Info->Objects.size(); O != E; ++O) {
    if (!Reported[O])
      continue;
    AllocaInst *AI = Info->Objects[O].Alloca;
    SmallVector<std::pair<uint64_t, uint64_t>, 2> Ranges =
        zeroRanges(Info->Objects[O].Layout, *AI->getAllocationSize(DL));
    auto Zero = [&](Instruction *Before) {
      IRBuilder<> B(Before);
      for (auto [Off, Len] : Ranges)
        B.CreateMemSet(
            Off ? B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), AI, Off) : AI,
            B.getInt8(0), Len, commonAlignment(AI->getAlign(), Off));
    };
    SmallVector<IntrinsicInst *, 4> Starts = lifetimeStarts(*AI, DL);
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

/// The "deopt" bundle of \p SP: the number of live stack objects, then for
/// each the alloca, its size in words and its bitmap.
SmallVector<Value *, 8>
FunctionRewriter::deoptBundle(const GoSafepoint &SP, IRBuilder<> &B) const {
  SmallVector<Value *, 8> Deopt;
  // Each object is the alloca itself (one Direct location: the printer
  // finds its slot there, never by position among the gc-live locations),
  // then its size in words and its bitmap.
  Deopt.push_back(B.getInt64(SP.LiveObjects.size()));
  for (unsigned O : SP.LiveObjects) {
    const GoStackObject &Obj = Info->Objects[O];
    const StackObjectLayout &L = Obj.Layout;
    Deopt.push_back(Obj.Alloca);
    // The shorter of the two forms (docs/IRContract.md): the bitmap, or,
    // for a large object with few pointer words, its runs of pointer words,
    // marked by a negative size.
    uint64_t BitmapWords = divideCeil(L.SizeInWords, 64);
    SmallVector<std::pair<uint64_t, uint64_t>, 4> Runs = L.pointerRuns();
    if (1 + 2 * Runs.size() < BitmapWords) {
      Deopt.push_back(B.getInt64(-int64_t(L.SizeInWords)));
      Deopt.push_back(B.getInt64(Runs.size()));
      for (auto [First, N] : Runs) {
        Deopt.push_back(B.getInt64(First));
        Deopt.push_back(B.getInt64(N));
      }
      continue;
    }
    Deopt.push_back(B.getInt64(L.SizeInWords));
    for (uint64_t J = 0; J != BitmapWords; ++J)
      Deopt.push_back(B.getInt64(L.bitmapWord(J)));
  }
  return Deopt;
}

/// The "gc-live" operands of \p SP, appended to \p GCArgs: the SSA roots as
/// they are now; aggregates contribute their pointer fields, extracted
/// before the call.
SmallVector<FunctionRewriter::LivePiece, 8>
FunctionRewriter::gcLiveBundle(const GoSafepoint &SP, IRBuilder<> &B,
                               SmallVectorImpl<Value *> &GCArgs) const {
  SmallVector<LivePiece, 8> Pieces;
  ArrayRef<GoRoot> LiveValues = SP.LiveValues;
  if (DropLiveSlot && !LiveValues.empty())
    LiveValues = LiveValues.drop_front();
  for (const GoRoot &Live : LiveValues) {
    Value *V = current(Live.V);
    LivePiece P{V, {}};
    FieldPaths Paths;
    if (V->getType()->isStructTy() || V->getType()->isArrayTy()) {
      if (Live.Fields != GoRoot::NoFields)
        Paths = Info->AggregateFields[Live.Fields];
    } else
      Paths.emplace_back();
    for (SmallVector<unsigned, 2> &Path : Paths) {
      Value *Field = Path.empty() ? V : B.CreateExtractValue(V, Path);
      P.Fields.push_back({Path, static_cast<unsigned>(GCArgs.size())});
      GCArgs.push_back(Field);
    }
    Pieces.push_back(std::move(P));
  }
  return Pieces;
}

/// Gives \p Statepoint every attribute of \p CB: call-site function
/// attributes (but not the memory effects, which a statepoint cannot
/// promise), and each argument's attributes at its position among the
/// statepoint's operands. The return attributes describe the callee's
/// result, which the gc.result carries.
static void copyCallAttributes(const CallBase *CB, CallBase *Statepoint) {
  LLVMContext &Ctx = CB->getContext();
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
}

/// Records, after the statepoint \p Token, the relocation of each of
/// \p Pieces (rebuilt into its aggregate when it has fields) as a new
/// definition of the live value.
void FunctionRewriter::relocate(IRBuilder<> &At, Instruction *Token,
                                ArrayRef<Value *> GCArgs,
                                ArrayRef<LivePiece> Pieces) {
  for (const LivePiece &P : Pieces) {
    Value *NewValue = nullptr;
    for (const auto &[Path, Idx] : P.Fields) {
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
}

void FunctionRewriter::rewriteSafepoint(const GoSafepoint &SP,
                                        uint64_t Index) {
  CallBase *CB = SP.Call;
  IRBuilder<> B(CB);
  SmallVector<Value *, 8> Deopt = deoptBundle(SP, B);
  SmallVector<Value *, 16> GCArgs;
  SmallVector<LivePiece, 8> Pieces = gcLiveBundle(SP, B, GCArgs);

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

  copyCallAttributes(CB, Statepoint);

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

  // Only the normal path gets relocations. On the unwind path LLVM would
  // want them on a `landingpad token`, but Gollvm's landing pads return
  // {ptr, i32}. Since nothing moves, the unwind path keeps using the values
  // as they were before the call; they are still recorded at this call
  // site through the normal-path relocations, used or not.
  relocate(After, Statepoint, GCArgs, Pieces);
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
  // Lowered already (a second run, or lowered IR fed to go-llc -gc=go):
  // lowering again would wrap the statepoints' own helpers.
  if (any_of(instructions(F),
             [](Instruction &I) { return isa<GCStatepointInst>(I); })) {
    OptimizationRemarkEmitter ORE(&F);
    ORE.emit([&] {
      return OptimizationRemarkMissed(DEBUG_TYPE, "AlreadyLowered", &F)
             << "'" << ore::NV("Function", F.getName())
             << "' already has statepoints; not lowered again";
    });
    return false;
  }
  if (none_of(instructions(F), [](Instruction &I) {
        auto *CB = dyn_cast<CallBase>(&I);
        return CB && classifyCallSite(*CB) == CallSiteKind::Safepoint;
      }))
    return false;
  bool Changed = lower();
  // Whatever was cached for the function describes it before preparation
  // or before the rewrite (the safepoint calls are gone).
  FAM.invalidate(F, PreservedAnalyses::none());
  return Changed;
}

/// Prepares, analyses and rewrites the function: run() without the checks
/// of whether there is anything to do.
bool FunctionRewriter::lower() {
  // Normalize first (prepareForGoSafepoints, what print<go-safepoints>
  // analyses too), and route large results through wrappers. None of it
  // changes what the program computes.
  prepareForGoSafepoints(F);
  wrapLargeReturns();
  FAM.invalidate(F, PreservedAnalyses::none());
  Info = &FAM.getResult<GoSafepointsAnalysis>(F);
  if (!Info->Unsupported.empty()) {
    Ctx.emitError("function '" + F.getName() +
                  "': go-statepoints: " + Info->Unsupported);
    Failed = true;
    return false;
  }
  if (Info->Safepoints.empty())
    return false;
  OptimizationRemarkEmitter ORE(&F);
  uint64_t Roots = Info->totalRoots();
  if (Roots > RootBudget)
    ORE.emit([&] {
      return OptimizationRemarkMissed(DEBUG_TYPE, "OverBudget", &F)
             << "'" << ore::NV("Function", F.getName()) << "' has "
             << ore::NV("Safepoints", Info->Safepoints.size())
             << " safepoints recording " << ore::NV("Roots", Roots)
             << " live roots, above the budget of "
             << ore::NV("Budget", RootBudget.getValue())
             << " (-go-statepoints-budget); its stack maps are large";
    });
  ORE.emit([&] {
    return OptimizationRemark(DEBUG_TYPE, "Lowered", &F)
           << "lowered " << ore::NV("Safepoints", Info->Safepoints.size())
           << " safepoints in '" << ore::NV("Function", F.getName())
           << "' with " << ore::NV("Roots", Roots)
           << " live roots and "
           << ore::NV("StackObjects", Info->Objects.size())
           << " stack objects";
  });

  zeroStackObjects();
  for (uint64_t I = 0, E = Info->Safepoints.size(); I != E; ++I)
    rewriteSafepoint(Info->Safepoints[I], I);
  rewireUses();
  return true;
}

PreservedAnalyses GoStatepointsPass::run(Module &M,
                                         ModuleAnalysisManager &MAM) {
  FunctionAnalysisManager &FAM =
      MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();
  bool Changed = false;
  uint64_t Ordinal = 0;
  // Gollvm's public output has no gc "go": without go-prepare-gc this pass
  // would silently do nothing.
  if (none_of(M, [](const Function &F) { return hasGoGC(F); }))
    for (Function &F : M)
      if (!F.isDeclaration() && isGollvmFunction(F)) {
        OptimizationRemarkEmitter ORE(&F);
        ORE.emit([&] {
          return OptimizationRemarkMissed(DEBUG_TYPE, "NoGoGC", &F)
                 << "no function of the module has gc \"go\": nothing to "
                    "lower (run go-prepare-gc first, as go-llc -gc=go and "
                    "-go-auto do)";
        });
        break;
      }
  for (Function &F : M) {
    if (F.isDeclaration())
      continue;
    ++Ordinal;
    if (!hasGoGC(F))
      continue;
    FunctionRewriter Rewriter(F, Ordinal, FAM);
    Changed |= Rewriter.run();
    // One error per module: the first is the one to fix, and tools print
    // errors one line each.
    if (Rewriter.Failed)
      break;
  }
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}

} // namespace gollc
