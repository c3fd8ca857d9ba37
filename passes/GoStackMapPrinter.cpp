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
// The format itself is lib/StackMapFormat's: stackmap::decodeStatepoint
// turns each record into live words (spill slots, the "deopt" bundle's
// stack objects, %rsp/%rbp placement) and stackmap::writeTable lays out the
// table, through an MCTableSink that emits the entry, code size and return
// offsets as MC expressions. What stays here is what only the AsmPrinter
// knows: function end labels, COMDAT groups, the IR behind a large
// constant, the section, and the gollvm LSDAs. Anything the format cannot
// describe (a pointer in a register, a location below the frame pointer of
// a frame of variable size, another target) is an error naming the
// function.
//
//   llc -load=$PWD/build/lib/GoPasses.so -filetype=obj f.ll -o f.o
//   build/bin/go-stackmap-dump f.o
//
//===----------------------------------------------------------------------===//

#include "gollc/FaultingAccesses.h"
#include "gollc/GoIR.h"
#include "gollc/PassRegistry.h"
#include "gollc/StackMapFormat.h"

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

using gollc::stackmap::FrameVariable;

/// One function's record, before emission.
struct FunctionRecord {
  const MCSymbol *Sym = nullptr;
  /// The label the AsmPrinter puts after the function's last instruction.
  const MCSymbol *End = nullptr;
  /// The COMDAT group of the function's code, "" if none.
  std::string Comdat;
  /// Its frame size and, per call site, the live words; entry, code size
  /// and return offsets are left to the MC expressions.
  gollc::stackmap::Function Fn;
  /// Per call site: the return offset expression (StackMaps' CSOffsetExpr),
  /// or for a faulting access its own offset.
  SmallVector<const MCExpr *, 8> RetOffsets;
  /// Per call site: whether it is a faulting access (an implicit nil
  /// check) rather than a call.
  SmallVector<bool, 8> Faults;
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

/// An implicit nil check of a gc "go" function (gollvm format): the label
/// at its faulting access, and how many statepoints come before it in the
/// function's code (the StackMaps records of a function are in code order).
struct FaultSite {
  unsigned StatepointsBefore = 0;
  MCSymbol *Label = nullptr;
};
using FaultMap = DenseMap<const MCSymbol *, SmallVector<FaultSite, 4>>;

/// The gollvm format's view of a function with landing pads: each invoke's
/// range (the EH labels LLVM puts around its call), in code order, with its
/// landing pad, its clauses (LLVM's type ids: 0 a cleanup, t > 0 a catch of
/// type info t, negative a filter) and the statepoints inside it.
struct InvokeRange {
  MCSymbol *Begin = nullptr;
  MCSymbol *End = nullptr;
  MCSymbol *Pad = nullptr;
  std::vector<int> TypeIds;
  /// Indices among the function's statepoints, in code order.
  SmallVector<unsigned, 2> Statepoints;
};
struct FunctionEH {
  /// The call sites outside invokes and the invoke ranges, in code order:
  /// {false, statepoint index} or {true, range index}.
  SmallVector<std::pair<bool, unsigned>, 16> Order;
  SmallVector<InvokeRange, 4> Ranges;
  /// The function's type infos, type id t at t - 1 (null: catch all).
  std::vector<const GlobalValue *> TypeInfos;
  /// Its personality routine's name ("" if it is not a named function).
  std::string Personality;
  unsigned NumStatepoints = 0;
};
using EHMap = DenseMap<const MCSymbol *, FunctionEH>;

/// libgo's personality routine for Go functions without landing pads: it
/// always continues unwinding (Gollvm gives it to such functions so that
/// they can have an LSDA at all).
constexpr const char *DummyPersonality = "__gccgo_personality_dummy";

/// libgo's personality routine for Go functions with landing pads.
constexpr const char *GollvmPersonality = "__gccgo_personality_v0";

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
  FunctionEnds(AsmPrinter &AP, FunctionEndMap &Ends, LSDAMap *LSDAs,
               FaultMap &Faults, EHMap &EH)
      : AP(AP), Ends(Ends), LSDAs(LSDAs), Faults(Faults), EH(EH) {}
  void endModule() override {}
  void beginFunction(const MachineFunction *MF) override;
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
  void recordInvokes(const MachineFunction &MF);
  AsmPrinter &AP;
  FunctionEndMap &Ends;
  LSDAMap *LSDAs;
  FaultMap &Faults;
  EHMap &EH;
  bool DummyRef = false;
  bool Reported = false;
};

/// Records where the faulting accesses of implicit nil checks are among
/// the statepoints (passes/FaultingAccesses.cpp put a label before each).
/// Only the gollvm format has entries for them: libgo's unwinder scans a
/// goroutine stopped in a panic through the signal frame, and looks the
/// interrupted pc up as it is. The go format is keyed by return addresses,
/// which frame-pointer walkers find; they do not cross signal frames, and a
/// faulting access right after a call would share its call's key
/// (docs/StackMapFormat.md).
void FunctionEnds::beginFunction(const MachineFunction *MF) {
  SmallVector<MCSymbol *, 4> Labels = gollc::takeFaultLabels(*MF);
  if (LSDAs && !MF->getLandingPads().empty())
    recordInvokes(*MF);
  if (Labels.empty() || !LSDAs)
    return;
  SmallVector<FaultSite, 4> Sites;
  unsigned Statepoints = 0;
  for (const MachineBasicBlock &MBB : *MF)
    for (const MachineInstr &MI : MBB) {
      if (MI.getOpcode() == TargetOpcode::STATEPOINT)
        ++Statepoints;
      if (MCSymbol *S = MI.getPreInstrSymbol())
        if (is_contained(Labels, S))
          Sites.push_back({Statepoints, S});
    }
  Faults[AP.getSymbol(&MF->getFunction())] = std::move(Sites);
}

/// Records the invokes of a function with landing pads (gollvm format): its
/// call-site table must send each invoke to its landing pad, as LLVM's own
/// LSDA would, besides giving each statepoint its stack map.
void FunctionEnds::recordInvokes(const MachineFunction &MF) {
  FunctionEH FE;
  FE.TypeInfos = MF.getTypeInfos();
  const Function &F = MF.getFunction();
  if (F.hasPersonalityFn())
    if (const auto *P =
            dyn_cast<Function>(F.getPersonalityFn()->stripPointerCasts()))
      FE.Personality = P->getName().str();
  // EH label -> (landing pad, index of the range among its ranges).
  DenseMap<const MCSymbol *, std::pair<const LandingPadInfo *, unsigned>>
      Begins;
  for (const LandingPadInfo &LP : MF.getLandingPads())
    for (unsigned I = 0; I < LP.BeginLabels.size(); ++I)
      Begins[LP.BeginLabels[I]] = {&LP, I};
  int Open = -1;
  for (const MachineBasicBlock &MBB : MF)
    for (const MachineInstr &MI : MBB) {
      if (MI.getOpcode() == TargetOpcode::STATEPOINT) {
        unsigned K = FE.NumStatepoints++;
        if (Open >= 0)
          FE.Ranges[Open].Statepoints.push_back(K);
        else
          FE.Order.push_back({false, K});
        continue;
      }
      if (MI.getOpcode() != TargetOpcode::EH_LABEL)
        continue;
      MCSymbol *L = MI.getOperand(0).getMCSymbol();
      if (Open >= 0 && L == FE.Ranges[Open].End) {
        Open = -1;
        continue;
      }
      auto It = Begins.find(L);
      if (It == Begins.end())
        continue;
      const LandingPadInfo &LP = *It->second.first;
      InvokeRange R;
      R.Begin = L;
      R.End = LP.EndLabels[It->second.second];
      R.Pad = LP.LandingPadLabel;
      R.TypeIds = LP.TypeIds;
      Open = int(FE.Ranges.size());
      FE.Order.push_back({true, unsigned(Open)});
      FE.Ranges.push_back(std::move(R));
    }
  EH[AP.getSymbol(&MF.getFunction())] = std::move(FE);
}

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
  FaultMap Faults;
  EHMap EH;
  FunctionEnds *Handler = nullptr;
};

/// x86's call-frame optimization (-no-x86-call-frame-opt) as one option
/// for the whole process, found by name: it lives inside libLLVM.
cl::opt<bool> *noCallFrameOptOption() {
  static cl::opt<bool> *O = gollc::libLLVMOption<bool>("no-x86-call-frame-opt");
  return O;
}

/// Turns off x86's call-frame optimization (-no-x86-call-frame-opt) for the
/// process. That optimization passes stack arguments with `push` instead of
/// `mov` into the reserved call frame, so at such a call the stack pointer
/// is below the function's fixed frame by the pushed bytes: the live words
/// are still recorded relative to it, but frame_size, one number per
/// function, would no longer lead from sp to the return address (a
/// nine-argument call at -O2 pushes three words). Called before any
/// function of the module reaches the machine passes (the AsmPrinter
/// creates its GC printers in doInitialization). Writes the option only if
/// it is not already set: go-llc sets it itself before a codegen that
/// needs it (gollc::setCallFrameOptimizationFor), so that several modules
/// can be compiled at once, and this never writes then.
void disableCallFrameOptimization() {
  cl::opt<bool> *O = noCallFrameOptOption();
  if (O && !O->getValue())
    O->setValue(true);
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
      AP, Ends, StackMapFormatOpt == StackMapFormat::Gollvm ? &LSDAs : nullptr,
      Faults, EH);
  Handler = H.get();
  AP.addAsmPrinterHandler(std::move(H));
}

/// The action table of one LSDA: records {filter, next}, each next an
/// earlier record (so its displacement is known when the record is laid
/// out), equal records shared.
class ActionTable {
public:
  /// The record {Filter, Next} (Next -1: the chain ends); its index.
  unsigned add(int64_t Filter, int Next) {
    auto [It, New] = Index.try_emplace({Filter, Next}, unsigned(Recs.size()));
    if (New)
      Recs.push_back({Filter, Next});
    return It->second;
  }
  /// A call site's action field for the chain starting at record R (-1:
  /// none): the record's offset + 1, or 0.
  uint64_t action(int R) const { return R < 0 ? 0 : Offsets[R] + 1; }
  void layout() {
    uint64_t Off = 0;
    for (const auto &[Filter, Next] : Recs) {
      Offsets.push_back(Off);
      uint64_t DispAt = Off + getSLEB128Size(Filter);
      Disps.push_back(Next < 0 ? 0 : int64_t(Offsets[Next]) - int64_t(DispAt));
      Off = DispAt + getSLEB128Size(Disps.back());
    }
  }
  void emit(MCStreamer &OS) const {
    for (size_t I = 0; I < Recs.size(); ++I) {
      OS.emitSLEB128IntValue(Recs[I].first);
      OS.emitSLEB128IntValue(Disps[I]);
    }
  }

private:
  std::vector<std::pair<int64_t, int>> Recs;
  std::map<std::pair<int64_t, int>, unsigned> Index;
  std::vector<uint64_t> Offsets;
  std::vector<int64_t> Disps;
};

/// One call-site entry: [Start, Start + Len) and its landing pad (null:
/// none), offsets from the function's start, and the first record of its
/// action chain (-1: none).
struct CallSiteEntry {
  const MCExpr *Start;
  const MCExpr *Len;
  const MCExpr *Pad;
  int Action;
};

/// Builds the records of one module, reporting the first problem.
class TableBuilder {
public:
  TableBuilder(AsmPrinter &AP, const FunctionEndMap &Ends,
               const FaultMap &Faults, const EHMap &EH)
      : AP(AP), Ends(Ends), Faults(Faults), EH(EH) {}

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
  /// The gollvm format's stack maps of one function: its distinct live
  /// sets (each one type of the LSDA) and the type of each call site.
  struct GollvmMaps {
    std::map<std::vector<uint32_t>, unsigned> MapIndex; // -> type index
    std::vector<const std::vector<uint32_t> *> Maps;    // type index - 2
    SmallVector<unsigned, 16> CallSiteType;
  };
  /// One stack map per distinct live set: {u32 nwords; u8 bits[]}, words
  /// counted up from the frame's sp at the call (what libgo's unwinder
  /// reports as the CFA of the callee's context). A word above the return
  /// address (a cfa word) is sp + frame_size + 8 + 8k in a fixed frame.
  /// Returns false after reporting an error.
  bool gollvmMaps(const FunctionRecord &FR, GollvmMaps &GM);
  /// The call-site entries of FR's LSDA and their action chains. Returns
  /// false after reporting an error.
  /// FE: its invokes (null for a function without landing pads).
  bool gollvmCallSites(const FunctionRecord &FR, const FunctionEH *FE,
                       const GollvmMaps &GM, ActionTable &AT,
                       std::vector<CallSiteEntry> &Entries);
  /// Returns false after reporting an error.
  bool emitLSDA(const FunctionRecord &FR, const LSDAPlace &Place,
                const GollvmMaps &GM);

private:
  bool error(const MCSymbol *Fn, const Twine &Msg);
  bool addCallSite(FunctionRecord &FR, const StackMaps::CallsiteInfo &CSI);
  void addFaultSite(FunctionRecord &FR, const FaultSite &FS);
  Expected<int64_t> largeConstant(const FunctionRecord &FR,
                                  const StackMaps::CallsiteInfo &CSI,
                                  unsigned LocIdx);
  const Function *irFunction(const MCSymbol *Sym);

  AsmPrinter &AP;
  const FunctionEndMap &Ends;
  const FaultMap &Faults;
  const EHMap &EH;
  std::vector<FunctionRecord> Functions;
  DenseMap<const MCSymbol *, const Function *> IRFunctions;
  bool IRFunctionsBuilt = false;
  bool OtherRecords = false;
};

bool TableBuilder::error(const MCSymbol *Fn, const Twine &Msg) {
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

/// The value of the ConstantIndex location at Locations[LocIdx], a
/// constant that does not fit in 32 bits: an index into StackMaps' private
/// constant pool, so it is read back from the IR: the deopt operand of the
/// statepoint with the same ID in the same function. Locations 0-2 are CC,
/// Flags and NumDeopt (always small), then the deopt operands.
Expected<int64_t>
TableBuilder::largeConstant(const FunctionRecord &FR,
                            const StackMaps::CallsiteInfo &CSI,
                            unsigned LocIdx) {
  auto Fail = [](const Twine &Msg) {
    return createStringError(inconvertibleErrorCode(), Msg);
  };
  unsigned DeoptIdx = LocIdx - 3;
  const Function *F = irFunction(FR.Sym);
  if (!F)
    return Fail("cannot find the IR of the function to read statepoint " +
                Twine(CSI.ID) + "'s stack-object layout");
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
    if (!C || (Value && *Value != C->getSExtValue()))
      return Fail("statepoint ID " + Twine(CSI.ID) +
                  " is used by several statepoints with different "
                  "stack-object layouts; IDs must be unique per call "
                  "site (docs/IRContract.md)");
    Value = C->getSExtValue();
  }
  if (!Value)
    return Fail("no statepoint with ID " + Twine(CSI.ID) +
                " in the IR of the function");
  return *Value;
}

/// Decodes one statepoint record into the function's next call site.
bool TableBuilder::addCallSite(FunctionRecord &FR,
                               const StackMaps::CallsiteInfo &CSI) {
  SmallVector<gollc::stackmap::Location, 16> Locs;
  for (const StackMaps::Location &L : CSI.Locations) {
    gollc::stackmap::Location Loc;
    // StackMaps' location types are numbered as in the v3 section.
    Loc.Kind = gollc::stackmap::Location::KindType(L.Type);
    Loc.Size = L.Size;
    Loc.Reg = L.Reg;
    Loc.Offset = L.Offset;
    Locs.push_back(Loc);
  }
  Expected<gollc::stackmap::CallSite> CS = gollc::stackmap::decodeStatepoint(
      CSI.ID, Locs, FR.Fn.FrameSize,
      [&](unsigned I) { return largeConstant(FR, CSI, I); });
  if (!CS)
    return error(FR.Sym, toString(CS.takeError()));
  FR.Fn.CallSites.push_back(std::move(*CS));
  FR.RetOffsets.push_back(CSI.CSOffsetExpr);
  FR.Faults.push_back(false);
  return true;
}

/// A faulting access: a record at its own offset with nothing live (the
/// frame is unwound by the panic, never resumed).
void TableBuilder::addFaultSite(FunctionRecord &FR, const FaultSite &FS) {
  MCContext &Ctx = AP.OutContext;
  FR.Fn.CallSites.emplace_back();
  FR.RetOffsets.push_back(
      MCBinaryExpr::createSub(MCSymbolRefExpr::create(FS.Label, Ctx),
                              MCSymbolRefExpr::create(FR.Sym, Ctx), Ctx));
  FR.Faults.push_back(true);
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
    Expected<uint32_t> FrameSize =
        gollc::stackmap::frameSizeFromStackSize(FI.StackSize);
    if (!FrameSize)
      return error(Sym, toString(FrameSize.takeError()));
    FR.Fn.FrameSize = *FrameSize;
    if (F)
      if (const Comdat *C = F->getComdat())
        FR.Comdat = C->getName().str();
    // Calls and faulting accesses (gollvm format only) in code order: a
    // fault site knows how many statepoints precede it.
    ArrayRef<FaultSite> FaultSites;
    auto It = Faults.find(Sym);
    if (It != Faults.end())
      FaultSites = It->second;
    for (uint64_t R = 0; R <= FI.RecordCount; ++R) {
      while (!FaultSites.empty() && FaultSites.front().StatepointsBefore == R) {
        addFaultSite(FR, FaultSites.front());
        FaultSites = FaultSites.drop_front();
      }
      if (R < FI.RecordCount && !addCallSite(FR, CSInfos[Next++]))
        return false;
    }
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

namespace {

/// Writes a table's fields into the current section: the numbers as they
/// are, the entry, code size and return offsets as MC expressions.
class MCTableSink : public gollc::stackmap::TableSink {
public:
  MCTableSink(MCStreamer &OS, MCContext &Ctx,
              ArrayRef<const FunctionRecord *> Fns)
      : OS(OS), Ctx(Ctx), Fns(Fns) {}
  void emitU16(uint16_t V) override { OS.emitInt16(V); }
  void emitU32(uint32_t V) override { OS.emitInt32(V); }
  void emitZeros(uint64_t N) override { OS.emitZeros(N); }
  void emitFunctionStart(size_t F) override;
  void emitCodeSize(size_t F) override {
    // End label minus entry, both in the function's section, so the
    // assembler folds it to a constant.
    const FunctionRecord &FR = *Fns[F];
    OS.emitValue(MCBinaryExpr::createSub(MCSymbolRefExpr::create(FR.End, Ctx),
                                         MCSymbolRefExpr::create(FR.Sym, Ctx),
                                         Ctx),
                 4);
  }
  void emitRetOffset(size_t F, size_t C) override {
    OS.emitValue(Fns[F]->RetOffsets[C], 4);
  }

private:
  MCStreamer &OS;
  MCContext &Ctx;
  ArrayRef<const FunctionRecord *> Fns;
};

} // namespace

void MCTableSink::emitFunctionStart(size_t F) {
  // start = entry - address of this field, a 32-bit PC-relative value.
  // `f - .` would be a relocation against the function's symbol, which a
  // shared library may not hold for a preemptible (default-visibility)
  // global: "relocation R_X86_64_PC32 cannot be used against symbol". So
  // go through the first call site's return label, a local symbol in the
  // same section as f: (label - .) - (label - f). The assembler folds
  // (label - f) to a constant and relocates against the section instead.
  const FunctionRecord &FR = *Fns[F];
  MCSymbol *Here = Ctx.createTempSymbol("go_stackmap_fn");
  OS.emitLabel(Here);
  const MCExpr *HereRef = MCSymbolRefExpr::create(Here, Ctx);
  const MCExpr *Start = nullptr;
  const auto *RetOff = dyn_cast<MCBinaryExpr>(FR.RetOffsets.front());
  if (RetOff && RetOff->getOpcode() == MCBinaryExpr::Sub &&
      isa<MCSymbolRefExpr>(RetOff->getLHS()))
    Start = MCBinaryExpr::createSub(
        MCBinaryExpr::createSub(RetOff->getLHS(), HereRef, Ctx), RetOff, Ctx);
  else
    Start = MCBinaryExpr::createSub(MCSymbolRefExpr::create(FR.Sym, Ctx),
                                    HereRef, Ctx);
  OS.emitValue(Start, 4);
}

void TableBuilder::emitTable(const std::string &Comdat,
                             ArrayRef<const FunctionRecord *> Fns) {
  // No leading dot: the linker defines __start_go_stackmap and
  // __stop_go_stackmap around the output section. SHF_GNU_RETAIN: nothing
  // refers to the tables but the runtime's __start_/__stop_ symbols, which
  // lld's --gc-sections (-z start-stop-gc, its default) does not count, so
  // without the flag lld drops every table.
  MCContext &Ctx = AP.OutContext;
  unsigned Flags = ELF::SHF_ALLOC | ELF::SHF_GNU_RETAIN;
  MCSection *Sec =
      Comdat.empty()
          ? Ctx.getELFSection(gollc::stackmap::SectionName, ELF::SHT_PROGBITS,
                              Flags)
          : Ctx.getELFSection(gollc::stackmap::SectionName, ELF::SHT_PROGBITS,
                              Flags | ELF::SHF_GROUP, 0, Comdat,
                              /*IsComdat=*/true);
  gollc::stackmap::Table T;
  for (const FunctionRecord *FR : Fns)
    T.Functions.push_back(FR->Fn);
  AP.OutStreamer->switchSection(Sec);
  AP.OutStreamer->emitValueToAlignment(Align(gollc::stackmap::TableAlign));
  MCTableSink Sink(*AP.OutStreamer, Ctx, Fns);
  if (Error E = gollc::stackmap::writeTable(T, Sink))
    error(Fns.front()->Sym, toString(std::move(E)));
}

/// The sentinel libgo's findstackmaps expects as the type info of a Go
/// function's first call-site entry: "GO..FUNC" as a little-endian u64.
constexpr uint64_t GoFuncSentinel = 0x434e55462e2e4f47ULL;

bool TableBuilder::emitGollvm(const LSDAMap &LSDAs, bool Quiet) {
  for (const FunctionRecord &FR : Functions) {
    LSDAPlace Place = LSDAs.lookup(FR.Sym);
    // Refused and reported already; the others' FDEs name their LSDA
    // labels, which must still be defined.
    if (!Place.Label && Quiet)
      continue;
    if (!Place.Label)
      return error(FR.Sym, "its FDE was given no LSDA (was it emitted by "
                           "this AsmPrinter?)");
    GollvmMaps GM;
    if (!gollvmMaps(FR, GM) || !emitLSDA(FR, Place, GM))
      return false;
  }
  return true;
}

bool TableBuilder::gollvmMaps(const FunctionRecord &FR, GollvmMaps &GM) {
  for (const gollc::stackmap::CallSite &Live : FR.Fn.CallSites) {
    std::vector<uint32_t> Words = Live.LiveWords;
    if (!Live.CFAWords.empty()) {
      if (FR.Fn.FrameSize == FrameVariable)
        return error(FR.Sym, "a live word above the return address of a frame "
                             "of variable size has no place in the gollvm "
                             "format (its words count from sp only)");
      for (uint32_t K : Live.CFAWords)
        Words.push_back((FR.Fn.FrameSize + 8) / 8 + K);
      llvm::sort(Words);
      Words.erase(std::unique(Words.begin(), Words.end()), Words.end());
    }
    auto [It, New] = GM.MapIndex.try_emplace(Words, 0);
    if (New) {
      It->second = unsigned(GM.Maps.size()) + 2; // 1 is the sentinel
      GM.Maps.push_back(&It->first);
    }
    GM.CallSiteType.push_back(It->second);
  }
  return true;
}

bool TableBuilder::gollvmCallSites(const FunctionRecord &FR,
                                   const FunctionEH *FE, const GollvmMaps &GM,
                                   ActionTable &AT,
                                   std::vector<CallSiteEntry> &Entries) {
  MCContext &Ctx = AP.OutContext;
  auto FromStart = [&](const MCSymbol *S) -> const MCExpr * {
    return MCBinaryExpr::createSub(MCSymbolRefExpr::create(S, Ctx),
                                   MCSymbolRefExpr::create(FR.Sym, Ctx), Ctx);
  };
  auto Minus = [&](const MCExpr *A, const MCExpr *B) -> const MCExpr * {
    return MCBinaryExpr::createSub(A, B, Ctx);
  };
  const MCExpr *One = MCConstantExpr::create(1, Ctx);
  unsigned NumTypeInfos = FE ? unsigned(FE->TypeInfos.size()) : 0;
  auto MapType = [&](size_t I) {
    return int(NumTypeInfos + GM.CallSiteType[I]);
  };
  // Per call site, in code order (sorted, as the format requires): the
  // one byte before the return address, which is what a lookup with
  // ra - 1 hits, its map the first record of its action chain. A faulting
  // access covers its own first byte: the unwinder reports the pc of a
  // frame interrupted by a signal as it is, and libgo looks it up without
  // subtracting 1.
  if (!FE) {
    for (size_t I = 0; I < FR.RetOffsets.size(); ++I)
      Entries.push_back({FR.Faults[I] ? FR.RetOffsets[I]
                                      : Minus(FR.RetOffsets[I], One),
                         One, nullptr, int(AT.add(MapType(I), -1))});
    return true;
  }
  if (is_contained(FR.Faults, true) ||
      FE->NumStatepoints != FR.RetOffsets.size())
    return error(FR.Sym, "its statepoints and stack map records disagree");
  // The maps sit in the type infos of the action chains, where libgo's
  // personality (and refrt's, of the same name) never looks for a type; a
  // C++ personality would take them for std::type_info objects.
  if (!FE->Ranges.empty() && FE->Personality != GollvmPersonality)
    return error(FR.Sym, "landing pads with personality '" +
                             FE->Personality +
                             "': the gollvm format puts stack maps where its "
                             "type infos go; only " + GollvmPersonality +
                             " ignores them (use -go-stackmap-format=go)");
  // A function with landing pads: each invoke's range goes to its pad,
  // with its clauses as LLVM's own LSDA has them (the last type id first),
  // split around the statepoints inside it, whose chains start with their
  // map (a personality that reads the chain, as refrt's does, goes on to
  // the clauses; libgo's only asks whether there is one).
  for (const auto &[IsRange, Idx] : FE->Order) {
    if (!IsRange) {
      Entries.push_back({Minus(FR.RetOffsets[Idx], One), One, nullptr,
                         int(AT.add(MapType(Idx), -1))});
      continue;
    }
    const InvokeRange &R = FE->Ranges[Idx];
    int Chain = -1;
    for (int Id : R.TypeIds) {
      if (Id < 0)
        return error(FR.Sym, "a landing pad with a filter (an exception "
                             "specification) has no place in the gollvm "
                             "format");
      Chain = int(AT.add(Id, Chain));
    }
    // libgo's personality treats every call-site entry with an action as
    // a handler, so a map in front of a cleanup would stop its search
    // there, and the cleanup's resume from that "handler" frame aborts in
    // libgcc's _Unwind_Resume. Gollvm leaves such a call without a map,
    // and libgo throws "no stack map" if it collects while the call runs.
    if (!R.Statepoints.empty() && none_of(R.TypeIds, [](int Id) {
          return Id > 0;
        }))
      return error(FR.Sym,
                   "a call that can collect unwinds to a landing pad without "
                   "a catch clause (a cleanup), where the gollvm format has "
                   "no place for its stack map (use -go-stackmap-format=go)");
    const MCExpr *Pad = FromStart(R.Pad);
    const MCExpr *Pos = FromStart(R.Begin);
    for (unsigned K : R.Statepoints) {
      const MCExpr *At = Minus(FR.RetOffsets[K], One);
      Entries.push_back({Pos, Minus(At, Pos), Pad, Chain});
      Entries.push_back({At, One, Pad, int(AT.add(MapType(K), Chain))});
      Pos = FR.RetOffsets[K];
    }
    Entries.push_back({Pos, Minus(FromStart(R.End), Pos), Pad, Chain});
  }
  // The rest of the function (other calls, such as a cleanup's resume) is
  // in entries without a landing pad, as in LLVM's LSDA: a personality
  // that treats an address in no entry as an error (C++'s terminates)
  // unwinds through them.
  std::vector<CallSiteEntry> Filled;
  const MCExpr *Prev = MCConstantExpr::create(0, Ctx);
  for (const CallSiteEntry &E : Entries) {
    Filled.push_back({Prev, Minus(E.Start, Prev), nullptr, -1});
    Filled.push_back(E);
    Prev = MCBinaryExpr::createAdd(E.Start, E.Len, Ctx);
  }
  Filled.push_back({Prev, Minus(FromStart(FR.End), Prev), nullptr, -1});
  Entries = std::move(Filled);
  return true;
}

bool TableBuilder::emitLSDA(const FunctionRecord &FR, const LSDAPlace &Place,
                            const GollvmMaps &GM) {
  MCStreamer &OS = *AP.OutStreamer;
  MCContext &Ctx = AP.OutContext;
  const std::vector<const std::vector<uint32_t> *> &Maps = GM.Maps;
  auto It = EH.find(FR.Sym);
  const FunctionEH *FE = It == EH.end() ? nullptr : &It->second;
  ArrayRef<const GlobalValue *> TypeInfos;
  if (FE)
    TypeInfos = FE->TypeInfos;
  // Type indices: the function's own type infos first, at the indices its
  // code compares selectors with (llvm.eh.typeid.for), then the sentinel,
  // then the maps.
  unsigned NumTypeInfos = unsigned(TypeInfos.size());
  unsigned NumTypes = NumTypeInfos + unsigned(Maps.size()) + 1;
  ActionTable AT;
  for (unsigned T = NumTypeInfos + 1; T <= NumTypes; ++T)
    AT.add(T, -1);
  std::vector<CallSiteEntry> Entries;
  if (!gollvmCallSites(FR, FE, GM, AT, Entries))
    return false;
  AT.layout();

  OS.switchSection(Place.Section);
  OS.emitValueToAlignment(Align(4));
  OS.emitLabel(Place.Label);
  OS.emitInt8(dwarf::DW_EH_PE_omit); // @LPStart: the function's start
  // Type infos are 4-byte offsets from themselves: to data in this same
  // section (no relocation, no DW.ref indirection, PIC or not), or to a
  // catch clause's type info.
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
  OS.emitULEB128IntValue(AT.action(0));
  for (const CallSiteEntry &E : Entries) {
    OS.emitULEB128Value(E.Start);
    OS.emitULEB128Value(E.Len);
    if (E.Pad)
      OS.emitULEB128Value(E.Pad);
    else
      OS.emitULEB128IntValue(0);
    OS.emitULEB128IntValue(AT.action(E.Action));
  }
  OS.emitLabel(CSEnd);
  AT.emit(OS);
  // The type table grows down from TTBase: index t at TTBase - 4t.
  MCSymbol *Sentinel = Ctx.createTempSymbol("go_lsda_sentinel");
  SmallVector<MCSymbol *, 16> MapSyms;
  for (size_t M = 0; M < Maps.size(); ++M)
    MapSyms.push_back(Ctx.createTempSymbol("go_lsda_map"));
  OS.emitValueToAlignment(Align(4));
  for (unsigned T = NumTypes; T >= 1; --T) {
    MCSymbol *Here = Ctx.createTempSymbol();
    OS.emitLabel(Here);
    const MCSymbol *Target =
        T <= NumTypeInfos
            ? (TypeInfos[T - 1] ? AP.getSymbol(TypeInfos[T - 1]) : nullptr)
        : T == NumTypeInfos + 1 ? Sentinel
                                : MapSyms[T - NumTypeInfos - 2];
    if (!Target) {
      OS.emitInt32(0); // catch all
      continue;
    }
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
  return true;
}

bool GoStackMapPrinter::emitStackMaps(StackMaps &SM, AsmPrinter &AP) {
  if (StackMapFormatOpt == StackMapFormat::LLVM)
    return false;
  // Nothing to describe: emit neither format.
  if (SM.getCSInfos().empty())
    return true;
  // After an error (reported), the FDEs of the gollvm format still name
  // LSDA labels, which must be defined (empty) so that the error stays the
  // only one; the stack maps are claimed, so that LLVM does not write a
  // .llvm_stackmaps nobody asked for.
  auto FailQuietly = [&] {
    for (const auto &[Fn, Place] : LSDAs)
      if (!Place.Label->isDefined()) {
        AP.OutStreamer->switchSection(Place.Section);
        AP.OutStreamer->emitLabel(Place.Label);
      }
    return true;
  };
  TableBuilder B(AP, Ends, Faults, EH);
  if (!B.build(SM))
    return FailQuietly();
  if (StackMapFormatOpt == StackMapFormat::Gollvm) {
    if (!B.emitGollvm(LSDAs, Handler && Handler->reportedError()))
      return FailQuietly();
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

bool disablesCallFrameOptimization(const Module &M) {
  // The strategies the AsmPrinter sees, hence the printers it creates, are
  // those of the defined functions (LowerIntrinsics::doInitialization).
  return any_of(M, [](const Function &F) {
    return !F.isDeclaration() && F.hasGC() && F.getGC() == GoGCName;
  });
}

void setCallFrameOptimizationFor(const Module &M) {
  if (cl::opt<bool> *O = noCallFrameOptOption())
    if (O->getNumOccurrences() == 0)
      O->setValue(disablesCallFrameOptimization(M));
}
} // namespace gollc

static GCMetadataPrinterRegistry::Add<GoStackMapPrinter>
    RegisterGoStackMapPrinter(gollc::GoGCName, "Go: the go_stackmap section");
