//===- GCAddressSpace.cpp - Go pointers into addrspace(1) -----------------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// go-gc-addrspace runs before the optimizer and moves the pointer values of a
// Gollvm module from addrspace(0) into the non-integral addrspace(1), adding
// "ni:1" to the data layout: Gollvm's -enable-gc convention, which go-llc's
// later passes already understand (getGCAddressSpace in Statepoints.cpp).
//
// Why: in addrspace(0) LLVM may legally carry a pointer through an integer.
// GVN coerces a pointer load into an i64 one, InstCombine turns an 8-byte
// memcpy into an i64 load/store pair, SROA merges a pointer slot with an
// integer one; the pointer then lives in an i64 register across a call,
// go-statepoints (which tracks pointer-typed values) does not see it, and
// the collector frees its object while it is in use. For a non-integral
// address space those transformations are forbidden.
//
// What changes:
//  - every function type (definitions and declarations, but neither
//    intrinsics nor C library functions LLVM knows, see below):
//    pointer parameters and results become ptr addrspace(1), except
//    sret/byval/inalloca/preallocated/byref parameters, which point into a
//    caller's frame; the calling convention and symbol names are unchanged,
//    and on x86-64 the two address spaces are passed identically;
//  - loads, call results, inttoptr, va_arg, atomics, phis and selects that
//    may merge such values, GEPs of them, first-class aggregates (Go strings
//    {ptr,i64}, slices, interfaces) and vectors of pointers;
//  - the allocated types of allocas: their pointer fields become
//    addrspace(1), so go-statepoints still derives stack-object bitmaps;
//  - every pointer stored to memory is stored as addrspace(1), so memory
//    is read and written with one pointer type.
//  - the value types of defined globals (not the globals' own address
//    space), with addrspacecast constant expressions in their initializers,
//    so that loads from constant globals still fold;
// What stays in addrspace(0): allocas and globals themselves, pointers
// derived only from them (GEPs, phis, selects: SROA and mem2reg need that),
// landing pads ({ptr, i32}: the exception object is not a GC pointer), the
// results of intrinsics that are not overloaded on the pointer and of inline
// asm, and the callee operand of an indirect call (code is not in the heap).
// C library functions that LLVM recognizes (memcmp, strlen, malloc...) keep
// their declared types: the optimizer rewrites calls to them into calls to
// other library functions (memcmp into bcmp) that it declares with
// addrspace(0) parameters, passing the original arguments along.
// Where a value flows between the two, an addrspacecast is inserted. Input
// ptrtoint/inttoptr are kept (an inttoptr now yields an addrspace(1) value).
// Overloaded intrinsics (memcpy, memset, ...) are re-declared for the
// operand types they now have.
//
// Nothing undoes it: addrspace(1) goes through go-statepoints and x86-64
// code generation unchanged (docs/IRContract.md, "Address spaces", gives
// the evidence).
//
// Where a GC pointer must go to addrspace(0) (a C function's argument), the
// optimizer may merge two such casts into one that outlives the GC pointer
// across a safepoint; go-gc-addrspace<sink-casts>, run just before
// go-statepoints, splits them again.
//
//   opt -load-pass-plugin=$PWD/build/lib/GoPasses.so \
//       -passes='go-gc-addrspace,default<O2>,go-prepare-gc,go-gc-addrspace<sink-casts>,go-statepoints' \
//       -S in.ll
//
//===----------------------------------------------------------------------===//

#include "gollc/GCAddressSpace.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/FormatVariadic.h"

using namespace llvm;

#define DEBUG_TYPE "go-gc-addrspace"

namespace gollc {

/// Go's GC pointers, as in Gollvm's -enable-gc output.
static constexpr unsigned GCAddrSpace = 1;

namespace {

/// Whether a type (transitively) holds a pointer outside addrspace(0).
class AddrSpaceScan {
public:
  bool hasOtherAddrSpace(Type *Ty) {
    auto It = Cache.find(Ty);
    if (It != Cache.end())
      return It->second;
    bool R = false;
    if (auto *PT = dyn_cast<PointerType>(Ty))
      R = PT->getAddressSpace() != 0;
    else
      R = any_of(Ty->subtypes(), [&](Type *S) { return hasOtherAddrSpace(S); });
    Cache[Ty] = R;
    return R;
  }

private:
  DenseMap<Type *, bool> Cache;
};

class Converter {
public:
  explicit Converter(Module &M)
      : M(M), Ctx(M.getContext()), Ptr0(PointerType::get(Ctx, 0)),
        Ptr1(PointerType::get(Ctx, GCAddrSpace)) {}

  /// Converts the module; false (after a diagnostic) on input it cannot
  /// convert.
  bool run();

private:
  Type *mapType(Type *Ty);
  FunctionType *mapFunctionType(FunctionType *FT, AttributeList Attrs);
  AttributeList mapTypeAttrs(AttributeList Attrs, unsigned NumArgs);
  void convertSignatures();
  void convertGlobals();
  void convertFunction(Function &F);
  void setFixedType(Instruction &I);
  Type *derivedType(Instruction &I);
  Function *chooseIntrinsic(CallBase &CB, Function *Decl);
  void fixOperands(Instruction &I);
  void fixPhi(PHINode &Phi);
  void fixCall(CallBase &CB);
  void fixOperand(Instruction &I, unsigned OpNo, Type *To);
  Value *convert(Value *V, Type *To, Instruction *InsertBefore);
  Constant *convertConstant(Constant *C, Type *To);
  void fail(const Twine &Msg, const Function *F);

  Module &M;
  LLVMContext &Ctx;
  PointerType *Ptr0;
  PointerType *Ptr1;
  DenseMap<Type *, Type *> TypeMap;
  /// Each re-created function and the type it had.
  DenseMap<const Function *, FunctionType *> OldFunctionType;
  /// Types of the instructions whose type changed, before the change.
  DenseMap<const Value *, Type *> OrigType;
  /// The declaration each intrinsic call moves to.
  DenseMap<const CallBase *, Function *> IntrinsicDecl;
  /// Intrinsic declarations some call moved away from.
  SmallPtrSet<Function *, 8> IntrinsicUsed;
  bool Failed = false;
};

} // namespace

void Converter::fail(const Twine &Msg, const Function *F) {
  if (Failed)
    return;
  Failed = true;
  Ctx.emitError(formatv("function '{0}': go-gc-addrspace: {1}",
                        F ? F->getName() : StringRef("?"), Msg.str())
                    .str());
}

/// Every addrspace(0) pointer inside \p Ty becomes addrspace(1). Named
/// structs get a copy named "<name>.gc" with the same layout.
Type *Converter::mapType(Type *Ty) {
  auto It = TypeMap.find(Ty);
  if (It != TypeMap.end())
    return It->second;
  Type *R = Ty;
  if (auto *PT = dyn_cast<PointerType>(Ty)) {
    if (PT->getAddressSpace() == 0)
      R = Ptr1;
  } else if (auto *ST = dyn_cast<StructType>(Ty)) {
    if (!ST->isOpaque()) {
      SmallVector<Type *, 8> Elts;
      for (Type *E : ST->elements())
        Elts.push_back(mapType(E));
      if (!equal(Elts, ST->elements())) {
        if (ST->isLiteral())
          R = StructType::get(Ctx, Elts, ST->isPacked());
        else
          R = StructType::create(
              Ctx, Elts, ST->hasName() ? (ST->getName() + ".gc").str() : "",
              ST->isPacked());
      }
    }
  } else if (auto *AT = dyn_cast<ArrayType>(Ty)) {
    Type *E = mapType(AT->getElementType());
    if (E != AT->getElementType())
      R = ArrayType::get(E, AT->getNumElements());
  } else if (auto *VT = dyn_cast<VectorType>(Ty)) {
    Type *E = mapType(VT->getElementType());
    if (E != VT->getElementType())
      R = VectorType::get(E, VT->getElementCount());
  } else if (auto *FT = dyn_cast<FunctionType>(Ty)) {
    R = mapFunctionType(FT, AttributeList());
  }
  TypeMap[Ty] = R;
  TypeMap[R] = R;
  return R;
}

/// Parameters that point into the caller's frame keep their type: they are
/// never heap pointers, and their attributes describe the frame's memory.
static bool pointsIntoCallerFrame(AttributeList Attrs, unsigned ArgNo) {
  return Attrs.hasParamAttr(ArgNo, Attribute::StructRet) ||
         Attrs.hasParamAttr(ArgNo, Attribute::ByVal) ||
         Attrs.hasParamAttr(ArgNo, Attribute::InAlloca) ||
         Attrs.hasParamAttr(ArgNo, Attribute::Preallocated) ||
         Attrs.hasParamAttr(ArgNo, Attribute::ByRef);
}

FunctionType *Converter::mapFunctionType(FunctionType *FT,
                                         AttributeList Attrs) {
  SmallVector<Type *, 8> Params;
  for (unsigned I = 0, E = FT->getNumParams(); I != E; ++I)
    Params.push_back(pointsIntoCallerFrame(Attrs, I)
                         ? FT->getParamType(I)
                         : mapType(FT->getParamType(I)));
  return FunctionType::get(mapType(FT->getReturnType()), Params,
                           FT->isVarArg());
}

/// byval(T), sret(T)... keep their pointer in addrspace(0), but the memory
/// they describe holds GC pointers like any other: T gets addrspace(1)
/// fields (same layout, so the ABI does not change), and go-statepoints,
/// which copies byval arguments into stack objects, finds their pointers.
AttributeList Converter::mapTypeAttrs(AttributeList Attrs, unsigned NumArgs) {
  static const Attribute::AttrKind Kinds[] = {
      Attribute::ByVal, Attribute::StructRet, Attribute::ByRef,
      Attribute::InAlloca, Attribute::Preallocated};
  for (unsigned I = 0; I != NumArgs; ++I)
    for (Attribute::AttrKind K : Kinds) {
      Attribute A = Attrs.getParamAttr(I, K);
      if (!A.isValid() || !A.getValueAsType())
        continue;
      Type *NewTy = mapType(A.getValueAsType());
      if (NewTy == A.getValueAsType())
        continue;
      Attrs = Attrs.removeParamAttribute(Ctx, I, K);
      Attrs = Attrs.addParamAttribute(Ctx, I, Attribute::get(Ctx, K, NewTy));
    }
  return Attrs;
}

/// A function's type cannot change in place: each function whose type
/// changes is re-created in the same position (statepoint IDs number the
/// definitions in order), its body and arguments moved over.
void Converter::convertSignatures() {
  TargetLibraryInfoImpl TLII(Triple(M.getTargetTriple()));
  TargetLibraryInfo TLI(TLII);
  for (Function &F : make_early_inc_range(M)) {
    if (F.isIntrinsic())
      continue;
    LibFunc LF;
    if (F.isDeclaration() && TLI.getLibFunc(F, LF) && TLI.has(LF))
      continue;
    FunctionType *FT = F.getFunctionType();
    FunctionType *NewFT = mapFunctionType(FT, F.getAttributes());
    if (NewFT == FT) {
      F.setAttributes(mapTypeAttrs(F.getAttributes(), FT->getNumParams()));
      continue;
    }
    Function *NF =
        Function::Create(NewFT, F.getLinkage(), F.getAddressSpace());
    NF->copyAttributesFrom(&F);
    NF->setAttributes(mapTypeAttrs(NF->getAttributes(), NewFT->getNumParams()));
    NF->setComdat(F.getComdat());
    M.getFunctionList().insert(F.getIterator(), NF);
    NF->takeName(&F);
    NF->IsNewDbgInfoFormat = F.IsNewDbgInfoFormat;
    SmallVector<std::pair<unsigned, MDNode *>, 4> MDs;
    F.getAllMetadata(MDs);
    for (auto &[Kind, Node] : MDs)
      NF->addMetadata(Kind, *Node);
    NF->splice(NF->begin(), &F);
    for (auto [A, NA] : zip(F.args(), NF->args())) {
      NA.takeName(&A);
      A.mutateType(NA.getType());
      A.replaceAllUsesWith(&NA);
    }
    // Function references are all `ptr`: calls, global initializers
    // (type descriptors, method tables) and aliases follow unchanged.
    F.replaceAllUsesWith(NF);
    OldFunctionType[NF] = FT;
    F.eraseFromParent();
  }
}

/// A global's memory holds GC pointers like any other memory, and the
/// optimizer folds loads from constant globals only when the load type
/// matches the initializer's: each defined global whose type holds pointers
/// is re-created with addrspace(1) fields (same layout), its initializer's
/// addresses becoming addrspacecast constant expressions. The global itself
/// stays in addrspace(0). LLVM's own globals (llvm.used, llvm.global_ctors)
/// and thread-locals keep their types.
void Converter::convertGlobals() {
  for (GlobalVariable &GV : make_early_inc_range(M.globals())) {
    if (!GV.hasInitializer() || GV.getName().starts_with("llvm.") ||
        GV.isThreadLocal())
      continue;
    Type *NewTy = mapType(GV.getValueType());
    if (NewTy == GV.getValueType())
      continue;
    Constant *Init = convertConstant(GV.getInitializer(), NewTy);
    if (!Init)
      continue;
    auto *NG = new GlobalVariable(M, NewTy, GV.isConstant(), GV.getLinkage(),
                                  Init, "", &GV, GV.getThreadLocalMode(),
                                  GV.getAddressSpace(),
                                  GV.isExternallyInitialized());
    NG->copyAttributesFrom(&GV);
    NG->setComdat(GV.getComdat());
    NG->copyMetadata(&GV, /*Offset=*/0);
    NG->takeName(&GV);
    GV.replaceAllUsesWith(NG);
    GV.eraseFromParent();
  }
}

/// The type an instruction gets regardless of its operands.
void Converter::setFixedType(Instruction &I) {
  Type *Ty = I.getType();
  if (auto *AI = dyn_cast<AllocaInst>(&I)) {
    // The alloca stays in addrspace(0); its contents are GC-typed.
    AI->setAllocatedType(mapType(AI->getAllocatedType()));
    return;
  }
  if (auto *GEP = dyn_cast<GetElementPtrInst>(&I)) {
    GEP->setSourceElementType(mapType(GEP->getSourceElementType()));
    GEP->setResultElementType(mapType(GEP->getResultElementType()));
    return;
  }
  if (auto *CB = dyn_cast<CallBase>(&I)) {
    if (CB->isInlineAsm() || isa<IntrinsicInst>(CB))
      return;
    FunctionType *FT = CB->getFunctionType();
    FunctionType *NewFT = nullptr;
    if (auto *Callee = dyn_cast<Function>(CB->getCalledOperand())) {
      auto Old = OldFunctionType.find(Callee);
      if (Old != OldFunctionType.end() && Old->second == FT)
        NewFT = Callee->getFunctionType();
      else if (Callee->getFunctionType() == FT)
        NewFT = FT;
    }
    if (!NewFT)
      NewFT = mapFunctionType(FT, CB->getAttributes());
    CB->mutateFunctionType(NewFT);
    CB->mutateType(NewFT->getReturnType());
    CB->setAttributes(mapTypeAttrs(CB->getAttributes(), CB->arg_size()));
    return;
  }
  if (isa<LoadInst>(I) || isa<IntToPtrInst>(I) || isa<VAArgInst>(I) ||
      isa<AtomicRMWInst>(I) || isa<AtomicCmpXchgInst>(I) ||
      isa<InsertValueInst>(I) || isa<InsertElementInst>(I) ||
      isa<ShuffleVectorInst>(I)) {
    I.mutateType(mapType(Ty));
    return;
  }
  // Merges of aggregates and vectors are always GC-typed; merges of single
  // pointers are decided by what flows into them (derivedType).
  if ((isa<PHINode>(I) || isa<SelectInst>(I)) && !Ty->isPointerTy())
    I.mutateType(mapType(Ty));
}

static bool isGCPointer(const Value *V) {
  return V->getType()->isPointerTy() &&
         V->getType()->getPointerAddressSpace() == GCAddrSpace;
}

/// The type an instruction gets from its operands' current types, or null
/// when it has no such rule.
Type *Converter::derivedType(Instruction &I) {
  Type *Ty = I.getType();
  if (isa<PHINode>(I) || isa<SelectInst>(I)) {
    if (!Ty->isPointerTy())
      return nullptr;
    // A stack or static pointer stays in addrspace(0) so that SROA and
    // mem2reg still see through it; a merge with anything else is GC.
    auto Incoming = isa<PHINode>(I)
                        ? make_range(I.op_begin(), I.op_end())
                        : make_range(I.op_begin() + 1, I.op_end());
    for (Value *V : Incoming)
      if (!isa<Constant>(V) && isGCPointer(V))
        return Ptr1;
    return nullptr;
  }
  if (auto *GEP = dyn_cast<GetElementPtrInst>(&I)) {
    SmallVector<Value *, 4> Idx(GEP->indices());
    return GetElementPtrInst::getGEPReturnType(GEP->getPointerOperand(), Idx);
  }
  if (isa<BitCastInst>(I) || isa<FreezeInst>(I)) {
    Type *Src = I.getOperand(0)->getType();
    if (Src->isPtrOrPtrVectorTy() && Ty->isPtrOrPtrVectorTy())
      return Src;
    if (isa<FreezeInst>(I))
      return Src;
    return nullptr;
  }
  if (auto *EV = dyn_cast<ExtractValueInst>(&I))
    return ExtractValueInst::getIndexedType(
        EV->getAggregateOperand()->getType(), EV->getIndices());
  if (auto *EE = dyn_cast<ExtractElementInst>(&I))
    return cast<VectorType>(EE->getVectorOperandType())->getElementType();
  if (auto *II = dyn_cast<IntrinsicInst>(&I)) {
    if (isa<DbgInfoIntrinsic>(II))
      return nullptr;
    Function *Decl = chooseIntrinsic(*II, II->getCalledFunction());
    IntrinsicDecl[II] = Decl;
    return Decl->getReturnType();
  }
  return nullptr;
}

/// An overloaded intrinsic is re-declared for its operands' new types
/// (llvm.memcpy.p1.p0.i64, ...), its result following them when the
/// signature ties it to an operand (ptrmask, launder.invariant.group).
/// Otherwise the declaration stays and its operands are cast to it.
Function *Converter::chooseIntrinsic(CallBase &CB, Function *Decl) {
  Intrinsic::ID ID = Decl->getIntrinsicID();
  if (ID == Intrinsic::not_intrinsic || !Intrinsic::isOverloaded(ID))
    return Decl;
  SmallVector<Type *, 6> ArgTys;
  bool AnyGC = false;
  for (Value *A : CB.args()) {
    ArgTys.push_back(A->getType());
    AnyGC |= A->getType()->isPtrOrPtrVectorTy() &&
             A->getType()->getPointerAddressSpace() == GCAddrSpace;
  }
  if (!AnyGC)
    return Decl;
  auto Try = [&](Type *Ret) -> Function * {
    FunctionType *FT = FunctionType::get(Ret, ArgTys, Decl->isVarArg());
    SmallVector<Type *, 4> Overloads;
    if (!Intrinsic::getIntrinsicSignature(ID, FT, Overloads))
      return nullptr;
    return Intrinsic::getDeclaration(&M, ID, Overloads);
  };
  if (Function *D = Try(mapType(Decl->getReturnType())))
    return D;
  if (Function *D = Try(Decl->getReturnType()))
    return D;
  return Decl;
}

Constant *Converter::convertConstant(Constant *C, Type *To) {
  if (C->getType() == To)
    return C;
  if (isa<PoisonValue>(C))
    return PoisonValue::get(To);
  if (isa<UndefValue>(C))
    return UndefValue::get(To);
  if (C->isNullValue())
    return Constant::getNullValue(To);
  if (C->getType()->isPtrOrPtrVectorTy() && To->isPtrOrPtrVectorTy())
    return ConstantExpr::getAddrSpaceCast(C, To);
  SmallVector<Constant *, 8> Elts;
  if (auto *ST = dyn_cast<StructType>(To)) {
    for (unsigned I = 0, E = ST->getNumElements(); I != E; ++I) {
      Constant *Elt = C->getAggregateElement(I);
      Constant *New = Elt ? convertConstant(Elt, ST->getElementType(I)) : nullptr;
      if (!New)
        return nullptr;
      Elts.push_back(New);
    }
    return ConstantStruct::get(ST, Elts);
  }
  if (auto *AT = dyn_cast<ArrayType>(To)) {
    for (uint64_t I = 0, E = AT->getNumElements(); I != E; ++I) {
      Constant *Elt = C->getAggregateElement(I);
      Constant *New = Elt ? convertConstant(Elt, AT->getElementType()) : nullptr;
      if (!New)
        return nullptr;
      Elts.push_back(New);
    }
    return ConstantArray::get(AT, Elts);
  }
  return nullptr;
}

/// \p V as a value of type \p To (same shape, other address spaces),
/// computed right before \p InsertBefore.
Value *Converter::convert(Value *V, Type *To, Instruction *InsertBefore) {
  Type *From = V->getType();
  if (From == To)
    return V;
  if (auto *C = dyn_cast<Constant>(V)) {
    if (Constant *New = convertConstant(C, To))
      return New;
  } else if (From->isPtrOrPtrVectorTy() && To->isPtrOrPtrVectorTy()) {
    return new AddrSpaceCastInst(V, To, "", InsertBefore->getIterator());
  } else if (isa<StructType>(To) || isa<ArrayType>(To)) {
    // Go strings, slices and interfaces (and landing-pad values going back
    // to `resume`): field by field.
    unsigned N = isa<StructType>(To) ? To->getStructNumElements()
                                     : To->getArrayNumElements();
    IRBuilder<> B(InsertBefore);
    Value *R = PoisonValue::get(To);
    for (unsigned I = 0; I != N; ++I) {
      Value *Elt = B.CreateExtractValue(V, I);
      Type *EltTo = isa<StructType>(To) ? To->getStructElementType(I)
                                        : To->getArrayElementType();
      Value *New = convert(Elt, EltTo, InsertBefore);
      if (!New)
        return nullptr;
      R = B.CreateInsertValue(R, New, I);
    }
    return R;
  }
  std::string FromS, ToS;
  raw_string_ostream(FromS) << *From;
  raw_string_ostream(ToS) << *To;
  fail("cannot convert a value of type '" + FromS + "' to '" + ToS + "'",
       InsertBefore->getFunction());
  return nullptr;
}

void Converter::fixOperand(Instruction &I, unsigned OpNo, Type *To) {
  Value *V = I.getOperand(OpNo);
  if (V->getType() == To || isa<MetadataAsValue>(V))
    return;
  if (Value *New = convert(V, To, &I))
    I.setOperand(OpNo, New);
}

void Converter::fixPhi(PHINode &Phi) {
  // One cast per incoming block: a block may appear twice (switch).
  DenseMap<BasicBlock *, Value *> Done;
  for (unsigned I = 0, E = Phi.getNumIncomingValues(); I != E; ++I) {
    Value *V = Phi.getIncomingValue(I);
    if (V->getType() == Phi.getType())
      continue;
    BasicBlock *Pred = Phi.getIncomingBlock(I);
    Value *&New = Done[Pred];
    if (!New) {
      if (V == Pred->getTerminator()) {
        fail("an invoke result reaches a phi of another address space",
             Phi.getFunction());
        return;
      }
      New = convert(V, Phi.getType(), Pred->getTerminator());
      if (!New)
        return;
    }
    Phi.setIncomingValue(I, New);
  }
}

void Converter::fixCall(CallBase &CB) {
  if (auto *II = dyn_cast<IntrinsicInst>(&CB)) {
    if (isa<DbgInfoIntrinsic>(II))
      return;
    auto It = IntrinsicDecl.find(II);
    if (It != IntrinsicDecl.end() && It->second != II->getCalledFunction()) {
      IntrinsicUsed.insert(II->getCalledFunction());
      II->setCalledFunction(It->second);
    }
  }
  FunctionType *FT = CB.getFunctionType();
  for (unsigned I = 0, E = FT->getNumParams(); I != E; ++I)
    fixOperand(CB, I, FT->getParamType(I));
  // Go functions are never variadic at the LLVM level: the variadic part of
  // a call goes to C (printf), and the optimizer may hand it on to another
  // library function declared with addrspace(0) (printf("%s\n", s) becomes
  // puts(s)).
  for (unsigned I = FT->getNumParams(), E = CB.arg_size(); I != E; ++I)
    if (isGCPointer(CB.getArgOperand(I)))
      fixOperand(CB, I, Ptr0);
  // Code is not in the Go heap: an indirect callee is called through
  // addrspace(0), like every direct one.
  Value *Callee = CB.getCalledOperand();
  if (!isa<Function>(Callee) && !CB.isInlineAsm() && isGCPointer(Callee))
    if (Value *New = convert(Callee, Ptr0, &CB))
      CB.setCalledOperand(New);
}

void Converter::fixOperands(Instruction &I) {
  if (auto *SI = dyn_cast<StoreInst>(&I)) {
    fixOperand(I, 0, mapType(SI->getValueOperand()->getType()));
  } else if (auto *RI = dyn_cast<ReturnInst>(&I)) {
    if (RI->getReturnValue())
      fixOperand(I, 0, I.getFunction()->getReturnType());
  } else if (auto *Phi = dyn_cast<PHINode>(&I)) {
    fixPhi(*Phi);
  } else if (isa<SelectInst>(I)) {
    fixOperand(I, 1, I.getType());
    fixOperand(I, 2, I.getType());
  } else if (isa<CmpInst>(I)) {
    if (I.getOperand(0)->getType() != I.getOperand(1)->getType()) {
      Type *To = mapType(I.getOperand(0)->getType());
      fixOperand(I, 0, To);
      fixOperand(I, 1, To);
    }
  } else if (auto *IV = dyn_cast<InsertValueInst>(&I)) {
    fixOperand(I, 0, I.getType());
    fixOperand(I, 1,
               ExtractValueInst::getIndexedType(I.getType(), IV->getIndices()));
  } else if (isa<InsertElementInst>(I)) {
    fixOperand(I, 0, I.getType());
    fixOperand(I, 1, cast<VectorType>(I.getType())->getElementType());
  } else if (isa<ShuffleVectorInst>(I)) {
    Type *Elt = cast<VectorType>(I.getType())->getElementType();
    for (unsigned Op = 0; Op != 2; ++Op)
      fixOperand(I, Op,
                 VectorType::get(Elt, cast<VectorType>(I.getOperand(Op)->getType())
                                          ->getElementCount()));
  } else if (isa<AtomicRMWInst>(I)) {
    fixOperand(I, 1, I.getType());
  } else if (isa<AtomicCmpXchgInst>(I)) {
    fixOperand(I, 1, I.getType()->getStructElementType(0));
    fixOperand(I, 2, I.getType()->getStructElementType(0));
  } else if (isa<ResumeInst>(I)) {
    // The unwinder's {ptr, i32} as the landing pad produced it.
    auto It = OrigType.find(I.getOperand(0));
    if (It != OrigType.end())
      fixOperand(I, 0, It->second);
  } else if (auto *CB = dyn_cast<CallBase>(&I)) {
    fixCall(*CB);
  }
}

void Converter::convertFunction(Function &F) {
  SmallVector<Instruction *, 64> Insts;
  for (Instruction &I : instructions(F)) {
    Insts.push_back(&I);
    if (I.getType()->isPtrOrPtrVectorTy() || I.getType()->isAggregateType())
      OrigType[&I] = I.getType();
  }
  for (Instruction *I : Insts)
    setFixedType(*I);
  // Types only ever move from addrspace(0) to addrspace(1), so this ends.
  bool Changed = true;
  while (Changed) {
    Changed = false;
    for (Instruction *I : Insts) {
      Type *Ty = derivedType(*I);
      if (Ty && Ty != I->getType()) {
        I->mutateType(Ty);
        Changed = true;
      }
    }
  }
  for (Instruction *I : Insts) {
    fixOperands(*I);
    if (Failed)
      return;
  }
}

bool Converter::run() {
  convertSignatures();
  convertGlobals();
  for (Function &F : M) {
    if (F.isDeclaration())
      continue;
    convertFunction(F);
    if (Failed)
      return false;
  }
  // The intrinsic declarations calls moved away from.
  for (Function &F : make_early_inc_range(M))
    if (F.isIntrinsic() && F.use_empty() && IntrinsicUsed.count(&F))
      F.eraseFromParent();
  std::string Layout = M.getDataLayoutStr();
  M.setDataLayout(Layout.empty() ? "ni:1" : Layout + "-ni:1");
  return true;
}

bool isGCAddressSpaceCandidate(const Module &M) {
  if (!M.getDataLayout().getNonIntegralAddressSpaces().empty())
    return false;
  AddrSpaceScan Scan;
  for (const GlobalVariable &GV : M.globals())
    if (GV.getAddressSpace() != 0 || Scan.hasOtherAddrSpace(GV.getValueType()))
      return false;
  for (const Function &F : M) {
    if (F.getAddressSpace() != 0 ||
        Scan.hasOtherAddrSpace(F.getFunctionType()))
      return false;
    for (const Instruction &I : instructions(F)) {
      if (Scan.hasOtherAddrSpace(I.getType()))
        return false;
      for (const Value *Op : I.operands())
        if (Scan.hasOtherAddrSpace(Op->getType()))
          return false;
    }
  }
  return true;
}

Expected<GoGCAddressSpacePass::Options>
GoGCAddressSpacePass::parseOptions(StringRef Params) {
  Options Result;
  if (Params.empty())
    return Result;
  if (Params == "sink-casts") {
    Result.SinkCasts = true;
    return Result;
  }
  return make_error<StringError>(
      formatv("invalid go-gc-addrspace parameter '{0}' (expected sink-casts)",
              Params)
          .str(),
      inconvertibleErrorCode());
}

void GoGCAddressSpacePass::printPipeline(
    raw_ostream &OS, function_ref<StringRef(StringRef)> MapClassName2PassName) {
  OS << MapClassName2PassName(name());
  if (Opts.SinkCasts)
    OS << "<sink-casts>";
}

/// Re-creates each addrspacecast out of addrspace(1) right before each use
/// (for a phi: at the end of the incoming block). The GC pointer is then
/// live up to every use, and go-statepoints records it at every safepoint
/// in between.
static bool sinkGCCasts(Function &F) {
  SmallVector<AddrSpaceCastInst *, 8> Casts;
  for (Instruction &I : instructions(F))
    if (auto *C = dyn_cast<AddrSpaceCastInst>(&I))
      if (C->getSrcAddressSpace() == GCAddrSpace &&
          C->getDestAddressSpace() != GCAddrSpace && !C->use_empty())
        Casts.push_back(C);
  for (AddrSpaceCastInst *C : Casts) {
    DenseMap<BasicBlock *, Instruction *> AtBlockEnd;
    for (Use &U : make_early_inc_range(C->uses())) {
      auto *User = cast<Instruction>(U.getUser());
      Instruction *New;
      if (auto *Phi = dyn_cast<PHINode>(User)) {
        BasicBlock *Pred = Phi->getIncomingBlock(U);
        Instruction *&Cast = AtBlockEnd[Pred];
        if (!Cast)
          Cast = new AddrSpaceCastInst(C->getOperand(0), C->getType(),
                                       C->getName(),
                                       Pred->getTerminator()->getIterator());
        New = Cast;
      } else {
        New = new AddrSpaceCastInst(C->getOperand(0), C->getType(),
                                    C->getName(), User->getIterator());
      }
      U.set(New);
    }
    C->eraseFromParent();
  }
  return !Casts.empty();
}

PreservedAnalyses GoGCAddressSpacePass::run(Module &M,
                                            ModuleAnalysisManager &) {
  if (Opts.SinkCasts) {
    bool Changed = false;
    for (Function &F : M)
      if (!F.isDeclaration())
        Changed |= sinkGCCasts(F);
    return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
  }
  if (!isGCAddressSpaceCandidate(M)) {
    // Gollvm's -enable-gc output is already in this form; anything else
    // using address spaces is not Gollvm's public output.
    for (Function &F : M) {
      if (F.isDeclaration())
        continue;
      OptimizationRemarkEmitter ORE(&F);
      ORE.emit([&] {
        return OptimizationRemarkMissed(DEBUG_TYPE, "NotConverted", &F)
               << "module left alone: it already has a non-integral address "
                  "space or uses an address space other than 0";
      });
      break;
    }
    return PreservedAnalyses::all();
  }
  Converter(M).run();
  return PreservedAnalyses::none();
}

} // namespace gollc
