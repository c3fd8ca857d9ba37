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
// and LLVM writes its standard v3 section; with -go-stackmap-format=gollvm
// it writes, instead of go_stackmap, one LSDA per function in the layout
// Gollvm's libgo reads (docs/StackMapFormat.md, "The gollvm format"), which
// an AsmPrinterHandler hooks into each function's FDE while it is emitted.
//
// Every live location becomes a word index relative to the stack pointer at
// the call (or, in a realigned frame, for an incoming fixed object, relative
// to the frame's CFA): an Indirect gc-live location (a spilled GC pointer)
// is one word per 8 bytes; a stack object, which the "deopt" bundle carries
// as `ptr %alloca` (one Direct location) followed by its layout constants,
// is the object's pointer words. Anything the format cannot describe (a
// pointer in a register, a location below the frame pointer of a frame of
// variable size, another target) is an error naming the function.
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
#include "llvm/BinaryFormat/Dwarf.h"
#include "llvm/BinaryFormat/ELF.h"
#include "llvm/CodeGen/AsmPrinter.h"
#include "llvm/CodeGen/AsmPrinterHandler.h"
#include "llvm/CodeGen/GCMetadataPrinter.h"
#include "llvm/CodeGen/MachineModuleInfo.h"
#include "llvm/CodeGen/StackMaps.h"
#include "llvm/CodeGen/TargetOpcodes.h"
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
#include "llvm/Support/LEB128.h"
#include "llvm/Target/TargetLoweringObjectFile.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Triple.h"

#include <map>
#include <tuple>
#include <mutex>
#include <optional>

using namespace llvm;

namespace {

enum class StackMapFormat { Go, LLVM, Gollvm };

cl::opt<StackMapFormat> StackMapFormatOpt(
    "go-stackmap-format",
    cl::desc("Stack maps of gc \"go\" functions: the go_stackmap section or "
             "LLVM's .llvm_stackmaps"),
    cl::init(StackMapFormat::Go),
    cl::values(clEnumValN(StackMapFormat::Go, "go",
                          "go_stackmap (docs/StackMapFormat.md, default)"),
               clEnumValN(StackMapFormat::LLVM, "llvm",
                          "LLVM's standard .llvm_stackmaps v3 section"),
               clEnumValN(StackMapFormat::Gollvm, "gollvm",
                          "per-function LSDAs that Gollvm's libgo reads "
                          "(docs/StackMapFormat.md, \"The gollvm format\")")),
    cl::cat(gollc::goLoweringCategory()));

// DWARF register numbers of x86-64 (System V psABI, figure 3.36).
constexpr uint16_t DwarfRBP = 6;
constexpr uint16_t DwarfRSP = 7;

/// frame_size of a frame whose size is not a constant (docs/StackMapFormat.md).
constexpr uint32_t FrameVariable = 0xFFFFFFFF;

/// The live words of one call site: relative to sp, and relative to the
/// frame's CFA (only used in frames of variable size).
struct LiveSet {
  std::vector<uint32_t> SP, CFA;
  bool operator<(const LiveSet &O) const {
    return std::tie(SP, CFA) < std::tie(O.SP, O.CFA);
  }
  bool empty() const { return SP.empty() && CFA.empty(); }
};

/// One function's record, before emission.
struct FunctionRecord {
  const MCSymbol *Sym = nullptr;
  /// The label the AsmPrinter puts after the function's last instruction.
  const MCSymbol *End = nullptr;
  uint32_t FrameSize = 0; // FrameVariable: realigned (or dynamic) frame
  /// The COMDAT group of the function's code, "" if none.
  std::string Comdat;
  /// Per call site: the return offset expression and the live word indices.
  SmallVector<std::pair<const MCExpr *, LiveSet>, 8> CallSites;
};

/// The live-slot pool of one table: index 0 is the empty descriptor,
/// identical descriptors are shared.
class Pool {
public:
  uint32_t descriptor(const LiveSet &Live);
  const std::vector<uint32_t> &words() const { return Words; }

private:
  void part(const std::vector<uint32_t> &Live);
  std::vector<uint32_t> Words = {0, 0};
  std::map<LiveSet, uint32_t> Index = {{LiveSet(), 0}};
};

/// Function symbol -> the AsmPrinter's end-of-function label, recorded by
/// FunctionEnds while the functions are emitted (the StackMaps records
/// reach the printer only at the end of the module).
using FunctionEndMap = DenseMap<const MCSymbol *, const MCSymbol *>;

/// The gollvm format: where a function's LSDA goes. The FDE's pointer to it
/// must be set while the function's CFI is open; its contents come from the
/// StackMaps records at the end of the module.
struct LSDAPlace {
  MCSymbol *Label = nullptr;
  MCSection *Section = nullptr;
};
using LSDAMap = DenseMap<const MCSymbol *, LSDAPlace>;

/// libgo's personality routine for Go functions without landing pads: it
/// always continues unwinding (Gollvm gives it to such functions so that
/// they can have an LSDA at all).
constexpr const char *DummyPersonality = "__gccgo_personality_dummy";

/// Reports a problem of function Name as one error line (see TableBuilder).
void reportFunctionError(AsmPrinter &AP, StringRef Name, const Twine &Msg) {
  std::string Full = ("go_stackmap: function '" + Name + "': " + Msg).str();
  // Through the LLVMContext, as an error diagnostic: llc and go-llc print it
  // as one line and fail, without the "<unknown>:0:" of an MC error.
  if (AP.MMI && AP.MMI->getModule())
    AP.MMI->getModule()->getContext().emitError(Full);
  else
    AP.OutContext.reportError(SMLoc(), Full);
}

class FunctionEnds : public AsmPrinterHandler {
public:
  /// LSDAs is null unless the format is gollvm.
  FunctionEnds(AsmPrinter &AP, FunctionEndMap &Ends, LSDAMap *LSDAs)
      : AP(AP), Ends(Ends), LSDAs(LSDAs) {}
  void endModule() override {}
  void beginFunction(const MachineFunction *) override {}
  void endBasicBlockSection(const MachineBasicBlock &MBB) override {
    if (LSDAs && &MBB == &MBB.getParent()->back())
      pointFDEToLSDA();
  }
  void endFunction(const MachineFunction *) override {
    if (AP.getFunctionEnd())
      Ends[AP.CurrentFnSym] = AP.getFunctionEnd();
  }
  /// Whether some FDE names __gccgo_personality_dummy through DW.ref.
  bool usesDummyPersonalityRef() const { return DummyRef; }
  /// Whether a function was refused (and reported) here.
  bool reportedError() const { return Reported; }

private:
  void pointFDEToLSDA();
  AsmPrinter &AP;
  FunctionEndMap &Ends;
  LSDAMap *LSDAs;
  bool DummyRef = false;
  bool Reported = false;
};

/// Gives the FDE of a gc "go" function with safepoints a personality and a
/// pointer to the LSDA the printer writes at the end of the module. It runs
/// when the function's last block ends: this handler comes before LLVM's
/// DwarfCFIException in the AsmPrinter's list (at the first block it would
/// run before .cfi_startproc), and DwarfCFIException closes the FDE
/// (.cfi_endproc) right there. So this is inside the FDE and after LLVM's
/// own .cfi_personality/.cfi_lsda of a function with a personality
/// routine, which these replace (the last directive wins).
void FunctionEnds::pointFDEToLSDA() {
  const MachineFunction &MF = *AP.MF;
  const Function &F = MF.getFunction();
  if (!F.hasGC() || F.getGC() != gollc::GoGCName)
    return;
  bool HasStatepoint = false;
  for (const MachineBasicBlock &MBB : MF)
    for (const MachineInstr &MI : MBB)
      HasStatepoint |= MI.getOpcode() == TargetOpcode::STATEPOINT;
  if (!HasStatepoint)
    return;
  // LLVM's EH emitter writes the LSDA of a function with landing pads from
  // its invokes; its call sites would need the stack maps as catch clauses
  // of real landing pads (what Gollvm does), which go-llc does not build.
  if (!MF.getLandingPads().empty()) {
    Reported = true;
    return reportFunctionError(
        AP, F.getName(),
        "has landing pads (invoke); the gollvm format supports only "
        "functions without them (use -go-stackmap-format=go)");
  }
  // libgo finds the LSDA through the function's FDE in .eh_frame
  // (beginAssembly asks for one with uwtable; -exception-model=none or a
  // target without DWARF CFI still has none).
  if (AP.getFunctionCFISectionType(MF) != AsmPrinter::CFISection::EH) {
    Reported = true;
    return reportFunctionError(
        AP, F.getName(),
        "has no .eh_frame entry; the gollvm format reaches the LSDA only "
        "through one");
  }
  const TargetLoweringObjectFile &TLOF = AP.getObjFileLowering();
  unsigned PerEnc = TLOF.getPersonalityEncoding();
  MCSymbol *Per = nullptr;
  const auto *PerGV =
      F.hasPersonalityFn()
          ? dyn_cast<GlobalValue>(F.getPersonalityFn()->stripPointerCasts())
          : nullptr;
  if (PerGV) {
    // LLVM has emitted this personality for the function already (and will
    // emit its DW.ref cell): keep it.
    Per = TLOF.getCFIPersonalitySymbol(PerGV, AP.TM, AP.MMI);
  } else {
    Per = AP.OutContext.getOrCreateSymbol(DummyPersonality);
    if ((PerEnc & 0x80) == dwarf::DW_EH_PE_indirect) {
      Per = AP.OutContext.getOrCreateSymbol(Twine("DW.ref.") +
                                            DummyPersonality);
      DummyRef = true;
    }
  }
  AP.OutStreamer->emitCFIPersonality(Per, PerEnc);
  MCSymbol *L = AP.OutContext.createTempSymbol("go_lsda");
  AP.OutStreamer->emitCFILsda(L, TLOF.getLSDAEncoding());
  (*LSDAs)[AP.CurrentFnSym] = {
      L, TLOF.getSectionForLSDA(F, *AP.CurrentFnSym, AP.TM)};
}

class GoStackMapPrinter : public GCMetadataPrinter {
public:
  void beginAssembly(Module &M, GCModuleInfo &Info, AsmPrinter &AP) override;
  bool emitStackMaps(StackMaps &SM, AsmPrinter &AP) override;

private:
  FunctionEndMap Ends;
  LSDAMap LSDAs;
  FunctionEnds *Handler = nullptr;
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
  // code_size needs each function's end label, which only exists while the
  // function is emitted.
  // libgo reaches a function's LSDA through its FDE, and LLVM gives a
  // function that cannot unwind (FunctionAttrs infers nounwind at -O2) no
  // FDE unless it asks for an unwind table. So every gc "go" function
  // does, before any reaches the machine passes.
  if (StackMapFormatOpt == StackMapFormat::Gollvm)
    for (Function &F : M)
      if (!F.isDeclaration() && F.hasGC() && F.getGC() == gollc::GoGCName &&
          !F.hasUWTable())
        F.setUWTableKind(UWTableKind::Default);
  auto H = std::make_unique<FunctionEnds>(
      AP, Ends, StackMapFormatOpt == StackMapFormat::Gollvm ? &LSDAs : nullptr);
  Handler = H.get();
  AP.addAsmPrinterHandler(std::move(H));
}

/// Builds the records of one module, reporting the first problem.
class TableBuilder {
public:
  TableBuilder(AsmPrinter &AP, const FunctionEndMap &Ends)
      : AP(AP), Ends(Ends) {}

  /// Returns false after reporting an error.
  bool build(StackMaps &SM);
  /// Whether some records belong to functions that are not gc "go".
  bool hasOtherRecords() const { return OtherRecords; }
  void emit();
  /// The gollvm format: one LSDA per function, at the places the handler
  /// recorded. Returns false after reporting an error.
  /// Quiet: a missing LSDA of a function the handler refused already.
  bool emitGollvm(const LSDAMap &LSDAs, bool Quiet);
  void emitTable(const std::string &Comdat,
                 ArrayRef<const FunctionRecord *> Fns);

private:
  bool error(const MCSymbol *Fn, const Twine &Msg);
  bool addCallSite(FunctionRecord &FR, const StackMaps::CallsiteInfo &CSI);
  std::optional<int64_t> constantValue(const FunctionRecord &FR,
                                       const StackMaps::CallsiteInfo &CSI,
                                       unsigned LocIdx);
  /// Where a stack location is: relative to sp (IsCFA false) or to the
  /// frame's CFA, in bytes.
  struct SlotAt {
    bool IsCFA = false;
    int64_t Off = 0;
  };
  std::optional<SlotAt> stackOffset(const FunctionRecord &FR,
                                         const StackMaps::CallsiteInfo &CSI,
                                         const StackMaps::Location &L);
  const Function *irFunction(const MCSymbol *Sym);

  AsmPrinter &AP;
  const FunctionEndMap &Ends;
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
  reportFunctionError(AP, Name, Msg);
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

/// The offset of a stack location from the stack pointer at the call, or,
/// for a %rbp-relative location in a frame of variable size, from the CFA.
std::optional<TableBuilder::SlotAt>
TableBuilder::stackOffset(const FunctionRecord &FR,
                          const StackMaps::CallsiteInfo &CSI,
                          const StackMaps::Location &L) {
  if (L.Reg == DwarfRSP)
    return SlotAt{false, int64_t(L.Offset)};
  if (L.Reg == DwarfRBP) {
    // With a frame pointer the prologue is `push %rbp; mov %rsp, %rbp`, then
    // the rest of the frame: %rbp sits 16 bytes below the CFA.
    if (FR.FrameSize != FrameVariable)
      // ... and %rsp at the call FrameSize + 8 bytes below it (FrameSize
      // counts the pushed %rbp), so %rbp = %rsp + FrameSize - 8.
      return SlotAt{false, int64_t(L.Offset) + int64_t(FR.FrameSize) - 8};
    // A realigned frame: the distance from %rsp to %rbp is not a constant,
    // but LLVM addresses only fixed objects (incoming arguments) through
    // %rbp there, and those lie above the return address.
    if (L.Offset >= 16)
      return SlotAt{true, int64_t(L.Offset) - 16};
    error(FR.Sym, "statepoint " + Twine(CSI.ID) +
                      ": a live stack location at %rbp" + Twine(L.Offset) +
                      " lies below the frame pointer of a frame of variable "
                      "size (dynamic alloca?); the go format cannot place it");
    return std::nullopt;
  }
  error(FR.Sym, "statepoint " + Twine(CSI.ID) +
                    " has a stack location relative to DWARF register " +
                    Twine(L.Reg) + ", neither %rsp nor %rbp");
  return std::nullopt;
}

void Pool::part(const std::vector<uint32_t> &Live) {
  uint32_t N = Live.empty() ? 0 : Live.back() + 1;
  Words.push_back(N);
  size_t First = Words.size();
  Words.resize(First + (uint64_t(N) + 31) / 32, 0);
  for (uint32_t K : Live)
    Words[First + K / 32] |= 1u << (K % 32);
}

uint32_t Pool::descriptor(const LiveSet &Live) {
  auto [It, New] = Index.try_emplace(Live, 0);
  if (New) {
    It->second = uint32_t(Words.size());
    part(Live.SP);
    part(Live.CFA);
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

  LiveSet Live;
  auto Mark = [&](const SlotAt &At) {
    if (At.Off < 0 || At.Off % 8 != 0 || At.Off / 8 >= UINT32_MAX)
      return Fail(Twine("live stack word at ") + (At.IsCFA ? "cfa" : "sp") +
                  (At.Off < 0 ? "" : "+") + Twine(At.Off) +
                  " is not an 8-byte aligned word above " +
                  (At.IsCFA ? "the CFA" : "the stack pointer"));
    (At.IsCFA ? Live.CFA : Live.SP).push_back(uint32_t(At.Off / 8));
    return true;
  };

  // The deopt operands, one location each (docs/IRContract.md): NumObjects,
  // then per object the alloca (a Direct location), SizeInWords and
  // ceil(SizeInWords / 64) bitmap words. Positional: nothing is guessed.
  size_t DeoptEnd = 3 + NumDeopt;
  size_t P = 3;
  auto Layout = [&](const Twine &Msg) {
    return Fail("malformed stack-object layout in the deopt bundle: " + Msg +
                " (expected i64 NumObjects, then per object `ptr %alloca`, "
                "i64 SizeInWords, bitmap words; docs/IRContract.md)");
  };
  auto Const = [&](const Twine &What) -> std::optional<int64_t> {
    if (P >= DeoptEnd) {
      Layout("it ends before " + What);
      return std::nullopt;
    }
    std::optional<int64_t> V = constantValue(FR, CSI, P);
    if (!V && !HadError)
      Layout("deopt operand " + Twine(P - 3) + " (" + What +
             ") is not a constant");
    ++P;
    return V;
  };
  uint64_t NumObjects = 0;
  if (NumDeopt) {
    std::optional<int64_t> N = Const("NumObjects");
    if (!N)
      return false;
    if (*N < 0 || uint64_t(*N) > NumDeopt)
      return Layout("NumObjects is " + Twine(*N));
    NumObjects = uint64_t(*N);
  }
  for (uint64_t O = 0; O < NumObjects; ++O) {
    if (P >= DeoptEnd)
      return Layout("it ends before stack object " + Twine(O));
    const StackMaps::Location &L = Locs[P++];
    if (L.Type != StackMaps::Location::Direct)
      return Layout("stack object " + Twine(O) + " (deopt operand " +
                    Twine(P - 4) +
                    ") is not a Direct stack location: is it a static "
                    "alloca?");
    std::optional<SlotAt> Base = stackOffset(FR, CSI, L);
    if (!Base)
      return false;
    std::optional<int64_t> Words = Const("SizeInWords of stack object " +
                                         Twine(O));
    if (!Words)
      return false;
    if (*Words <= 0 || *Words > (int64_t(1) << 28))
      return Layout("stack object " + Twine(O) + " has SizeInWords " +
                    Twine(*Words));
    for (int64_t W0 = 0; W0 < *Words; W0 += 64) {
      std::optional<int64_t> Bits =
          Const("bitmap word " + Twine(W0 / 64) + " of stack object " +
                Twine(O));
      if (!Bits)
        return false;
      uint64_t B = uint64_t(*Bits);
      if (*Words - W0 < 64 && (B >> (*Words - W0)) != 0)
        return Layout("stack object " + Twine(O) +
                      " has bitmap bits beyond its " + Twine(*Words) +
                      " words");
      for (unsigned K = 0; K < 64; ++K)
        if ((B >> K) & 1)
          if (!Mark({Base->IsCFA, Base->Off + 8 * (W0 + K)}))
            return false;
    }
  }
  if (P != DeoptEnd)
    return Layout(Twine(DeoptEnd - P) + " operand(s) after the last object");

  // Then the gc-live locations, SSA pointer values only: a (base, derived)
  // pair per gc.relocate, and LLVM may list a value that lowered to a frame
  // index once more at the end. Indirect: a spill slot to mark; Direct: a
  // stack address, not a heap root; Constant: nothing; Register: the format
  // cannot describe it.
  for (size_t I = DeoptEnd; I < Locs.size(); ++I) {
    const StackMaps::Location &L = Locs[I];
    switch (L.Type) {
    case StackMaps::Location::Indirect: {
      // A spill slot holding the pointer (or a vector of pointers).
      std::optional<SlotAt> At = stackOffset(FR, CSI, L);
      if (!At)
        return false;
      if (L.Size == 0 || L.Size % 8 != 0)
        return Fail("spill slot of " + Twine(L.Size) +
                    " bytes is not made of 8-byte words");
      for (unsigned B = 0; B < L.Size; B += 8)
        if (!Mark({At->IsCFA, At->Off + B}))
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
  for (std::vector<uint32_t> *V : {&Live.SP, &Live.CFA}) {
    llvm::sort(*V);
    V->erase(std::unique(V->begin(), V->end()), V->end());
  }
  FR.CallSites.push_back({CSI.CSOffsetExpr, std::move(Live)});
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
    FR.End = Ends.lookup(Sym);
    if (!FR.End)
      return error(Sym, "no end-of-function label was recorded for the "
                        "function (is it emitted by this AsmPrinter?)");
    // LLVM reports UINT64_MAX for a realigned frame (and for a dynamic
    // alloca): the walker finds the return address through the frame
    // pointer, and live words are sp- or CFA-relative (stackOffset).
    if (FI.StackSize != UINT64_MAX && FI.StackSize >= FrameVariable)
      return error(Sym, "frame of " + Twine(FI.StackSize) +
                            " bytes is too large for the go format");
    FR.FrameSize =
        FI.StackSize == UINT64_MAX ? FrameVariable : uint32_t(FI.StackSize);
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
  uint64_t Body = 32 + 24 * Fns.size() + 8 * NumCS + 4 * PoolWords.size();
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
  OS.emitInt16(2);          // version
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
    // code_size: end label minus entry, both in the function's section, so
    // the assembler folds it to a constant.
    OS.emitValue(MCBinaryExpr::createSub(MCSymbolRefExpr::create(FR.End, Ctx),
                                         MCSymbolRefExpr::create(FR.Sym, Ctx),
                                         Ctx),
                 4);
    OS.emitInt32(FR.FrameSize);
    OS.emitInt32(FirstCS);
    OS.emitInt32(uint32_t(FR.CallSites.size()));
    OS.emitInt32(0); // reserved
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

/// The sentinel libgo's findstackmaps expects as the type info of a Go
/// function's first call-site entry: "GO..FUNC" as a little-endian u64.
constexpr uint64_t GoFuncSentinel = 0x434e55462e2e4f47ULL;

bool TableBuilder::emitGollvm(const LSDAMap &LSDAs, bool Quiet) {
  MCStreamer &OS = *AP.OutStreamer;
  MCContext &Ctx = AP.OutContext;
  for (const FunctionRecord &FR : Functions) {
    LSDAPlace Place = LSDAs.lookup(FR.Sym);
    // Refused and reported already; the others' FDEs name their LSDA
    // labels, which must still be defined.
    if (!Place.Label && Quiet)
      continue;
    if (!Place.Label)
      return error(FR.Sym, "its FDE was given no LSDA (was it emitted by "
                           "this AsmPrinter?)");
    // One stack map per distinct live set: {u32 nwords; u8 bits[]}, words
    // counted up from the frame's sp at the call (what libgo's unwinder
    // reports as the CFA of the callee's context). A word above the return
    // address (a cfa word) is sp + frame_size + 8 + 8k in a fixed frame.
    std::map<std::vector<uint32_t>, unsigned> MapIndex; // -> type index
    std::vector<const std::vector<uint32_t> *> Maps;    // type index - 2
    SmallVector<unsigned, 16> CallSiteType;
    for (const auto &[Expr, Live] : FR.CallSites) {
      std::vector<uint32_t> Words = Live.SP;
      if (!Live.CFA.empty()) {
        if (FR.FrameSize == FrameVariable)
          return error(FR.Sym,
                       "a live word above the return address of a frame "
                       "of variable size has no place in the gollvm "
                       "format (its words count from sp only)");
        for (uint32_t K : Live.CFA)
          Words.push_back((FR.FrameSize + 8) / 8 + K);
        llvm::sort(Words);
        Words.erase(std::unique(Words.begin(), Words.end()), Words.end());
      }
      auto [It, New] = MapIndex.try_emplace(Words, 0);
      if (New) {
        It->second = unsigned(Maps.size()) + 2; // 1 is the sentinel
        Maps.push_back(&It->first);
      }
      CallSiteType.push_back(It->second);
    }
    unsigned NumTypes = unsigned(Maps.size()) + 1;
    // Action records: one per type index t, {sleb t, sleb 0 (no next)};
    // a call site names the one of its type by offset + 1.
    SmallVector<uint64_t, 16> ActionOf(NumTypes + 1, 0);
    uint64_t Off = 0;
    for (unsigned T = 1; T <= NumTypes; ++T) {
      ActionOf[T] = Off + 1;
      Off += getSLEB128Size(T) + 1;
    }

    OS.switchSection(Place.Section);
    OS.emitValueToAlignment(Align(4));
    OS.emitLabel(Place.Label);
    OS.emitInt8(dwarf::DW_EH_PE_omit); // @LPStart: the function's start
    // Type infos are 4-byte offsets from themselves to data in this same
    // section: no relocation, no DW.ref indirection, PIC or not.
    OS.emitInt8(dwarf::DW_EH_PE_pcrel | dwarf::DW_EH_PE_sdata4);
    MCSymbol *TTBase = Ctx.createTempSymbol("go_lsda_ttbase");
    MCSymbol *TTRef = Ctx.createTempSymbol("go_lsda_ttref");
    AP.emitLabelDifferenceAsULEB128(TTBase, TTRef);
    OS.emitLabel(TTRef);
    OS.emitInt8(dwarf::DW_EH_PE_uleb128);
    MCSymbol *CSBegin = Ctx.createTempSymbol("go_lsda_cs");
    MCSymbol *CSEnd = Ctx.createTempSymbol("go_lsda_cs_end");
    AP.emitLabelDifferenceAsULEB128(CSEnd, CSBegin);
    OS.emitLabel(CSBegin);
    // The first entry only marks a Go function (libgo skips its range):
    // empty, at the entry, no landing pad, action -> the sentinel.
    OS.emitULEB128IntValue(0);
    OS.emitULEB128IntValue(0);
    OS.emitULEB128IntValue(0);
    OS.emitULEB128IntValue(ActionOf[1]);
    // Per call site, in code order (sorted, as the format requires): the
    // one byte before the return address, which is what a lookup with
    // ra - 1 hits; no landing pad, so a personality routine unwinds on.
    for (size_t I = 0; I < FR.CallSites.size(); ++I) {
      OS.emitULEB128Value(MCBinaryExpr::createSub(
          FR.CallSites[I].first, MCConstantExpr::create(1, Ctx), Ctx));
      OS.emitULEB128IntValue(1);
      OS.emitULEB128IntValue(0);
      OS.emitULEB128IntValue(ActionOf[CallSiteType[I]]);
    }
    OS.emitLabel(CSEnd);
    for (unsigned T = 1; T <= NumTypes; ++T) {
      OS.emitSLEB128IntValue(T);
      OS.emitSLEB128IntValue(0);
    }
    // The type table grows down from TTBase: index t at TTBase - 4t.
    MCSymbol *Sentinel = Ctx.createTempSymbol("go_lsda_sentinel");
    SmallVector<MCSymbol *, 16> MapSyms;
    for (size_t M = 0; M < Maps.size(); ++M)
      MapSyms.push_back(Ctx.createTempSymbol("go_lsda_map"));
    OS.emitValueToAlignment(Align(4));
    for (unsigned T = NumTypes; T >= 1; --T) {
      MCSymbol *Here = Ctx.createTempSymbol();
      OS.emitLabel(Here);
      MCSymbol *Target = T == 1 ? Sentinel : MapSyms[T - 2];
      OS.emitValue(
          MCBinaryExpr::createSub(MCSymbolRefExpr::create(Target, Ctx),
                                  MCSymbolRefExpr::create(Here, Ctx), Ctx),
          4);
    }
    OS.emitLabel(TTBase);
    OS.emitValueToAlignment(Align(8));
    OS.emitLabel(Sentinel);
    OS.emitInt64(GoFuncSentinel);
    for (size_t M = 0; M < Maps.size(); ++M) {
      const std::vector<uint32_t> &Words = *Maps[M];
      uint32_t N = Words.empty() ? 0 : Words.back() + 1;
      SmallVector<uint8_t, 16> Bits((N + 7) / 8, 0);
      for (uint32_t K : Words)
        Bits[K / 8] |= uint8_t(1u << (K % 8));
      OS.emitValueToAlignment(Align(4));
      OS.emitLabel(MapSyms[M]);
      OS.emitInt32(N);
      for (uint8_t B : Bits)
        OS.emitInt8(B);
    }
  }
  return true;
}

bool GoStackMapPrinter::emitStackMaps(StackMaps &SM, AsmPrinter &AP) {
  if (StackMapFormatOpt == StackMapFormat::LLVM)
    return false;
  // Nothing to describe: emit neither format.
  if (SM.getCSInfos().empty())
    return true;
  TableBuilder B(AP, Ends);
  if (!B.build(SM)) {
    // The error is reported; claim the stack maps so that LLVM does not
    // write a .llvm_stackmaps nobody asked for. The FDEs of the gollvm
    // format name LSDA labels, which must be defined (empty) so that the
    // error stays the only one.
    for (const auto &[Fn, Place] : LSDAs)
      if (!Place.Label->isDefined()) {
        AP.OutStreamer->switchSection(Place.Section);
        AP.OutStreamer->emitLabel(Place.Label);
      }
    return true;
  }
  if (StackMapFormatOpt == StackMapFormat::Gollvm) {
    if (!B.emitGollvm(LSDAs, Handler && Handler->reportedError()))
      return true;
    // The FDEs of PIC code name the dummy personality through a DW.ref
    // cell, as LLVM does for the personalities it emits itself.
    if (Handler && Handler->usesDummyPersonalityRef())
      AP.getObjFileLowering().emitPersonalityValue(
          *AP.OutStreamer, AP.getDataLayout(),
          AP.OutContext.getOrCreateSymbol(DummyPersonality));
  } else {
    B.emit();
  }
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
