//===- go-stackmap-dump.cpp - Print the go_stackmap tables of an ELF file -===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Reads an ELF object, executable or shared library, decodes its go_stackmap
// section (docs/StackMapFormat.md) and prints, per function, its name, entry,
// frame size and each call site's return address and live stack words. In a
// relocatable object the function entries are R_X86_64_PC32 relocations,
// resolved here to symbol + addend; in a linked file they are addresses,
// named through the symbol table.
//
//   go-stackmap-dump prog.o            # text
//   go-stackmap-dump --json prog.o     # JSON
//   go-stackmap-dump --verify prog     # also check order and bounds
//   go-stackmap-dump --lookup=0x4011a5 prog  # what a runtime finds for a
//                                            # return address (go_stackmap.h)
//
// Errors are one line, `go-stackmap-dump: error: <file>: ...`, exit code 1.
//
//===----------------------------------------------------------------------===//

#include "gollc/StackMapFormat.h"
#include "gollc/Version.h"
#include "gollc/go_stackmap.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/BinaryFormat/ELF.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <optional>

using namespace llvm;
using namespace llvm::object;
using namespace gollc;

static cl::OptionCategory DumpCategory("go-stackmap-dump options");
static cl::list<std::string> InputFiles(cl::Positional, cl::OneOrMore,
                                        cl::desc("<ELF files>"),
                                        cl::cat(DumpCategory));
static cl::opt<bool> JSONOpt("json", cl::desc("Print JSON"),
                             cl::cat(DumpCategory));
static cl::opt<bool> LLVMOpt(
    "llvm",
    cl::desc("Read LLVM's .llvm_stackmaps v3 section instead (as written by "
             "-go-stackmap-format=llvm) and print the same live words, "
             "interpreting it as docs/StackMapFormat.md describes"),
    cl::cat(DumpCategory));
static cl::list<std::string> LookupOpt(
    "lookup",
    cl::desc("In a linked file, look these return addresses up the way a "
             "runtime does (go_stackmap.h: the function containing ra - 1, "
             "then the call site at exactly ra) and print what is found"),
    cl::CommaSeparated, cl::value_desc("addr,..."), cl::cat(DumpCategory));
static cl::opt<bool>
    VerifyOpt("verify",
              cl::desc("Check that functions are sorted by entry, call sites "
                       "sorted and inside their function; fail otherwise"),
              cl::cat(DumpCategory));

/// The relocation sections of \p Obj that apply to \p Section.
static SmallVector<SectionRef, 2> relocationSectionsFor(const ObjectFile &Obj,
                                                        const SectionRef &Section) {
  SmallVector<SectionRef, 2> Result;
  for (const SectionRef &RS : Obj.sections()) {
    Expected<section_iterator> Target = RS.getRelocatedSection();
    if (!Target) {
      consumeError(Target.takeError());
      continue;
    }
    if (*Target == Section)
      Result.push_back(RS);
  }
  return Result;
}

namespace {

/// A function entry: a symbol plus an offset when the name is known, and an
/// address (in a relocatable object: the offset in its section).
struct Entry {
  std::string Name;     // "" if no symbol names it
  uint64_t Address = 0; // section offset in a .o, virtual address otherwise
  int64_t SectionIndex = -1;
  uint64_t Size = 0;       // of the function symbol, 0 if unknown
  bool IsFunction = false; // a function symbol starts here
};

class Dumper {
public:
  Dumper(StringRef File, const ELFObjectFileBase &Obj) : File(File), Obj(Obj) {}
  bool run();

private:
  bool fail(const Twine &Msg) {
    errs() << "go-stackmap-dump: error: " << File << ": " << Msg << "\n";
    return false;
  }
  bool collectSymbols();
  const Entry *functionAt(int64_t SectionIndex, uint64_t Address) const;
  std::optional<Entry> entryFor(const stackmap::Table &T, size_t F);
  std::string symbolize(const Entry &E, uint64_t Off) const;

  StringRef File;
  const ELFObjectFileBase &Obj;
  SectionRef Section;
  bool Relocatable = false;
  /// Relocatable objects: offset in go_stackmap -> (symbol entry, addend).
  std::map<uint64_t, Entry> Relocs;
  /// Function symbols by (section index in a .o, else -1; address).
  std::map<std::pair<int64_t, uint64_t>, Entry> FuncSyms;
  std::string LastError;
  /// Every table of every go_stackmap section, in section order.
  struct Decoded {
    uint64_t SectionIndex = 0;
    stackmap::Table T;
    std::vector<Entry> Entries;
  };
  std::vector<Decoded> All;
  bool MultipleSections = false;
  bool decodeOneSection();
  bool runLLVM();
  bool print();
  bool lookup();
  std::string tableName(size_t TI) const {
    std::string S = "0x" + utohexstr(All[TI].T.Offset, true);
    if (MultipleSections)
      S += " of section " + std::to_string(All[TI].SectionIndex);
    return S;
  }
};

bool Dumper::collectSymbols() {
  for (const ELFSymbolRef &Sym : Obj.symbols()) {
    Expected<SymbolRef::Type> Ty = Sym.getType();
    if (!Ty) {
      consumeError(Ty.takeError());
      continue;
    }
    if (*Ty != SymbolRef::ST_Function)
      continue;
    Expected<StringRef> Name = Sym.getName();
    Expected<uint64_t> Addr = Sym.getAddress();
    Expected<section_iterator> Sec = Sym.getSection();
    if (!Name || !Addr || !Sec) {
      consumeError(Name.takeError());
      consumeError(Addr.takeError());
      consumeError(Sec.takeError());
      continue;
    }
    Entry E;
    E.Name = Name->str();
    E.Address = *Addr;
    E.Size = Sym.getSize();
    E.IsFunction = true;
    // In a relocatable object addresses are section offsets: key by section.
    E.SectionIndex = Relocatable && *Sec != Obj.section_end()
                         ? int64_t((*Sec)->getIndex())
                         : -1;
    FuncSyms.emplace(std::make_pair(E.SectionIndex, E.Address), E);
  }
  return true;
}

const Entry *Dumper::functionAt(int64_t SectionIndex, uint64_t Address) const {
  auto It = FuncSyms.find(std::make_pair(SectionIndex, Address));
  return It == FuncSyms.end() ? nullptr : &It->second;
}

std::optional<Entry> Dumper::entryFor(const stackmap::Table &T, size_t F) {
  const stackmap::Function &Fn = T.Functions[F];
  uint64_t FieldOff = T.Offset + stackmap::functionStartFieldOffset(F);
  if (Relocatable) {
    auto It = Relocs.find(FieldOff);
    if (It == Relocs.end()) {
      LastError = "function record " + std::to_string(F) +
                  " of the table at offset 0x" + utohexstr(T.Offset, true) +
                  " of section " + std::to_string(Section.getIndex()) +
                  ": no relocation for its start field at section offset 0x" +
                  utohexstr(FieldOff, true);
      return std::nullopt;
    }
    // The field holds S + A - P; the entry is S + A.
    return It->second;
  }
  Entry E;
  E.Address = Section.getAddress() + uint64_t(int64_t(T.Offset) + Fn.Start);
  if (const Entry *Sym = functionAt(-1, E.Address))
    E = *Sym;
  return E;
}

std::string Dumper::symbolize(const Entry &E, uint64_t Off) const {
  std::string S = E.Name.empty() ? "0x" + utohexstr(E.Address, true) : E.Name;
  if (Off)
    S += "+0x" + utohexstr(Off, true);
  return S;
}

bool Dumper::run() {
  if (Obj.getBytesInAddress() != 8 || !Obj.isLittleEndian())
    return fail("not a 64-bit little-endian ELF file");
  Relocatable = Obj.isRelocatableObject();
  if (LLVMOpt)
    return runLLVM();
  std::vector<SectionRef> Sections;
  for (const SectionRef &S : Obj.sections()) {
    Expected<StringRef> Name = S.getName();
    if (Name && *Name == "go_stackmap")
      Sections.push_back(S);
    if (!Name)
      consumeError(Name.takeError());
  }
  if (Sections.empty())
    return fail("no go_stackmap section");
  collectSymbols();
  // A relocatable object has one go_stackmap per COMDAT group besides the
  // main one; a linked file has one.
  MultipleSections = Sections.size() > 1;
  for (const SectionRef &S : Sections) {
    Section = S;
    if (!decodeOneSection())
      return false;
  }
  if (!LookupOpt.empty())
    return lookup();
  return print();
}

bool Dumper::decodeOneSection() {
  Expected<StringRef> Contents = Section.getContents();
  if (!Contents)
    return fail("cannot read the go_stackmap section: " +
                toString(Contents.takeError()));

  Relocs.clear();
  if (Relocatable) {
    for (const SectionRef &RS : relocationSectionsFor(Obj, Section)) {
      for (const RelocationRef &R : RS.relocations()) {
        if (R.getType() != ELF::R_X86_64_PC32)
          return fail("unexpected relocation type " + Twine(R.getType()) +
                      " at go_stackmap offset 0x" +
                      utohexstr(R.getOffset(), true) + " (only R_X86_64_PC32)");
        symbol_iterator Sym = R.getSymbol();
        if (Sym == Obj.symbol_end())
          return fail("relocation without a symbol at go_stackmap offset 0x" +
                      utohexstr(R.getOffset(), true));
        Expected<StringRef> Name = Sym->getName();
        Expected<uint64_t> Value = Sym->getValue();
        Expected<section_iterator> SymSec = Sym->getSection();
        if (!Name || !Value || !SymSec) {
          consumeError(Name.takeError());
          consumeError(Value.takeError());
          consumeError(SymSec.takeError());
          return fail("unreadable relocation symbol at go_stackmap offset 0x" +
                      utohexstr(R.getOffset(), true));
        }
        Expected<int64_t> Addend = ELFRelocationRef(R).getAddend();
        if (!Addend)
          return fail(toString(Addend.takeError()));
        // The printer relocates against the section (through a local
        // label), so name the entry by the function symbol found there.
        int64_t SecIdx =
            *SymSec == Obj.section_end() ? -1 : int64_t((*SymSec)->getIndex());
        uint64_t Addr = *Value + *Addend;
        Entry E;
        if (const Entry *F = functionAt(SecIdx, Addr)) {
          E = *F;
        } else {
          std::string Base = Name->str();
          if (Base.empty() && *SymSec != Obj.section_end()) {
            Expected<StringRef> SN = (*SymSec)->getName();
            if (SN)
              Base = SN->str();
            else
              consumeError(SN.takeError());
          }
          E.Name = Base + "+0x" + utohexstr(Addr - *Value, true);
          E.Address = Addr;
          E.SectionIndex = SecIdx;
        }
        Relocs[R.getOffset()] = E;
      }
    }
  }

  ArrayRef<uint8_t> Bytes(reinterpret_cast<const uint8_t *>(Contents->data()),
                          Contents->size());
  Expected<std::vector<stackmap::Table>> Tables =
      stackmap::decodeSection(Bytes);
  if (!Tables)
    return fail("go_stackmap: " + toString(Tables.takeError()));

  // Resolve every entry first, so that errors come before any output.
  for (stackmap::Table &T : *Tables) {
    Decoded D;
    D.SectionIndex = Section.getIndex();
    for (size_t F = 0; F < T.Functions.size(); ++F) {
      std::optional<Entry> E = entryFor(T, F);
      if (!E)
        return fail(LastError);
      D.Entries.push_back(*E);
    }
    D.T = std::move(T);
    All.push_back(std::move(D));
  }
  return true;
}

bool Dumper::print() {
  std::vector<stackmap::Table> TablesStore;
  std::vector<std::vector<Entry>> Entries;
  for (Decoded &D : All) {
    TablesStore.push_back(D.T);
    Entries.push_back(D.Entries);
  }
  std::vector<stackmap::Table> *Tables = &TablesStore;

  if (VerifyOpt) {
    for (size_t TI = 0; TI < Tables->size(); ++TI) {
      const stackmap::Table &T = (*Tables)[TI];
      if (!Relocatable && !LLVMOpt)
        if (Error E = stackmap::verifyTable(T))
          return fail("go_stackmap: " + toString(std::move(E)));
      for (size_t F = 0; F < T.Functions.size(); ++F) {
        const Entry &E = Entries[TI][F];
        const stackmap::Function &Fn = T.Functions[F];
        if (F > 0 && (Relocatable || LLVMOpt) &&
            Entries[TI][F - 1].SectionIndex == E.SectionIndex &&
            Entries[TI][F - 1].Address >= E.Address)
          return fail("function " + symbolize(E, 0) + " is not sorted after " +
                      symbolize(Entries[TI][F - 1], 0));
        if (!E.IsFunction)
          return fail("function record " + Twine(F) + " at " + symbolize(E, 0) +
                      " is not the start of a function symbol");
        for (size_t C = 1; C < Fn.CallSites.size(); ++C)
          if (Fn.CallSites[C - 1].RetOffset >= Fn.CallSites[C].RetOffset)
            return fail("function " + symbolize(E, 0) +
                        ": call sites not sorted by return offset");
        for (const stackmap::CallSite &CS : Fn.CallSites)
          if (E.Size && CS.RetOffset > E.Size)
            return fail("function " + symbolize(E, 0) + ": call site +0x" +
                        utohexstr(CS.RetOffset, true) +
                        " lies outside the function (size 0x" +
                        utohexstr(E.Size, true) + ")");
        if (!LLVMOpt && E.Size && Fn.CodeSize != E.Size)
          return fail("function " + symbolize(E, 0) + ": code_size 0x" +
                      utohexstr(Fn.CodeSize, true) +
                      " differs from its symbol's size 0x" +
                      utohexstr(E.Size, true));
      }
    }
  }

  if (JSONOpt) {
    json::OStream J(outs(), 2);
    J.object([&] {
      J.attribute("file", File);
      J.attributeArray("tables", [&] {
        for (size_t TI = 0; TI < Tables->size(); ++TI) {
          const stackmap::Table &T = (*Tables)[TI];
          J.object([&] {
            J.attribute("section", int64_t(All[TI].SectionIndex));
            J.attribute("offset", int64_t(T.Offset));
            J.attribute("size", int64_t(T.Size));
            J.attribute("pool_words", int64_t(T.PoolWords));
            J.attributeArray("functions", [&] {
              for (size_t F = 0; F < T.Functions.size(); ++F) {
                const stackmap::Function &Fn = T.Functions[F];
                const Entry &E = Entries[TI][F];
                J.object([&] {
                  J.attribute("name", E.Name);
                  J.attribute("address", int64_t(E.Address));
                  if (Fn.FrameSize == stackmap::FrameVariable)
                    J.attribute("frame_size", "variable");
                  else
                    J.attribute("frame_size", int64_t(Fn.FrameSize));
                  J.attribute("code_size", int64_t(Fn.CodeSize));
                  J.attributeArray("callsites", [&] {
                    for (const stackmap::CallSite &CS : Fn.CallSites)
                      J.object([&] {
                        J.attribute("ret_offset", int64_t(CS.RetOffset));
                        J.attributeArray("live", [&] {
                          for (uint32_t W : CS.LiveWords)
                            J.value(int64_t(W) * 8);
                        });
                        if (!CS.CFAWords.empty())
                          J.attributeArray("live_cfa", [&] {
                            for (uint32_t W : CS.CFAWords)
                              J.value(int64_t(W) * 8);
                          });
                      });
                  });
                });
              }
            });
          });
        }
      });
    });
    outs() << "\n";
    return true;
  }

  if (LLVMOpt)
    outs() << File << ": .llvm_stackmaps v3\n";
  else
    outs() << File << ": go_stackmap, " << Tables->size() << " table(s)\n";
  for (size_t TI = 0; TI < Tables->size(); ++TI) {
    const stackmap::Table &T = (*Tables)[TI];
    size_t NumCS = 0;
    for (const stackmap::Function &Fn : T.Functions)
      NumCS += Fn.CallSites.size();
    if (!LLVMOpt)
      outs() << "table at " << tableName(TI) << ": " << T.Size << " bytes, "
             << T.Functions.size() << " function(s), " << NumCS
             << " call site(s), " << T.PoolWords << " pool word(s)\n";
    for (size_t F = 0; F < T.Functions.size(); ++F) {
      const stackmap::Function &Fn = T.Functions[F];
      const Entry &E = Entries[TI][F];
      outs() << "function " << symbolize(E, 0) << " at 0x"
             << utohexstr(E.Address, true) << " frame_size ";
      if (Fn.FrameSize == stackmap::FrameVariable)
        outs() << "variable";
      else
        outs() << Fn.FrameSize;
      outs() << " code_size 0x" << utohexstr(Fn.CodeSize, true) << "\n";
      for (const stackmap::CallSite &CS : Fn.CallSites) {
        outs() << "  ret " << symbolize(E, CS.RetOffset) << " live:";
        if (CS.LiveWords.empty() && CS.CFAWords.empty())
          outs() << " none";
        for (uint32_t W : CS.LiveWords)
          outs() << " sp+" << uint64_t(W) * 8;
        for (uint32_t W : CS.CFAWords)
          outs() << " cfa+" << uint64_t(W) * 8;
        outs() << "\n";
      }
    }
  }
  if (VerifyOpt)
    outs() << "verify: ok\n";
  return true;
}

/// --lookup: indexes the section's bytes with go_stackmap.h's helpers, the
/// code every runtime uses, and looks each address up as a return address.
/// The tables are copied to an 8-byte aligned buffer; their PC-relative
/// starts then point into the buffer, so addresses are translated by the
/// distance between the buffer and the section's address.
bool Dumper::lookup() {
  if (Relocatable)
    return fail("--lookup needs a linked file (function entries of a "
                "relocatable object are relocations)");
  if (MultipleSections)
    return fail("--lookup: more than one go_stackmap section");
  Expected<StringRef> Contents = Section.getContents();
  if (!Contents)
    return fail(toString(Contents.takeError()));
  std::vector<uint64_t> Buf((Contents->size() + 7) / 8);
  memcpy(Buf.data(), Contents->data(), Contents->size());
  const char *Begin = reinterpret_cast<const char *>(Buf.data());
  const char *End = Begin + Contents->size();
  size_t N = 0;
  const go_stackmap_header *Bad = nullptr;
  if (go_stackmap_index_fill(Begin, End, nullptr, 0, &N, &Bad) != 0)
    return fail("go_stackmap: malformed table at offset 0x" +
                utohexstr(uint64_t(reinterpret_cast<const char *>(Bad) - Begin),
                          true));
  std::vector<go_stackmap_index_entry> Index(N);
  go_stackmap_index_fill(Begin, End, Index.data(), N, &N, &Bad);
  go_stackmap_index_sort(Index.data(), N);
  uint64_t Delta = Section.getAddress() - reinterpret_cast<uintptr_t>(Begin);
  for (const std::string &A : LookupOpt) {
    uint64_t RA;
    if (StringRef(A).getAsInteger(0, RA))
      return fail("--lookup: '" + A + "' is not an address");
    uintptr_t Local = uintptr_t(RA - Delta);
    outs() << "ra 0x" << utohexstr(RA, true) << ": ";
    const go_stackmap_index_entry *E =
        go_stackmap_index_find(Index.data(), N, Local);
    if (!E) {
      outs() << "no mapped function contains ra - 1\n";
      continue;
    }
    uint64_t Start = E->start + Delta;
    const Entry *Sym = functionAt(-1, Start);
    std::string Name = Sym ? Sym->Name : "0x" + utohexstr(Start, true);
    outs() << "function " << Name << " (0x" << utohexstr(Start, true)
           << ", code_size 0x" << utohexstr(E->fn->code_size, true) << ")";
    const go_stackmap_callsite *C =
        go_stackmap_find_callsite(E->table, E->fn, Local);
    if (!C) {
      outs() << ", no call site at +0x" << utohexstr(RA - Start, true)
             << "\n";
      continue;
    }
    outs() << ", call site +0x" << utohexstr(C->ret_offset, true) << " live:";
    uint32_t W = go_stackmap_live_words(E->table, C), CW =
        go_stackmap_cfa_live_words(E->table, C);
    bool Any = false;
    for (uint32_t K = 0; K < W; ++K)
      if (go_stackmap_live_bit(E->table, C, K)) {
        outs() << " sp+" << 8 * uint64_t(K);
        Any = true;
      }
    for (uint32_t K = 0; K < CW; ++K)
      if (go_stackmap_cfa_live_bit(E->table, C, K)) {
        outs() << " cfa+" << 8 * uint64_t(K);
        Any = true;
      }
    outs() << (Any ? "" : " none") << "\n";
  }
  return true;
}

namespace {
/// Bounds-checked little-endian reads from .llvm_stackmaps.
struct V3Reader {
  ArrayRef<uint8_t> B;
  std::string Err;
  bool need(uint64_t Off, uint64_t Len, StringRef What) {
    if (Off <= B.size() && B.size() - Off >= Len)
      return true;
    if (Err.empty())
      Err = (".llvm_stackmaps: " + What + " at offset 0x" +
             utohexstr(Off, true) + " runs past the end of the section")
                .str();
    return false;
  }
  uint64_t u64(uint64_t Off) { return support::endian::read64le(&B[Off]); }
  uint32_t u32(uint64_t Off) { return support::endian::read32le(&B[Off]); }
  uint16_t u16(uint64_t Off) { return support::endian::read16le(&B[Off]); }
};
} // namespace

bool Dumper::runLLVM() {
  collectSymbols();
  std::optional<SectionRef> Sec;
  for (const SectionRef &S : Obj.sections()) {
    Expected<StringRef> Name = S.getName();
    if (!Name) {
      consumeError(Name.takeError());
      continue;
    }
    if (*Name == ".llvm_stackmaps")
      Sec = S;
  }
  if (!Sec)
    return fail("no .llvm_stackmaps section");
  Section = *Sec;
  Expected<StringRef> Contents = Section.getContents();
  if (!Contents)
    return fail("cannot read the .llvm_stackmaps section: " +
                toString(Contents.takeError()));
  V3Reader R{ArrayRef<uint8_t>(
      reinterpret_cast<const uint8_t *>(Contents->data()), Contents->size())};
  if (!R.need(0, 16, "header"))
    return fail(R.Err);
  if (R.B[0] != 3)
    return fail(".llvm_stackmaps: version " + Twine(unsigned(R.B[0])) +
                ", expected 3");
  uint64_t NumFns = R.u32(4), NumConsts = R.u32(8), NumRecs = R.u32(12);
  uint64_t FnOff = 16, ConstOff = FnOff + 24 * NumFns,
           RecOff = ConstOff + 8 * NumConsts;
  if (!R.need(FnOff, 24 * NumFns + 8 * NumConsts,
              "function and constant "
              "tables"))
    return fail(R.Err);

  // Function addresses: in a relocatable object, R_X86_64_64 relocations.
  std::map<uint64_t, Entry> AbsRelocs;
  if (Relocatable)
    for (const SectionRef &RS : relocationSectionsFor(Obj, Section)) {
      for (const RelocationRef &Rel : RS.relocations()) {
        symbol_iterator Sym = Rel.getSymbol();
        Expected<int64_t> Addend = ELFRelocationRef(Rel).getAddend();
        if (Sym == Obj.symbol_end() || !Addend) {
          if (!Addend)
            consumeError(Addend.takeError());
          continue;
        }
        Expected<uint64_t> Value = Sym->getValue();
        Expected<section_iterator> SymSec = Sym->getSection();
        if (!Value || !SymSec) {
          consumeError(Value.takeError());
          consumeError(SymSec.takeError());
          continue;
        }
        int64_t SecIdx =
            *SymSec == Obj.section_end() ? -1 : int64_t((*SymSec)->getIndex());
        uint64_t Addr = *Value + *Addend;
        Entry E;
        if (const Entry *F = functionAt(SecIdx, Addr))
          E = *F;
        else {
          Expected<StringRef> Name = Sym->getName();
          E.Name = (Name ? Name->str() : std::string("?")) + "+0x" +
                   utohexstr(*Addend, true);
          if (!Name)
            consumeError(Name.takeError());
          E.Address = Addr;
          E.SectionIndex = SecIdx;
        }
        AbsRelocs[Rel.getOffset()] = E;
      }
    }

  Decoded D;
  D.SectionIndex = Section.getIndex();
  D.T.Size = uint32_t(std::min<uint64_t>(R.B.size(), UINT32_MAX));
  uint64_t Off = RecOff;
  for (uint64_t F = 0; F < NumFns; ++F) {
    uint64_t FRec = FnOff + 24 * F;
    Entry E;
    if (Relocatable) {
      auto It = AbsRelocs.find(FRec);
      if (It == AbsRelocs.end())
        return fail(".llvm_stackmaps: function " + Twine(F) +
                    " has no relocation for its address");
      E = It->second;
    } else {
      E.Address = R.u64(FRec);
      if (const Entry *Sym = functionAt(-1, E.Address))
        E = *Sym;
    }
    uint64_t StackSize = R.u64(FRec + 8), Count = R.u64(FRec + 16);
    std::string Where =
        "function " + (E.Name.empty() ? std::to_string(F) : E.Name);
    // UINT64_MAX: a realigned frame (docs/StackMapFormat.md).
    bool Variable = StackSize == UINT64_MAX;
    if (!Variable && StackSize >= stackmap::FrameVariable)
      return fail(".llvm_stackmaps: " + Where + ": the frame is too large");
    stackmap::Function Fn;
    Fn.FrameSize = Variable ? stackmap::FrameVariable : uint32_t(StackSize);
    // v3 has no code sizes: the function symbol's size.
    Fn.CodeSize = uint32_t(E.Size);
    for (uint64_t C = 0; C < Count; ++C, --NumRecs) {
      if (NumRecs == 0)
        return fail(".llvm_stackmaps: the functions claim more records "
                    "than the header");
      if (!R.need(Off, 16, "record"))
        return fail(R.Err);
      uint64_t ID = R.u64(Off);
      stackmap::CallSite CS;
      CS.RetOffset = R.u32(Off + 8);
      uint64_t NumLocs = R.u16(Off + 14);
      uint64_t LocOff = Off + 16;
      if (!R.need(LocOff, 12 * NumLocs, "locations"))
        return fail(R.Err);
      uint64_t LiveOff = alignTo(LocOff + 12 * NumLocs, 8);
      if (!R.need(LiveOff, 4, "live-outs"))
        return fail(R.Err);
      uint64_t NumLiveOuts = R.u16(LiveOff + 2);
      uint64_t End = alignTo(LiveOff + 4 + 4 * NumLiveOuts, 8);
      if (!R.need(LiveOff, End - LiveOff, "live-outs"))
        return fail(R.Err);
      std::string RecWhere = Where + ", record ID " + std::to_string(ID);

      // Location kinds of the v3 format.
      enum {
        Register = 1,
        Direct = 2,
        Indirect = 3,
        Constant = 4,
        ConstantIndex = 5
      };
      auto Kind = [&](uint64_t I) { return R.B[LocOff + 12 * I]; };
      auto Size = [&](uint64_t I) { return R.u16(LocOff + 12 * I + 2); };
      auto Reg = [&](uint64_t I) { return R.u16(LocOff + 12 * I + 4); };
      auto Offset = [&](uint64_t I) {
        return int64_t(int32_t(R.u32(LocOff + 12 * I + 8)));
      };
      auto Value = [&](uint64_t I, int64_t &V) {
        if (Kind(I) == Constant) {
          V = Offset(I);
          return true;
        }
        if (Kind(I) == ConstantIndex && uint64_t(Offset(I)) < NumConsts) {
          V = int64_t(R.u64(ConstOff + 8 * uint64_t(Offset(I))));
          return true;
        }
        return false;
      };
      int64_t NumDeopt = 0;
      if (NumLocs < 3 || !Value(2, NumDeopt) || NumDeopt < 0 ||
          uint64_t(NumDeopt) > NumLocs - 3)
        return fail(".llvm_stackmaps: " + RecWhere +
                    ": not a statepoint record");
      // A stack location: relative to sp, or (an %rbp-relative location in
      // a frame of variable size) to the CFA.
      auto At = [&](uint64_t I, bool &IsCFA, int64_t &Out) {
        IsCFA = false;
        if (Reg(I) == 7)
          Out = Offset(I);
        else if (Reg(I) == 6 && !Variable)
          Out = Offset(I) + int64_t(StackSize) - 8;
        else if (Reg(I) == 6 && Offset(I) >= 16) {
          IsCFA = true;
          Out = Offset(I) - 16;
        } else
          return false;
        return true;
      };
      std::vector<uint32_t> Words, CFAWords;
      auto Mark = [&](bool IsCFA, int64_t B) {
        if (B < 0 || B % 8 != 0 || B / 8 >= UINT32_MAX)
          return false;
        (IsCFA ? CFAWords : Words).push_back(uint32_t(B / 8));
        return true;
      };
      // The deopt operands (docs/IRContract.md): NumObjects, then per
      // object its alloca (Direct), SizeInWords and the bitmap words.
      uint64_t DeoptEnd = 3 + uint64_t(NumDeopt), P = 3;
      auto Malformed = [&] {
        return fail(".llvm_stackmaps: " + RecWhere +
                    ": malformed stack-object layout in the deopt operands");
      };
      int64_t NumObjects = 0;
      if (NumDeopt && (!Value(P++, NumObjects) || NumObjects < 0))
        return Malformed();
      for (int64_t O = 0; O < NumObjects; ++O) {
        bool IsCFA;
        int64_t Base, ObjWords;
        if (P + 2 > DeoptEnd || Kind(P) != Direct || !At(P, IsCFA, Base) ||
            !Value(P + 1, ObjWords) || ObjWords <= 0 ||
            uint64_t(ObjWords + 63) / 64 > DeoptEnd - P - 2)
          return Malformed();
        P += 2;
        for (int64_t W0 = 0; W0 < ObjWords; W0 += 64) {
          int64_t Bits;
          if (!Value(P++, Bits))
            return Malformed();
          for (unsigned K = 0; K < 64; ++K)
            if ((uint64_t(Bits) >> K) & 1)
              if (W0 + K >= ObjWords ||
                  !Mark(IsCFA, Base + 8 * int64_t(W0 + K)))
                return Malformed();
        }
      }
      if (P != DeoptEnd)
        return Malformed();
      // The gc-live locations: SSA values only.
      for (uint64_t I = DeoptEnd; I < NumLocs; ++I) {
        if (Kind(I) == Register)
          return fail(".llvm_stackmaps: " + RecWhere +
                      ": a live pointer is in a register");
        if (Kind(I) != Indirect)
          continue;
        bool IsCFA;
        int64_t Base;
        if (!At(I, IsCFA, Base) || Size(I) == 0 || Size(I) % 8 != 0)
          return fail(".llvm_stackmaps: " + RecWhere +
                      ": unsupported spill slot");
        for (unsigned Bt = 0; Bt < Size(I); Bt += 8)
          if (!Mark(IsCFA, Base + Bt))
            return fail(".llvm_stackmaps: " + RecWhere + ": slot below sp");
      }
      for (std::vector<uint32_t> *V : {&Words, &CFAWords}) {
        llvm::sort(*V);
        V->erase(std::unique(V->begin(), V->end()), V->end());
      }
      CS.CFAWords = std::move(CFAWords);
      CS.LiveWords = std::move(Words);
      Fn.CallSites.push_back(std::move(CS));
      Off = End;
    }
    D.T.Functions.push_back(std::move(Fn));
    D.Entries.push_back(E);
  }
  All.push_back(std::move(D));
  return print();
}

} // namespace

static void printVersion(raw_ostream &OS) {
  OS << "go-stackmap-dump version " << GOLLC_VERSION_STRING << " (LLVM "
     << LLVM_VERSION_STRING << ")\n";
}

int main(int Argc, char **Argv) {
  InitLLVM X(Argc, Argv);
  cl::HideUnrelatedOptions(DumpCategory);
  cl::SetVersionPrinter(printVersion);
  cl::ParseCommandLineOptions(
      Argc, Argv,
      "go-stackmap-dump: print the go_stackmap tables of ELF files "
      "('-' reads standard input)\n");
  bool OK = true;
  for (const std::string &File : InputFiles) {
    auto Fail = [&](const Twine &Msg) {
      errs() << "go-stackmap-dump: error: "
             << (File == "-" ? StringRef("<stdin>") : StringRef(File)) << ": "
             << Msg << "\n";
      OK = false;
    };
    ErrorOr<std::unique_ptr<MemoryBuffer>> Buf =
        MemoryBuffer::getFileOrSTDIN(File, /*IsText=*/false,
                                     /*RequiresNullTerminator=*/false);
    if (!Buf) {
      Fail(Buf.getError().message());
      continue;
    }
    Expected<std::unique_ptr<ObjectFile>> Obj =
        ObjectFile::createObjectFile((*Buf)->getMemBufferRef());
    if (!Obj) {
      Fail(toString(Obj.takeError()));
      continue;
    }
    const auto *ELF = dyn_cast<ELFObjectFileBase>(Obj->get());
    if (!ELF) {
      StringRef Kind = (*Obj)->isMachO()  ? "a Mach-O"
                       : (*Obj)->isCOFF() ? "a COFF"
                       : (*Obj)->isWasm() ? "a WebAssembly"
                                          : "a non-ELF";
      Fail(Twine("is ") + Kind +
           " object; go_stackmap tables exist only in ELF objects (go-llc "
           "-gc=go writes them for x86-64 ELF targets)");
      continue;
    }
    // The dumper keeps a reference to the name: it must outlive it.
    const std::string Name = File == "-" ? "<stdin>" : File;
    Dumper D(Name, *ELF);
    OK &= D.run();
  }
  return OK ? 0 : 1;
}
