//===- GoStackMapPrinter.cpp - The go_stackmap section --------------------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The GCMetadataPrinter of the "go" GC strategy. At the end of the module,
// the AsmPrinter hands it LLVM's StackMaps (one record per statepoint, see
// docs/IRContract.md section 4); with -go-stackmap-format=go (the default)
// it turns them into one go_stackmap table (docs/StackMapFormat.md) and
// LLVM writes no .llvm_stackmaps; with -go-stackmap-format=llvm it declines
// and LLVM writes its standard v3 section.
//
// Every live location becomes a word index relative to the stack pointer at
// the call: an Indirect location (a spilled GC pointer) is one word; a
// Direct location (a stack object, from "gc-live") is the object's pointer
// words, from the layout the "deopt" bundle carries as constants. Anything
// the format cannot describe (a pointer in a register, a frame of variable
// size, another target) is an error naming the function.
//
//   llc -load=$PWD/build/lib/GoPasses.so -filetype=obj f.ll -o f.o
//   build/bin/go-stackmap-dump f.o
//
//===----------------------------------------------------------------------===//

#include "gollc/GoIR.h"
#include "gollc/PassRegistry.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/BinaryFormat/ELF.h"
#include "llvm/CodeGen/AsmPrinter.h"
#include "llvm/CodeGen/GCMetadataPrinter.h"
#include "llvm/CodeGen/MachineModuleInfo.h"
#include "llvm/CodeGen/StackMaps.h"
#include "llvm/IR/Comdat.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Statepoint.h"
#include "llvm/MC/MCContext.h"
#include "llvm/MC/MCExpr.h"
#include "llvm/MC/MCSectionELF.h"
#include "llvm/MC/MCStreamer.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Triple.h"

#include <map>
#include <mutex>
#include <optional>

using namespace llvm;

namespace {

enum class StackMapFormat { Go, LLVM };

cl::opt<StackMapFormat> StackMapFormatOpt(
    "go-stackmap-format",
    cl::desc("Stack maps of gc \"go\" functions: the go_stackmap section or "
             "LLVM's .llvm_stackmaps"),
    cl::init(StackMapFormat::Go),
    cl::values(clEnumValN(StackMapFormat::Go, "go",
                          "go_stackmap (docs/StackMapFormat.md, default)"),
               clEnumValN(StackMapFormat::LLVM, "llvm",
                          "LLVM's standard .llvm_stackmaps v3 section")));

// DWARF register numbers of x86-64 (System V psABI, figure 3.36).
constexpr uint16_t DwarfRBP = 6;
constexpr uint16_t DwarfRSP = 7;

/// One function's record, before emission.
struct FunctionRecord {
  const MCSymbol *Sym = nullptr;
  uint64_t FrameSize = 0;
  /// The COMDAT group of the function's code, "" if none.
  std::string Comdat;
  /// Per call site: the return offset expression and the live word indices.
  SmallVector<std::pair<const MCExpr *, std::vector<uint32_t>>, 8> CallSites;
};

/// The live-slot pool of one table: index 0 is the empty descriptor,
/// identical descriptors are shared.
class Pool {
public:
  uint32_t descriptor(const std::vector<uint32_t> &Words);
  const std::vector<uint32_t> &words() const { return Words; }

private:
  std::vector<uint32_t> Words = {0};
  std::map<std::vector<uint32_t>, uint32_t> Index = {{{}, 0}};
};

class GoStackMapPrinter : public GCMetadataPrinter {
public:
  void beginAssembly(Module &M, GCModuleInfo &Info, AsmPrinter &AP) override;
  bool emitStackMaps(StackMaps &SM, AsmPrinter &AP) override;
};

/// Turns off x86's call-frame optimization (-no-x86-call-frame-opt) for the
/// process. That optimization passes stack arguments with `push` instead of
/// `mov` into the reserved call frame, so at such a call the stack pointer
/// is below the function's fixed frame by the pushed bytes: the live words
/// are still recorded relative to it, but frame_size, one number per
/// function, would no longer lead from sp to the return address (a
/// nine-argument call at -O2 pushes three words). The option lives inside
/// libLLVM, so it is found by name. Called once, before any function of the
/// module reaches the machine passes (the AsmPrinter creates its GC printers
/// in doInitialization).
void disableCallFrameOptimization() {
  static std::once_flag Once;
  std::call_once(Once, [] {
    if (auto *O = dynamic_cast<cl::opt<bool> *>(
            cl::getRegisteredOptions().lookup("no-x86-call-frame-opt")))
      O->setValue(true);
  });
}

void GoStackMapPrinter::beginAssembly(Module &M, GCModuleInfo &Info,
                                      AsmPrinter &AP) {
  disableCallFrameOptimization();
}

/// Builds the records of one module, reporting the first problem.
class TableBuilder {
public:
  explicit TableBuilder(AsmPrinter &AP) : AP(AP) {}

  /// Returns false after reporting an error.
  bool build(StackMaps &SM);
  /// Whether some records belong to functions that are not gc "go".
  bool hasOtherRecords() const { return OtherRecords; }
  void emit();
  void emitTable(const std::string &Comdat,
                 ArrayRef<const FunctionRecord *> Fns);

private:
  bool error(const MCSymbol *Fn, const Twine &Msg);
  bool addCallSite(FunctionRecord &FR, const StackMaps::CallsiteInfo &CSI);
  std::optional<int64_t> constantValue(const FunctionRecord &FR,
                                       const StackMaps::CallsiteInfo &CSI,
                                       unsigned LocIdx);
  std::optional<int64_t> spOffset(const FunctionRecord &FR,
                                  const StackMaps::CallsiteInfo &CSI,
                                  const StackMaps::Location &L);
  const Function *irFunction(const MCSymbol *Sym);

  AsmPrinter &AP;
  std::vector<FunctionRecord> Functions;
  DenseMap<const MCSymbol *, const Function *> IRFunctions;
  bool IRFunctionsBuilt = false;
  bool HadError = false;
  bool OtherRecords = false;
};

bool TableBuilder::error(const MCSymbol *Fn, const Twine &Msg) {
  HadError = true;
  // The IR name, not the symbol: Mach-O and others prefix an underscore.
  StringRef Name = "?";
  if (const Function *F = Fn ? irFunction(Fn) : nullptr)
    Name = F->getName();
  else if (Fn)
    Name = Fn->getName();
  Twine Full = "go_stackmap: function '" + Name + "': " + Msg;
  // Through the LLVMContext, as an error diagnostic: llc and go-llc print it
  // as one line and fail, without the "<unknown>:0:" of an MC error.
  if (AP.MMI && AP.MMI->getModule())
    AP.MMI->getModule()->getContext().emitError(Full);
  else
    AP.OutContext.reportError(SMLoc(), Full);
  return false;
}

const Function *TableBuilder::irFunction(const MCSymbol *Sym) {
  if (!IRFunctionsBuilt) {
    IRFunctionsBuilt = true;
    if (AP.MMI && AP.MMI->getModule())
      for (const Function &F : *AP.MMI->getModule())
        if (!F.isDeclaration())
          IRFunctions[AP.getSymbol(&F)] = &F;
  }
  return IRFunctions.lookup(Sym);
}

/// The value of the constant at Locations[LocIdx]. Small constants are in
/// the location itself; a constant that does not fit in 32 bits is an index
/// into StackMaps' private constant pool, so it is read back from the IR: the
/// deopt operand of the statepoint with the same ID in the same function.
std::optional<int64_t>
TableBuilder::constantValue(const FunctionRecord &FR,
                            const StackMaps::CallsiteInfo &CSI,
                            unsigned LocIdx) {
  const StackMaps::Location &L = CSI.Locations[LocIdx];
  if (L.Type == StackMaps::Location::Constant)
    return int64_t(L.Offset);
  if (L.Type != StackMaps::Location::ConstantIndex)
    return std::nullopt;
  // Locations: CC, Flags, NumDeopt, then the deopt operands.
  if (LocIdx < 3) {
    error(FR.Sym, "statepoint " + Twine(CSI.ID) +
                      " has a large calling-convention or flags constant");
    return std::nullopt;
  }
  unsigned DeoptIdx = LocIdx - 3;
  const Function *F = irFunction(FR.Sym);
  if (!F) {
    error(FR.Sym, "cannot find the IR of the function to read statepoint " +
                      Twine(CSI.ID) + "'s stack-object layout");
    return std::nullopt;
  }
  std::optional<int64_t> Value;
  for (const Instruction &I : instructions(*F)) {
    const auto *SP = dyn_cast<GCStatepointInst>(&I);
    if (!SP || SP->getID() != CSI.ID)
      continue;
    std::optional<OperandBundleUse> Deopt =
        SP->getOperandBundle(LLVMContext::OB_deopt);
    const ConstantInt *C = nullptr;
    if (Deopt && DeoptIdx < Deopt->Inputs.size())
      C = dyn_cast<ConstantInt>(Deopt->Inputs[DeoptIdx]);
    if (!C || (Value && *Value != C->getSExtValue())) {
      error(FR.Sym, "statepoint ID " + Twine(CSI.ID) +
                        " is used by several statepoints with different "
                        "stack-object layouts; IDs must be unique per call "
                        "site (docs/IRContract.md)");
      return std::nullopt;
    }
    Value = C->getSExtValue();
  }
  if (!Value)
    error(FR.Sym, "no statepoint with ID " + Twine(CSI.ID) +
                      " in the IR of the function");
  return Value;
}

/// The offset of a stack location from the stack pointer at the call.
std::optional<int64_t>
TableBuilder::spOffset(const FunctionRecord &FR,
                       const StackMaps::CallsiteInfo &CSI,
                       const StackMaps::Location &L) {
  if (L.Reg == DwarfRSP)
    return int64_t(L.Offset);
  if (L.Reg == DwarfRBP) {
    // With a frame pointer the prologue is `push %rbp; mov %rsp, %rbp`, then
    // the rest of the frame: %rbp sits 16 bytes below the CFA and %rsp at
    // the call FrameSize + 8 bytes below it (FrameSize counts the pushed
    // %rbp), so %rbp = %rsp + FrameSize - 8.
    return int64_t(L.Offset) + int64_t(FR.FrameSize) - 8;
  }
  error(FR.Sym, "statepoint " + Twine(CSI.ID) +
                    " has a stack location relative to DWARF register " +
                    Twine(L.Reg) + ", neither %rsp nor %rbp");
  return std::nullopt;
}

uint32_t Pool::descriptor(const std::vector<uint32_t> &Live) {
  auto [It, New] = Index.try_emplace(Live, 0);
  if (New) {
    It->second = uint32_t(Words.size());
    uint32_t N = Live.back() + 1;
    Words.push_back(N);
    size_t First = Words.size();
    Words.resize(First + (uint64_t(N) + 31) / 32, 0);
    for (uint32_t K : Live)
      Words[First + K / 32] |= 1u << (K % 32);
  }
  return It->second;
}

bool TableBuilder::addCallSite(FunctionRecord &FR,
                               const StackMaps::CallsiteInfo &CSI) {
  const StackMaps::LocationVec &Locs = CSI.Locations;
  auto Fail = [&](const Twine &Msg) {
    return error(FR.Sym, "statepoint " + Twine(CSI.ID) + ": " + Msg);
  };
  // A statepoint's record starts with the constants CC, Flags and NumDeopt
  // (StackMaps::parseStatepointOpers); llvm.experimental.stackmap and
  // patchpoint records do not describe GC roots.
  if (Locs.size() < 3 || Locs[0].Type != StackMaps::Location::Constant ||
      Locs[1].Type != StackMaps::Location::Constant ||
      Locs[2].Type != StackMaps::Location::Constant)
    return Fail("not a statepoint record (llvm.experimental.stackmap and "
                "patchpoint are not supported in the go format)");
  uint64_t NumDeopt = uint64_t(Locs[2].Offset);
  if (3 + NumDeopt > Locs.size())
    return Fail("truncated record");

  // The deopt operands: NumObjects, then per object the alloca (a Direct
  // location: where the object is), SizeInWords and ceil(SizeInWords / 64)
  // bitmap words. The object and its layout travel together, so nothing
  // depends on the order LLVM lists the gc-live locations in.
  struct Object {
    const StackMaps::Location *Loc;
    uint64_t Words;
    SmallVector<uint64_t, 2> Bitmap;
  };
  SmallVector<Object, 4> Objects;
  auto Const = [&](unsigned &LocIdx) -> std::optional<int64_t> {
    if (LocIdx >= 3 + NumDeopt) {
      Fail("malformed stack-object layout in the deopt bundle");
      return std::nullopt;
    }
    std::optional<int64_t> V = constantValue(FR, CSI, LocIdx++);
    if (!V && !HadError)
      Fail("deopt operand " + Twine(LocIdx - 4) +
           " is not a constant where the stack-object layout needs one "
           "(docs/IRContract.md)");
    return V;
  };
  if (NumDeopt != 0) {
    unsigned LocIdx = 3;
    std::optional<int64_t> NumObjects = Const(LocIdx);
    if (!NumObjects)
      return false;
    if (*NumObjects < 0)
      return Fail("malformed stack-object layout in the deopt bundle");
    for (int64_t O = 0; O < *NumObjects; ++O) {
      if (LocIdx >= 3 + NumDeopt)
        return Fail("malformed stack-object layout in the deopt bundle");
      const StackMaps::Location &L = Locs[LocIdx++];
      if (L.Type != StackMaps::Location::Direct)
        return Fail("stack object " + Twine(O) +
                    " is not a Direct stack location (is it a static "
                    "alloca?)");
      Object Obj{&L, 0, {}};
      std::optional<int64_t> Words = Const(LocIdx);
      if (!Words)
        return false;
      if (*Words < 0)
        return Fail("malformed stack-object layout in the deopt bundle");
      Obj.Words = uint64_t(*Words);
      for (uint64_t W = 0, E = (Obj.Words + 63) / 64; W < E; ++W) {
        std::optional<int64_t> Bits = Const(LocIdx);
        if (!Bits)
          return false;
        Obj.Bitmap.push_back(uint64_t(*Bits));
      }
      Objects.push_back(std::move(Obj));
    }
    if (LocIdx != 3 + NumDeopt)
      return Fail("malformed stack-object layout in the deopt bundle (" +
                  Twine(3 + NumDeopt - LocIdx) + " extra operands)");
  }

  // Then the gc-live locations: the (base, derived) pairs of the relocated
  // SSA values, and LLVM's list of those that are frame indices.
  size_t GCBegin = 3 + NumDeopt;

  std::vector<uint32_t> Words;
  auto Mark = [&](int64_t ByteOff) {
    if (ByteOff < 0 || ByteOff % 8 != 0 || ByteOff / 8 >= UINT32_MAX)
      return Fail("live stack word at sp" + Twine(ByteOff < 0 ? "" : "+") +
                  Twine(ByteOff) +
                  " is not an 8-byte aligned word above the stack pointer");
    Words.push_back(uint32_t(ByteOff / 8));
    return true;
  };
  for (size_t I = GCBegin; I < Locs.size(); ++I) {
    const StackMaps::Location &L = Locs[I];
    switch (L.Type) {
    case StackMaps::Location::Indirect: {
      // A spill slot holding the pointer (or a vector of pointers).
      std::optional<int64_t> Off = spOffset(FR, CSI, L);
      if (!Off)
        return false;
      if (L.Size == 0 || L.Size % 8 != 0)
        return Fail("spill slot of " + Twine(L.Size) +
                    " bytes is not made of 8-byte words");
      for (unsigned B = 0; B < L.Size; B += 8)
        if (!Mark(*Off + B))
          return false;
      break;
    }
    case StackMaps::Location::Register:
      return Fail("a live GC pointer is in a register (DWARF " + Twine(L.Reg) +
                  "); the go format records only stack slots");
    case StackMaps::Location::Direct:
      // The value is itself a stack address: not a heap pointer.
    case StackMaps::Location::Constant:
    case StackMaps::Location::ConstantIndex:
      // null or another constant: nothing to scan.
      break;
    default:
      return Fail("unexpected location kind");
    }
  }
  for (const Object &Obj : Objects) {
    std::optional<int64_t> Off = spOffset(FR, CSI, *Obj.Loc);
    if (!Off)
      return false;
    for (uint64_t W = 0; W < Obj.Words; ++W)
      if ((Obj.Bitmap[W / 64] >> (W % 64)) & 1)
        if (!Mark(*Off + 8 * int64_t(W)))
          return false;
  }
  llvm::sort(Words);
  Words.erase(std::unique(Words.begin(), Words.end()), Words.end());
  FR.CallSites.push_back({CSI.CSOffsetExpr, std::move(Words)});
  return true;
}

bool TableBuilder::build(StackMaps &SM) {
  const Triple &TT = AP.TM.getTargetTriple();
  bool TargetChecked = false;
  // Call-site records are grouped by function, in the order of FnInfos,
  // RecordCount each (StackMaps::recordStackMapOpers).
  const StackMaps::CallsiteInfoList &CSInfos = SM.getCSInfos();
  size_t Next = 0;
  for (const auto &[Sym, FI] : SM.getFnInfos()) {
    if (FI.RecordCount > CSInfos.size() - Next)
      return error(Sym, "inconsistent stack-map records");
    // Records of functions with another GC strategy (or none: stackmap and
    // patchpoint intrinsics) are not ours; LLVM writes them to
    // .llvm_stackmaps.
    const Function *F = irFunction(Sym);
    if (F && !(F->hasGC() && F->getGC() == gollc::GoGCName)) {
      OtherRecords = true;
      Next += FI.RecordCount;
      continue;
    }
    if (!TargetChecked) {
      TargetChecked = true;
      if (TT.getArch() != Triple::x86_64 || !TT.isOSBinFormatELF())
        return error(Sym, "the go stack-map format supports x86-64 ELF only, "
                          "not '" +
                              TT.str() + "' (use -go-stackmap-format=llvm)");
    }
    // A stackmap or patchpoint intrinsic in a gc "go" function also makes a
    // record, which could pass for a statepoint's if its first operands are
    // constants. The format has no place for it.
    if (F)
      for (const Instruction &I : instructions(*F))
        if (const auto *II = dyn_cast<IntrinsicInst>(&I))
          if (II->getIntrinsicID() == Intrinsic::experimental_stackmap ||
              II->getIntrinsicID() == Intrinsic::experimental_patchpoint ||
              II->getIntrinsicID() == Intrinsic::experimental_patchpoint_void)
            return error(Sym, "llvm.experimental.stackmap and patchpoint "
                              "are not supported in gc \"go\" functions "
                              "with the go format (use "
                              "-go-stackmap-format=llvm)");
    FunctionRecord FR;
    FR.Sym = Sym;
    if (FI.StackSize == UINT64_MAX)
      return error(Sym, "the frame has a variable size (dynamic alloca or "
                        "stack realignment); the go format needs a fixed "
                        "frame size");
    if (FI.StackSize > UINT32_MAX)
      return error(Sym, "frame of " + Twine(FI.StackSize) +
                            " bytes is too large for the go format");
    FR.FrameSize = FI.StackSize;
    if (F)
      if (const Comdat *C = F->getComdat())
        FR.Comdat = C->getName().str();
    for (uint64_t R = 0; R < FI.RecordCount; ++R)
      if (!addCallSite(FR, CSInfos[Next++]))
        return false;
    Functions.push_back(std::move(FR));
  }
  return true;
}

void TableBuilder::emit() {
  if (Functions.empty())
    return;
  // One table per COMDAT group, in the group: when the linker drops a
  // duplicate group (a linkonce_odr function defined in several objects),
  // the table describing that copy goes with it instead of referring to
  // discarded code. Functions outside any group share one table.
  MapVector<StringRef, SmallVector<const FunctionRecord *, 8>> Groups;
  for (const FunctionRecord &FR : Functions)
    Groups[FR.Comdat].push_back(&FR);
  for (const auto &[Comdat, Fns] : Groups)
    emitTable(Comdat.str(), Fns);
}

void TableBuilder::emitTable(const std::string &Comdat,
                             ArrayRef<const FunctionRecord *> Fns) {
  MCStreamer &OS = *AP.OutStreamer;
  MCContext &Ctx = AP.OutContext;
  Pool P;
  SmallVector<uint32_t, 32> Live;
  uint64_t NumCS = 0;
  for (const FunctionRecord *FR : Fns)
    for (const auto &CS : FR->CallSites) {
      Live.push_back(CS.second.empty() ? 0 : P.descriptor(CS.second));
      ++NumCS;
    }
  const std::vector<uint32_t> &PoolWords = P.words();
  uint64_t Body = 32 + 16 * Fns.size() + 8 * NumCS + 4 * PoolWords.size();
  uint64_t Size = alignTo(Body, 8);

  // No leading dot: the linker defines __start_go_stackmap and
  // __stop_go_stackmap around the output section. SHF_GNU_RETAIN: nothing
  // refers to the tables but the runtime's __start_/__stop_ symbols, which
  // lld's --gc-sections (-z start-stop-gc, its default) does not count, so
  // without the flag lld drops every table.
  unsigned Flags = ELF::SHF_ALLOC | ELF::SHF_GNU_RETAIN;
  MCSection *Sec =
      Comdat.empty()
          ? Ctx.getELFSection("go_stackmap", ELF::SHT_PROGBITS, Flags)
          : Ctx.getELFSection("go_stackmap", ELF::SHT_PROGBITS,
                              Flags | ELF::SHF_GROUP, 0, Comdat,
                              /*IsComdat=*/true);
  OS.switchSection(Sec);
  OS.emitValueToAlignment(Align(8));
  OS.emitInt32(0x4D534F47); // "GOSM"
  OS.emitInt16(1);          // version
  OS.emitInt16(32);         // header_size
  OS.emitInt32(uint32_t(Size));
  OS.emitInt32(uint32_t(Fns.size()));
  OS.emitInt32(uint32_t(NumCS));
  OS.emitInt32(uint32_t(PoolWords.size()));
  OS.emitInt32(0);
  OS.emitInt32(0);

  uint32_t FirstCS = 0;
  for (const FunctionRecord *FRP : Fns) {
    const FunctionRecord &FR = *FRP;
    // start = entry - address of this field, a 32-bit PC-relative value.
    // `f - .` would be a relocation against the function's symbol, which a
    // shared library may not hold for a preemptible (default-visibility)
    // global: "relocation R_X86_64_PC32 cannot be used against symbol". So
    // go through the first call site's return label, a local symbol in the
    // same section as f: (label - .) - (label - f). The assembler folds
    // (label - f) to a constant and relocates against the section instead.
    MCSymbol *Here = Ctx.createTempSymbol("go_stackmap_fn");
    OS.emitLabel(Here);
    const MCExpr *HereRef = MCSymbolRefExpr::create(Here, Ctx);
    const MCExpr *Start = nullptr;
    const auto *RetOff = dyn_cast<MCBinaryExpr>(FR.CallSites.front().first);
    if (RetOff && RetOff->getOpcode() == MCBinaryExpr::Sub &&
        isa<MCSymbolRefExpr>(RetOff->getLHS()))
      Start = MCBinaryExpr::createSub(
          MCBinaryExpr::createSub(RetOff->getLHS(), HereRef, Ctx), RetOff, Ctx);
    else
      Start = MCBinaryExpr::createSub(MCSymbolRefExpr::create(FR.Sym, Ctx),
                                      HereRef, Ctx);
    OS.emitValue(Start, 4);
    OS.emitInt32(uint32_t(FR.FrameSize));
    OS.emitInt32(FirstCS);
    OS.emitInt32(uint32_t(FR.CallSites.size()));
    FirstCS += FR.CallSites.size();
  }
  // Call sites in emission order, which is address order within a function.
  size_t I = 0;
  for (const FunctionRecord *FR : Fns)
    for (const auto &CS : FR->CallSites) {
      OS.emitValue(CS.first, 4);
      OS.emitInt32(Live[I++]);
    }
  for (uint32_t W : PoolWords)
    OS.emitInt32(W);
  if (Size > Body)
    OS.emitZeros(Size - Body);
}

bool GoStackMapPrinter::emitStackMaps(StackMaps &SM, AsmPrinter &AP) {
  if (StackMapFormatOpt == StackMapFormat::LLVM)
    return false;
  // Nothing to describe: emit neither format.
  if (SM.getCSInfos().empty())
    return true;
  TableBuilder B(AP);
  if (!B.build(SM))
    // The error is reported; claim the stack maps so that LLVM does not
    // write a .llvm_stackmaps nobody asked for.
    return true;
  B.emit();
  // Records of other functions (another GC strategy, or stackmap and
  // patchpoint intrinsics without one) still need LLVM's section.
  return !B.hasOtherRecords();
}

} // namespace

namespace gollc {
void linkGoStackMapPrinter() {}
} // namespace gollc

static GCMetadataPrinterRegistry::Add<GoStackMapPrinter>
    RegisterGoStackMapPrinter(gollc::GoGCName, "Go: the go_stackmap section");
