//===- GCRoots.cpp - Register a module's global GC roots ------------------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// A precise Go collector finds global pointers only through the root lists
// that each package registers at startup. Gollvm's frontend emits one (a
// `go..C<N>` constant passed to runtime.registerGCRoots from the package init
// function), but hand-written or other-tool IR and modules whose frontend
// skipped it register nothing: their globals are then invisible to the
// collector, and libgo 12 even stops with "persistentalloc: size == 0" when a
// program registers no roots at all.
//
// This pass emits the list in libgo's layout (runtime/mgc_gccgo.go):
//
//   struct gcRootList { gcRootList *next; intptr count;
//                       struct { void *decl; uintptr size, ptrdata;
//                                uint8 *gcdata; } roots[count]; };
//
// with one entry per defined, writable global whose type holds pointers:
// size is the global's alloc size, ptrdata the byte offset just past its last
// pointer word, gcdata a private byte bitmap with one bit per pointer-sized
// word, least significant bit first (Go's gcdata). The list is registered
// from the package init function (`__go_init_main` or `<pkg>..import`) before
// anything else runs in it, or from a new llvm.global_ctors constructor when
// the module has no init function.
//
//   opt -load-pass-plugin=$PWD/build/lib/GoPasses.so -passes=go-gc-roots \
//       -S in.ll
//
// `go-gc-roots<force>` (or -go-gc-roots-force) also handles modules that do
// not look like Gollvm output.
//
//===----------------------------------------------------------------------===//

#include "gollc/GCRoots.h"
#include "gollc/GoIR.h"

#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

using namespace llvm;

#define DEBUG_TYPE "go-gc-roots"

static cl::opt<bool> ForceOpt(
    "go-gc-roots-force", cl::init(false),
    cl::desc("go-gc-roots: also emit a root list for modules that do not "
             "look like Gollvm output"),
    cl::cat(gollc::goLoweringCategory()));

namespace {

constexpr StringLiteral RegisterFnName = "runtime.registerGCRoots";
constexpr StringLiteral RootListName = "go..gcroots";
constexpr StringLiteral CtorName = "go..gcroots.register";

/// True if \p Ty holds a pointer anywhere. Cheap, so that the big non-pointer
/// arrays common in Go globals never get a bitmap built.
bool containsPointer(Type *Ty) {
  if (Ty->isPointerTy())
    return true;
  if (auto *VT = dyn_cast<VectorType>(Ty))
    return VT->getElementType()->isPointerTy();
  if (auto *AT = dyn_cast<ArrayType>(Ty))
    return AT->getNumElements() != 0 && containsPointer(AT->getElementType());
  if (auto *ST = dyn_cast<StructType>(Ty))
    return any_of(ST->elements(), containsPointer);
  return false;
}

/// Sets the bits of the pointer words of a \p Ty placed at byte \p Offset.
/// Returns false on a pointer that is not word aligned.
bool markPointers(const DataLayout &DL, Type *Ty, uint64_t Offset,
                  uint64_t WordSize, BitVector &Words) {
  if (!containsPointer(Ty))
    return true;
  if (Ty->isPointerTy()) {
    if (Offset % WordSize != 0 ||
        DL.getTypeStoreSize(Ty).getFixedValue() != WordSize)
      return false;
    Words.set(Offset / WordSize);
    return true;
  }
  if (auto *ST = dyn_cast<StructType>(Ty)) {
    const StructLayout *SL = DL.getStructLayout(ST);
    for (unsigned I = 0, E = ST->getNumElements(); I != E; ++I)
      if (!markPointers(DL, ST->getElementType(I),
                        Offset + SL->getElementOffset(I).getFixedValue(),
                        WordSize, Words))
        return false;
    return true;
  }
  Type *ElemTy;
  uint64_t Count;
  if (auto *AT = dyn_cast<ArrayType>(Ty)) {
    ElemTy = AT->getElementType();
    Count = AT->getNumElements();
  } else {
    auto *VT = cast<FixedVectorType>(Ty);
    ElemTy = VT->getElementType();
    Count = VT->getNumElements();
  }
  uint64_t Stride = DL.getTypeAllocSize(ElemTy).getFixedValue();
  // Lay out the first element, then copy its words: a [1<<20 x ptr] array
  // must not recurse a million times.
  if (!markPointers(DL, ElemTy, Offset, WordSize, Words))
    return false;
  if (Count <= 1)
    return true;
  if (Stride % WordSize != 0 || Offset % WordSize != 0) {
    // Unaligned element stride or base: each element has its own offsets.
    for (uint64_t I = 1; I != Count; ++I)
      if (!markPointers(DL, ElemTy, Offset + I * Stride, WordSize, Words))
        return false;
    return true;
  }
  uint64_t FirstWord = Offset / WordSize;
  uint64_t StrideWords = Stride / WordSize;
  SmallVector<uint64_t, 8> ElemWords;
  for (uint64_t W = 0; W != StrideWords; ++W)
    if (Words.test(FirstWord + W))
      ElemWords.push_back(W);
  for (uint64_t I = 1; I != Count; ++I)
    for (uint64_t W : ElemWords)
      Words.set(FirstWord + I * StrideWords + W);
  return true;
}

/// A function to attach a module-level remark to: remarks need one.
const Function *remarkAnchor(const Module &M) {
  for (const Function &F : M)
    if (!F.isDeclaration())
      return &F;
  return nullptr;
}

/// The package init function of a Gollvm module: `__go_init_main` for the
/// main package, `<pkgpath>..import` otherwise.
Function *findInitFunction(Module &M) {
  if (Function *F = M.getFunction("__go_init_main"))
    if (!F->isDeclaration())
      return F;
  for (Function &F : M)
    if (!F.isDeclaration() && F.getName().ends_with("..import"))
      return &F;
  return nullptr;
}

/// The first call to runtime.registerGCRoots in the module, if any.
const CallBase *findRegistration(const Module &M) {
  const Function *Reg = M.getFunction(RegisterFnName);
  if (!Reg)
    return nullptr;
  for (const User *U : Reg->users())
    if (const auto *CB = dyn_cast<CallBase>(U))
      if (CB->getCalledOperand() == Reg)
        return CB;
  return nullptr;
}

struct Root {
  GlobalVariable *GV;
  uint64_t Size;
  BitVector Words;
};

} // namespace

namespace gollc {

std::optional<BitVector> computePointerWords(const DataLayout &DL, Type *Ty) {
  uint64_t WordSize = DL.getPointerSize();
  uint64_t Size = DL.getTypeAllocSize(Ty).getFixedValue();
  BitVector Words((Size + WordSize - 1) / WordSize);
  if (!markPointers(DL, Ty, 0, WordSize, Words))
    return std::nullopt;
  return Words;
}

GoGCRootsPass::GoGCRootsPass() { Opts.Force = ForceOpt; }

Expected<GoGCRootsPass::Options> GoGCRootsPass::parseOptions(StringRef Params) {
  Options Result;
  Result.Force = ForceOpt;
  while (!Params.empty()) {
    StringRef Param;
    std::tie(Param, Params) = Params.split(';');
    if (Param == "force") {
      Result.Force = true;
      continue;
    }
    return make_error<StringError>(
        formatv("invalid go-gc-roots parameter '{0}' (expected force)", Param)
            .str(),
        inconvertibleErrorCode());
  }
  return Result;
}

void GoGCRootsPass::printPipeline(
    raw_ostream &OS, function_ref<StringRef(StringRef)> MapClassName2PassName) {
  OS << MapClassName2PassName(name());
  if (Opts.Force)
    OS << "<force>";
}

/// The globals of \p M that can hold a pointer, with their pointer words.
/// Globals the collector cannot be told about get a remark (another address
/// space) or an error (a misaligned pointer).
static SmallVector<Root, 16>
collectGlobalRoots(Module &M, const Function *Anchor,
                   OptimizationRemarkEmitter &AnchorORE) {
  const DataLayout &DL = M.getDataLayout();
  LLVMContext &Ctx = M.getContext();
  SmallVector<Root, 16> Roots;
  for (GlobalVariable &GV : M.globals()) {
    // Constants cannot come to point at the heap, and declarations belong to
    // the module that defines them.
    if (GV.isDeclaration() || GV.isConstant() || GV.isThreadLocal() ||
        GV.getName().starts_with("llvm.") || GV.hasAvailableExternallyLinkage())
      continue;
    Type *Ty = GV.getValueType();
    if (!Ty->isSized() || !containsPointer(Ty))
      continue;
    if (GV.getAddressSpace() != 0) {
      AnchorORE.emit([&] {
        return OptimizationRemarkMissed(DEBUG_TYPE, "AddressSpace", Anchor)
               << "global " << GV.getName() << " is in address space "
               << ore::NV("AS", GV.getAddressSpace())
               << "; not registered as a GC root";
      });
      continue;
    }
    std::optional<BitVector> Words = computePointerWords(DL, Ty);
    if (!Words) {
      // A pointer the collector cannot see is a use-after-free waiting to
      // happen: this is an error, not a remark.
      Ctx.emitError(
          formatv("go-gc-roots: global '{0}' holds a pointer that is not "
                  "aligned to a {1}-byte word; Go's collector cannot scan it",
                  GV.getName(), DL.getPointerSize())
              .str());
      continue;
    }
    Roots.push_back(
        {&GV, DL.getTypeAllocSize(Ty).getFixedValue(), std::move(*Words)});
  }
  return Roots;
}

/// Builds the root list of \p Roots: {next, count, [entry...]}, each entry
/// {ptr decl, size, ptrdata, gcdata} as Go's runtime reads it.
static GlobalVariable *buildRootList(Module &M, ArrayRef<Root> Roots) {
  const DataLayout &DL = M.getDataLayout();
  LLVMContext &Ctx = M.getContext();
  // The entry type {ptr decl, i64 size, i64 ptrdata, ptr gcdata}.
  Type *PtrTy = PointerType::getUnqual(Ctx);
  Type *IntPtrTy = DL.getIntPtrType(Ctx);
  StructType *EntryTy = StructType::get(Ctx, {PtrTy, IntPtrTy, IntPtrTy, PtrTy});
  uint64_t WordSize = DL.getPointerSize();
  SmallVector<Constant *, 16> Entries;
  for (const Root &R : Roots) {
    int LastWord = R.Words.find_last();
    uint64_t PtrData = (uint64_t(LastWord) + 1) * WordSize;
    // Go's gcdata: bit I of byte I/8 is word I, covering ptrdata only.
    SmallVector<uint8_t, 16> Mask((LastWord + 8) / 8, 0);
    for (unsigned W : R.Words.set_bits())
      Mask[W / 8] |= uint8_t(1u << (W % 8));
    auto *MaskGV = new GlobalVariable(
        M, ArrayType::get(Type::getInt8Ty(Ctx), Mask.size()),
        /*isConstant=*/true, GlobalValue::PrivateLinkage,
        ConstantDataArray::get(Ctx, Mask), "go..gcmask." + R.GV->getName());
    MaskGV->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
    MaskGV->setAlignment(Align(1));
    Entries.push_back(ConstantStruct::get(
        EntryTy, {R.GV, ConstantInt::get(IntPtrTy, R.Size),
                  ConstantInt::get(IntPtrTy, PtrData), MaskGV}));
  }
  ArrayType *RootsTy = ArrayType::get(EntryTy, Entries.size());
  StructType *ListTy = StructType::get(Ctx, {PtrTy, IntPtrTy, RootsTy});
  // Writable: the runtime links the list through its `next` field.
  auto *List = new GlobalVariable(
      M, ListTy, /*isConstant=*/false, GlobalValue::InternalLinkage,
      ConstantStruct::get(
          ListTy, {ConstantPointerNull::get(cast<PointerType>(PtrTy)),
                   ConstantInt::get(IntPtrTy, Entries.size()),
                   ConstantArray::get(RootsTy, Entries)}),
      RootListName);
  List->setAlignment(Align(WordSize));
  return List;
}

/// The function that registers the list: the package init function, or a
/// new constructor when the module has none.
static Function *registrationFunction(Module &M) {
  LLVMContext &Ctx = M.getContext();
  Function *Caller = findInitFunction(M);
  if (!Caller) {
    // No package init: a constructor registers the list before main runs.
    Caller = Function::Create(FunctionType::get(Type::getVoidTy(Ctx), false),
                              GlobalValue::InternalLinkage, CtorName, M);
    Caller->setDoesNotThrow();
    // The frame contract of the module's Go code (target, frame pointer,
    // stack check), as for any function a pass creates.
    for (const Function &G : M)
      if (!G.isDeclaration() && isGollvmFunction(G)) {
        copyFrameContract(G, *Caller);
        break;
      }
    ReturnInst::Create(Ctx, BasicBlock::Create(Ctx, "entry", Caller));
    appendToGlobalCtors(M, Caller, /*Priority=*/65535);
  }
  return Caller;
}

/// Inserts the call of \p Register with \p List at the top of \p Caller.
static CallInst *insertRegistration(Function *Caller, FunctionCallee Register,
                                    GlobalVariable *List) {
  Type *PtrTy = PointerType::getUnqual(Caller->getContext());
  // Before anything else in the init function: package initialisers may
  // allocate, and by then the globals must be roots.
  BasicBlock &Entry = Caller->getEntryBlock();
  BasicBlock::iterator IP = Entry.getFirstInsertionPt();
  while (IP != Entry.end() && isa<AllocaInst>(*IP))
    ++IP;
  IRBuilder<> B(&Entry, IP);
  // Borrow the location of the code it precedes, so a function with debug
  // info keeps a located call.
  if (IP != Entry.end())
    B.SetCurrentDebugLocation(IP->getDebugLoc());
  // Gollvm calls runtime functions with the closure context first.
  CallInst *Call = B.CreateCall(
      Register, {PoisonValue::get(PtrTy), List});
  Call->addParamAttr(0, Attribute::Nest);
  return Call;
}

PreservedAnalyses GoGCRootsPass::run(Module &M, ModuleAnalysisManager &) {
  const Function *Anchor = remarkAnchor(M);
  if (!Anchor)
    return PreservedAnalyses::all();
  OptimizationRemarkEmitter AnchorORE(Anchor);

  if (!Opts.Force && !isGollvmModule(M)) {
    AnchorORE.emit([&] {
      return OptimizationRemarkMissed(DEBUG_TYPE, "NotGollvm", Anchor)
             << "module " << M.getModuleIdentifier()
             << " does not look like Gollvm output; no GC root list emitted "
                "(use go-gc-roots<force>)";
    });
    return PreservedAnalyses::all();
  }

  if (const CallBase *Existing = findRegistration(M)) {
    OptimizationRemarkEmitter ORE(Existing->getFunction());
    ORE.emit([&] {
      return OptimizationRemarkMissed(DEBUG_TYPE, "AlreadyRegistered",
                                      Existing)
             << "module already registers GC roots in "
             << Existing->getFunction()->getName() << "; left alone";
    });
    return PreservedAnalyses::all();
  }

  SmallVector<Root, 16> Roots = collectGlobalRoots(M, Anchor, AnchorORE);

  if (Roots.empty()) {
    AnchorORE.emit([&] {
      return OptimizationRemarkMissed(DEBUG_TYPE, "NoRoots", Anchor)
             << "module " << M.getModuleIdentifier()
             << " has no global that can hold a pointer; no GC root list "
                "emitted";
    });
    return PreservedAnalyses::all();
  }

  LLVMContext &Ctx = M.getContext();
  FunctionCallee Register =
      M.getOrInsertFunction(RegisterFnName, Type::getVoidTy(Ctx),
                            PointerType::getUnqual(Ctx),
                            PointerType::getUnqual(Ctx));
  auto *RegisterFn = dyn_cast<Function>(Register.getCallee());
  if (!RegisterFn || RegisterFn->getFunctionType() != Register.getFunctionType()) {
    Ctx.emitError(
        formatv("go-gc-roots: '{0}' is already declared with another type in "
                "{1}; no GC root list emitted",
                RegisterFnName, M.getModuleIdentifier())
            .str());
    return PreservedAnalyses::all();
  }

  GlobalVariable *List = buildRootList(M, Roots);
  Function *Caller = registrationFunction(M);
  CallInst *Call = insertRegistration(Caller, Register, List);

  OptimizationRemarkEmitter ORE(Caller);
  ORE.emit([&] {
    return OptimizationRemark(DEBUG_TYPE, "Registered", Call)
           << "registered " << ore::NV("Roots", unsigned(Roots.size()))
           << " global GC roots from " << Caller->getName();
  });
  return PreservedAnalyses::none();
}

} // namespace gollc
