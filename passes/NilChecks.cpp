//===- NilChecks.cpp - Gollvm's nil checks made implicit -------------------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Gollvm's front end checks a pointer before each dereference it cannot
// prove non-nil:
//
//     %c = icmp eq ptr %p, null
//     br i1 %c, label %panic, label %ok, !make.implicit !{}
//   panic:
//     call void @runtime.panicmem(ptr nest undef)
//     unreachable
//
// Go's compilers leave most of these to the hardware: a load from nil plus
// a small offset faults, and libgo's signal handler turns a SIGSEGV below
// address 4096 in Go code into the same panic, raised from the faulting
// frame (sigpanic -> panicmem, unwinding from the faulting instruction).
// LLVM's ImplicitNullChecks (codegen, -enable-implicit-null-checks) folds
// a `!make.implicit` branch into the first load or store through %p of the
// not-nil block, provided nothing but simple instructions come before it;
// go-llc's stack-map printer then turns LLVM's FAULTING_OP back into the
// plain instruction (no .llvm_faultmaps: libgo needs no handler address)
// and records the faulting pc (docs/Statepoints.md, "Implicit nil checks").
//
// This pass decides where that is sound and makes it pay:
//  - `!make.implicit` stays only on a check whose nil successor is a
//    runtime.panicmem call (that is what the fault will do), in a gc "go"
//    function without landing pads (a fault raises the panic from the frame
//    without entering it again, so no pointer of the frame is live there,
//    and no `defer` of the same frame can be skipped), and where no access
//    through %p that codegen could fold it into has a negative or unknown
//    offset (a fault at 0 - 8 is not below 4096: libgo would throw
//    "unexpected fault address" instead of panicking). It is removed from
//    every other branch, so codegen leaves it explicit.
//  - Gollvm checks all operands first and loads afterwards (x == y on a
//    struct: check &x, check &y, load x.f, load y.f), so the first check is
//    followed by the second, not by a load. The first simple load through
//    each checked pointer moves up behind its own check when only other
//    checks stand between: a load of a non-nil Go pointer cannot fault,
//    and the checks in between branch to panics that use nothing.
//
//   opt -load-pass-plugin=$PWD/build/lib/GoPasses.so \
//       -passes='function(go-nil-checks)' -S in.ll
//
//===----------------------------------------------------------------------===//

#include "gollc/NilChecks.h"
#include "gollc/GoIR.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Operator.h"

#include <optional>

using namespace llvm;

namespace {

/// Every access through a pointer that a fault may stand for starts below
/// this offset from it (libgo: a fault below 4096 is a nil dereference; and
/// ImplicitNullChecks' own page size).
constexpr int64_t FaultPageSize = 4096;

/// How many checks in a row the load hoisting looks through.
constexpr unsigned MaxChainLength = 8;

struct NilCheck {
  BranchInst *Branch;
  Value *Ptr;
  BasicBlock *Nil;
  BasicBlock *NotNil;
};

/// The nil check \p BB ends with, if any: a conditional branch on `icmp
/// eq/ne %p, null` carrying !make.implicit.
std::optional<NilCheck> matchNilCheck(BasicBlock &BB) {
  auto *Br = dyn_cast<BranchInst>(BB.getTerminator());
  if (!Br || !Br->isConditional() ||
      !Br->getMetadata(LLVMContext::MD_make_implicit))
    return std::nullopt;
  auto *Cmp = dyn_cast<ICmpInst>(Br->getCondition());
  if (!Cmp || !Cmp->isEquality())
    return std::nullopt;
  Value *P = Cmp->getOperand(0), *Null = Cmp->getOperand(1);
  if (isa<ConstantPointerNull>(P))
    std::swap(P, Null);
  if (!isa<ConstantPointerNull>(Null) || !P->getType()->isPointerTy())
    return std::nullopt;
  bool Eq = Cmp->getPredicate() == ICmpInst::ICMP_EQ;
  return NilCheck{Br, P, Br->getSuccessor(Eq ? 0 : 1),
                  Br->getSuccessor(Eq ? 1 : 0)};
}

/// Whether \p BB does what the fault will do: call runtime.panicmem and
/// never return.
bool isPanicMemBlock(const BasicBlock &BB) {
  const auto *Call = dyn_cast_or_null<CallInst>(BB.getFirstNonPHIOrDbg());
  if (!Call || !Call->getCalledFunction() ||
      Call->getCalledFunction()->getName() != "runtime.panicmem")
    return false;
  const Instruction *Next = Call->getNextNonDebugInstruction();
  return Next && isa<UnreachableInst>(Next);
}

/// An address as Base + Offset, looking through what instruction selection
/// can fold into an x86 addressing mode: constant GEPs, casts between
/// pointers and integers, and adding or subtracting constants. Offset is
/// empty when a variable part was met on the way.
std::pair<const Value *, std::optional<int64_t>>
splitAddress(const Value *V, const DataLayout &DL) {
  int64_t Offset = 0;
  bool Known = true;
  for (unsigned Depth = 0; Depth < 32; ++Depth) {
    if (const auto *GEP = dyn_cast<GEPOperator>(V)) {
      APInt Off(DL.getIndexTypeSizeInBits(GEP->getType()), 0);
      if (GEP->accumulateConstantOffset(DL, Off))
        Offset += Off.getSExtValue();
      else
        Known = false;
      V = GEP->getPointerOperand();
      continue;
    }
    // A phi with one incoming value (LCSSA leaves them) is a copy that
    // register coalescing turns into the same register.
    if (const auto *Phi = dyn_cast<PHINode>(V)) {
      if (Phi->getNumIncomingValues() != 1)
        break;
      V = Phi->getIncomingValue(0);
      continue;
    }
    if (const auto *Op = dyn_cast<Operator>(V)) {
      unsigned Opc = Op->getOpcode();
      if (Opc == Instruction::BitCast || Opc == Instruction::AddrSpaceCast ||
          Opc == Instruction::IntToPtr || Opc == Instruction::PtrToInt) {
        V = Op->getOperand(0);
        continue;
      }
      if (Opc == Instruction::Add || Opc == Instruction::Sub) {
        const auto *C = dyn_cast<ConstantInt>(Op->getOperand(1));
        if (!C && Opc == Instruction::Add &&
            (C = dyn_cast<ConstantInt>(Op->getOperand(0)))) {
          V = Op->getOperand(1);
        } else if (C) {
          V = Op->getOperand(0);
        } else {
          // p + variable: follow the pointer side if one is visibly it.
          Known = false;
          V = Op->getOperand(0);
          continue;
        }
        Offset += Opc == Instruction::Add ? C->getSExtValue()
                                          : -C->getSExtValue();
        continue;
      }
    }
    break;
  }
  return {V, Known ? std::optional<int64_t>(Offset) : std::nullopt};
}

/// Whether an access at \p Off lies in [0, FaultPageSize) from a pointer at
/// \p PtrOff (both from splitAddress over the same base), so that it faults
/// below 4096 when the pointer is nil.
bool inFirstPage(std::optional<int64_t> Off, std::optional<int64_t> PtrOff) {
  return Off && PtrOff && *Off - *PtrOff >= 0 &&
         *Off - *PtrOff < FaultPageSize;
}

/// The addresses \p I reads or writes memory at, as instruction selection
/// may turn them into machine accesses (small memory intrinsics expand
/// into loads and stores).
SmallVector<const Value *, 2> accessedAddresses(const Instruction &I) {
  if (const auto *L = dyn_cast<LoadInst>(&I))
    return {L->getPointerOperand()};
  if (const auto *S = dyn_cast<StoreInst>(&I))
    return {S->getPointerOperand()};
  if (const auto *A = dyn_cast<AtomicRMWInst>(&I))
    return {A->getPointerOperand()};
  if (const auto *X = dyn_cast<AtomicCmpXchgInst>(&I))
    return {X->getPointerOperand()};
  if (const auto *MT = dyn_cast<MemTransferInst>(&I))
    return {MT->getRawDest(), MT->getRawSource()};
  if (const auto *MS = dyn_cast<MemSetInst>(&I))
    return {MS->getRawDest()};
  return {};
}

/// How far accessesStayInFirstPage looks: ImplicitNullChecks considers the
/// first 8 instructions of the not-nil block and stops at a call.
constexpr unsigned MaxInstsScanned = 32;

/// Whether every access through \p NC's pointer that codegen could fold
/// the check into is at a known offset in [0, FaultPageSize) from it, so
/// that it faults below 4096 when the pointer is nil. That is the not-nil
/// block up to its first call, and the blocks it runs straight into (a
/// unique successor with no other predecessor), which the code generator
/// may merge into it before ImplicitNullChecks runs.
bool accessesStayInFirstPage(const NilCheck &NC, const DataLayout &DL) {
  auto [PtrBase, PtrOff] = splitAddress(NC.Ptr, DL);
  unsigned Scanned = 0;
  for (const BasicBlock *BB = NC.NotNil; BB;) {
    for (const Instruction &I : *BB) {
      if (I.isDebugOrPseudoInst())
        continue;
      if (++Scanned > MaxInstsScanned)
        return true;
      for (const Value *Addr : accessedAddresses(I)) {
        auto [Base, Off] = splitAddress(Addr, DL);
        if (Base == PtrBase && !inFirstPage(Off, PtrOff))
          return false;
      }
      if (isa<CallBase>(I) && !isa<MemIntrinsic>(I))
        return true;
    }
    const BasicBlock *Next = BB->getUniqueSuccessor();
    BB = Next && Next->getSinglePredecessor() == BB ? Next : nullptr;
  }
  return true;
}

/// Whether \p BB is nothing but a nil check (debug records aside).
bool isBareNilCheck(BasicBlock &BB) {
  std::optional<NilCheck> NC = matchNilCheck(BB);
  return NC && BB.size() == 2 &&
         cast<Instruction>(NC->Branch->getCondition())->getParent() == &BB;
}

/// Moves the first simple load through \p NC's pointer up to the start of
/// its not-nil block when other bare checks come between. Returns whether
/// it moved one.
bool hoistFirstLoad(const NilCheck &NC, const DataLayout &DL,
                    const DominatorTree &DT) {
  BasicBlock *Cur = NC.NotNil;
  unsigned Chain = 0;
  while (Chain < MaxChainLength && Cur->getSinglePredecessor() &&
         isBareNilCheck(*Cur)) {
    Cur = matchNilCheck(*Cur)->NotNil;
    ++Chain;
  }
  if (Chain == 0 || !Cur->getSinglePredecessor())
    return false;
  auto [PtrBase, PtrOff] = splitAddress(NC.Ptr, DL);
  Instruction *Dest = &*NC.NotNil->getFirstInsertionPt();
  for (Instruction &I : *Cur) {
    if (I.isDebugOrPseudoInst())
      continue;
    auto *L = dyn_cast<LoadInst>(&I);
    if (!L) {
      // Only pure computations may be stepped over (loads commute).
      if (I.mayReadOrWriteMemory() || I.mayHaveSideEffects() || I.isTerminator())
        return false;
      continue;
    }
    if (!L->isSimple())
      return false;
    auto [Base, Off] = splitAddress(L->getPointerOperand(), DL);
    if (Base != PtrBase)
      continue;
    if (!inFirstPage(Off, PtrOff))
      return false;
    // The address must be available at Dest: computed before the chain, or
    // a GEP of the pointer right here that can move along.
    auto *AddrInst = dyn_cast<GetElementPtrInst>(L->getPointerOperand());
    if (AddrInst && AddrInst->getParent() == Cur) {
      if (AddrInst->getPointerOperand() != NC.Ptr ||
          !AddrInst->hasAllConstantIndices() || !AddrInst->hasOneUse())
        return false;
      AddrInst->moveBefore(Dest);
    } else if (auto *AI = dyn_cast<Instruction>(L->getPointerOperand())) {
      if (!DT.dominates(AI, Dest))
        return false;
    }
    L->moveBefore(Dest);
    return true;
  }
  return false;
}

} // namespace

PreservedAnalyses gollc::GoNilChecksPass::run(Function &F,
                                              FunctionAnalysisManager &AM) {
  SmallVector<NilCheck, 16> Checks;
  for (BasicBlock &BB : F)
    if (std::optional<NilCheck> NC = matchNilCheck(BB))
      Checks.push_back(*NC);
  if (Checks.empty())
    return PreservedAnalyses::all();

  bool HasLandingPads = false;
  for (BasicBlock &BB : F)
    HasLandingPads |= BB.isEHPad() || isa<InvokeInst>(BB.getTerminator());
  // Gollvm marks every function null_pointer_is_valid, so that LLVM keeps
  // its nil checks and never reasons from a nil dereference being
  // undefined; page 0 is still unmapped (libgo relies on it too).
  bool Eligible = hasGoGC(F) && !HasLandingPads;

  const DataLayout &DL = F.getDataLayout();
  SmallVector<NilCheck, 16> Kept;
  bool Changed = false;
  for (const NilCheck &NC : Checks) {
    if (Eligible && isPanicMemBlock(*NC.Nil) && accessesStayInFirstPage(NC, DL)) {
      Kept.push_back(NC);
      continue;
    }
    NC.Branch->setMetadata(LLVMContext::MD_make_implicit, nullptr);
    Changed = true;
  }
  if (!Kept.empty()) {
    DominatorTree &DT = AM.getResult<DominatorTreeAnalysis>(F);
    for (const NilCheck &NC : Kept)
      Changed |= hoistFirstLoad(NC, DL, DT);
  }
  if (!Changed)
    return PreservedAnalyses::all();
  PreservedAnalyses PA;
  PA.preserveSet<CFGAnalyses>();
  return PA;
}
