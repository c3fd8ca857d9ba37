//===- go-stackmap-dump.cpp - Print the go_stackmap tables of an ELF file -===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Reads an ELF object, executable or shared library, decodes its go_stackmap
// section (docs/StackMapFormat.md) and prints, per function, its name, entry,
// frame size and each call site's return address and live stack words. In a
// relocatable object the function entries are relocations, resolved here to
// symbol + addend; in a linked file they are addresses, named through the
// symbol table. All format knowledge is lib/StackMapFormat's (decodeSection,
// decodeLLVMStackMaps) and go_stackmap.h's (--lookup); this file only finds
// sections, symbols and relocations and prints.
//
//   go-stackmap-dump prog.o            # text
//   go-stackmap-dump --json prog.o     # JSON, with a summary for benchmarks
//   go-stackmap-dump --verify prog     # also check order and bounds
//   go-stackmap-dump --llvm prog.o     # the same view of .llvm_stackmaps
//   go-stackmap-dump --lookup=0x4011a5 prog  # what a runtime finds for a
//                                            # return address (go_stackmap.h)
//
// Errors are one line, `go-stackmap-dump: error: <file>: ...`, exit code 1.
//
//===----------------------------------------------------------------------===//

#include "gollc/StackMapFormat.h"
#include "gollc/Version.h"
#include "gollc/go_stackmap.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/BinaryFormat/ELF.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <map>
#include <memory>

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

/// One decoded table and the entries of its functions.
struct Decoded {
  uint64_t SectionIndex = 0;
  stackmap::Table T;
  std::vector<Entry> Entries;
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
  void collectSymbols();
  const Entry *functionAt(int64_t SectionIndex, uint64_t Address) const;
  bool collectRelocations(const SectionRef &S, uint32_t Type,
                          StringRef TypeName);
  std::string symbolize(const Entry &E, uint64_t Off) const;
  std::string tableName(size_t TI) const;
  bool readGo(const SectionRef &S);
  bool readLLVM();
  bool verify();
  void printJSON();
  void printSummary(json::OStream &J);
  void printText();
  bool lookup();

  StringRef File;
  const ELFObjectFileBase &Obj;
  bool Relocatable = false;
  /// Function symbols by (section index in a .o, else -1; address).
  std::map<std::pair<int64_t, uint64_t>, Entry> FuncSyms;
  /// Relocatable objects: offset in the section being read -> the entry its
  /// relocation names (symbol + addend).
  std::map<uint64_t, Entry> Relocs;
  /// Every table of every section read, in section order.
  std::vector<Decoded> All;
  /// The sections read: their number, bytes and relocations.
  std::vector<SectionRef> Sections;
  uint64_t NumRelocations = 0;
};

void Dumper::collectSymbols() {
  for (const ELFSymbolRef &Sym : Obj.symbols()) {
    Expected<SymbolRef::Type> Ty = Sym.getType();
    Expected<StringRef> Name = Sym.getName();
    Expected<uint64_t> Addr = Sym.getAddress();
    Expected<section_iterator> Sec = Sym.getSection();
    if (!Ty || !Name || !Addr || !Sec) {
      consumeError(Ty.takeError());
      consumeError(Name.takeError());
      consumeError(Addr.takeError());
      consumeError(Sec.takeError());
      continue;
    }
    if (*Ty != SymbolRef::ST_Function)
      continue;
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
}

const Entry *Dumper::functionAt(int64_t SectionIndex, uint64_t Address) const {
  auto It = FuncSyms.find(std::make_pair(SectionIndex, Address));
  return It == FuncSyms.end() ? nullptr : &It->second;
}

/// Records, for each relocation against \p S (all of type \p Type, called
/// \p TypeName in errors), the
/// entry it names: the function symbol at symbol + addend if there is one
/// (the printer relocates against the section, through a local label),
/// else "<symbol or section>+0x<offset>".
bool Dumper::collectRelocations(const SectionRef &S, uint32_t Type,
                                StringRef TypeName) {
  Relocs.clear();
  Expected<StringRef> SecName = S.getName();
  std::string Where = SecName ? SecName->str() : "the section";
  if (!SecName)
    consumeError(SecName.takeError());
  for (const SectionRef &RS : Obj.sections()) {
    Expected<section_iterator> Target = RS.getRelocatedSection();
    if (!Target) {
      consumeError(Target.takeError());
      continue;
    }
    if (*Target != S)
      continue;
    for (const RelocationRef &R : RS.relocations()) {
      std::string At =
          " at " + Where + " offset 0x" + utohexstr(R.getOffset(), true);
      if (R.getType() != Type)
        return fail("unexpected relocation type " + Twine(R.getType()) + At +
                    " (only " + TypeName + ")");
      symbol_iterator Sym = R.getSymbol();
      if (Sym == Obj.symbol_end())
        return fail("relocation without a symbol" + At);
      Expected<StringRef> Name = Sym->getName();
      Expected<uint64_t> Value = Sym->getValue();
      Expected<section_iterator> SymSec = Sym->getSection();
      Expected<int64_t> Addend = ELFRelocationRef(R).getAddend();
      if (!Name || !Value || !SymSec || !Addend) {
        consumeError(Name.takeError());
        consumeError(Value.takeError());
        consumeError(SymSec.takeError());
        consumeError(Addend.takeError());
        return fail("unreadable relocation" + At);
      }
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
      ++NumRelocations;
    }
  }
  return true;
}

std::string Dumper::symbolize(const Entry &E, uint64_t Off) const {
  std::string S = E.Name.empty() ? "0x" + utohexstr(E.Address, true) : E.Name;
  if (Off)
    S += "+0x" + utohexstr(Off, true);
  return S;
}

std::string Dumper::tableName(size_t TI) const {
  std::string S = "0x" + utohexstr(All[TI].T.Offset, true);
  if (Sections.size() > 1)
    S += " of section " + std::to_string(All[TI].SectionIndex);
  return S;
}

static ArrayRef<uint8_t> bytesOf(StringRef S) {
  return ArrayRef<uint8_t>(reinterpret_cast<const uint8_t *>(S.data()),
                           S.size());
}

bool Dumper::run() {
  if (Obj.getBytesInAddress() != 8 || !Obj.isLittleEndian())
    return fail("not a 64-bit little-endian ELF file");
  Relocatable = Obj.isRelocatableObject();
  collectSymbols();
  StringRef Wanted = LLVMOpt ? ".llvm_stackmaps" : stackmap::SectionName;
  for (const SectionRef &S : Obj.sections()) {
    Expected<StringRef> Name = S.getName();
    if (Name && *Name == Wanted)
      Sections.push_back(S);
    if (!Name)
      consumeError(Name.takeError());
  }
  if (Sections.empty())
    return fail("no " + Wanted + " section");
  // A relocatable object has one go_stackmap per COMDAT group besides the
  // main one; a linked file has one. LLVM writes one .llvm_stackmaps.
  if (LLVMOpt) {
    Sections.erase(Sections.begin(), Sections.end() - 1);
    if (!readLLVM())
      return false;
  } else {
    for (const SectionRef &S : Sections)
      if (!readGo(S))
        return false;
  }
  if (!LookupOpt.empty())
    return lookup();
  if (VerifyOpt && !verify())
    return false;
  if (JSONOpt)
    printJSON();
  else
    printText();
  return true;
}

bool Dumper::readGo(const SectionRef &S) {
  Expected<StringRef> Contents = S.getContents();
  if (!Contents)
    return fail("cannot read the go_stackmap section: " +
                toString(Contents.takeError()));
  if (Relocatable && !collectRelocations(S, ELF::R_X86_64_PC32, "R_X86_64_PC32"))
    return false;
  Expected<std::vector<stackmap::Table>> Tables =
      stackmap::decodeSection(bytesOf(*Contents));
  if (!Tables)
    return fail("go_stackmap: " + toString(Tables.takeError()));

  // Resolve every entry first, so that errors come before any output.
  for (stackmap::Table &T : *Tables) {
    Decoded D;
    D.SectionIndex = S.getIndex();
    for (size_t F = 0; F < T.Functions.size(); ++F) {
      uint64_t FieldOff = T.Offset + stackmap::functionStartFieldOffset(F);
      Entry E;
      if (Relocatable) {
        // The field holds S + A - P; the entry is S + A.
        auto It = Relocs.find(FieldOff);
        if (It == Relocs.end())
          return fail("function record " + Twine(F) +
                      " of the table at offset 0x" + utohexstr(T.Offset, true) +
                      " of section " + Twine(S.getIndex()) +
                      ": no relocation for its start field at section "
                      "offset 0x" +
                      utohexstr(FieldOff, true));
        E = It->second;
      } else {
        E.Address =
            S.getAddress() + uint64_t(int64_t(T.Offset) + T.Functions[F].Start);
        if (const Entry *Sym = functionAt(-1, E.Address))
          E = *Sym;
      }
      D.Entries.push_back(E);
    }
    D.T = std::move(T);
    All.push_back(std::move(D));
  }
  return true;
}

bool Dumper::readLLVM() {
  const SectionRef &S = Sections.front();
  Expected<StringRef> Contents = S.getContents();
  if (!Contents)
    return fail("cannot read the .llvm_stackmaps section: " +
                toString(Contents.takeError()));
  // Function addresses: in a relocatable object, R_X86_64_64 relocations.
  if (Relocatable && !collectRelocations(S, ELF::R_X86_64_64, "R_X86_64_64"))
    return false;
  auto EntryOf = [&](const stackmap::LLVMStackMapFunction &LF) -> const Entry * {
    if (Relocatable) {
      auto It = Relocs.find(LF.AddressFieldOffset);
      return It == Relocs.end() ? nullptr : &It->second;
    }
    return functionAt(-1, LF.Address);
  };
  auto NameOf = [&](size_t F, const stackmap::LLVMStackMapFunction &LF) {
    const Entry *E = EntryOf(LF);
    return E && !E->Name.empty() ? E->Name : std::to_string(F);
  };
  Expected<std::vector<stackmap::LLVMStackMapFunction>> Fns =
      stackmap::decodeLLVMStackMaps(bytesOf(*Contents), NameOf);
  if (!Fns)
    return fail(toString(Fns.takeError()));
  Decoded D;
  D.SectionIndex = S.getIndex();
  D.T.Size = uint32_t(std::min<uint64_t>(Contents->size(), UINT32_MAX));
  for (size_t F = 0; F < Fns->size(); ++F) {
    stackmap::LLVMStackMapFunction &LF = (*Fns)[F];
    Entry E;
    if (const Entry *Found = EntryOf(LF))
      E = *Found;
    else if (Relocatable)
      return fail(".llvm_stackmaps: function " + Twine(F) +
                  " has no relocation for its address");
    else
      E.Address = LF.Address;
    // v3 has no code sizes: the function symbol's size.
    LF.Fn.CodeSize = uint32_t(E.Size);
    D.T.Functions.push_back(std::move(LF.Fn));
    D.Entries.push_back(E);
  }
  All.push_back(std::move(D));
  return true;
}

/// --verify: what the symbol table can tell beyond stackmap::verifyTable.
bool Dumper::verify() {
  for (const Decoded &D : All) {
    if (!Relocatable && !LLVMOpt)
      if (Error E = stackmap::verifyTable(D.T))
        return fail("go_stackmap: " + toString(std::move(E)));
    for (size_t F = 0; F < D.T.Functions.size(); ++F) {
      const Entry &E = D.Entries[F];
      const stackmap::Function &Fn = D.T.Functions[F];
      if (F > 0 && (Relocatable || LLVMOpt) &&
          D.Entries[F - 1].SectionIndex == E.SectionIndex &&
          D.Entries[F - 1].Address >= E.Address)
        return fail("function " + symbolize(E, 0) + " is not sorted after " +
                    symbolize(D.Entries[F - 1], 0));
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
  return true;
}

/// The figures a benchmark needs, so that no script parses the format: the
/// bytes of the sections read and their relocations, and what they hold.
void Dumper::printSummary(json::OStream &J) {
  uint64_t SectionBytes = 0, Functions = 0, CallSites = 0, LiveWords = 0,
           PoolWords = 0, TableBytes = 0;
  for (const SectionRef &S : Sections)
    SectionBytes += S.getSize();
  for (const Decoded &D : All) {
    TableBytes += D.T.Size;
    PoolWords += D.T.PoolWords;
    Functions += D.T.Functions.size();
    for (const stackmap::Function &Fn : D.T.Functions)
      for (const stackmap::CallSite &CS : Fn.CallSites) {
        ++CallSites;
        LiveWords += CS.LiveWords.size() + CS.CFAWords.size();
      }
  }
  J.attributeObject("summary", [&] {
    J.attribute("format", LLVMOpt ? ".llvm_stackmaps" : "go_stackmap");
    J.attribute("sections", int64_t(Sections.size()));
    J.attribute("section_bytes", int64_t(SectionBytes));
    J.attribute("relocations", int64_t(NumRelocations));
    J.attribute("tables", int64_t(All.size()));
    J.attribute("table_bytes", int64_t(TableBytes));
    J.attribute("functions", int64_t(Functions));
    J.attribute("callsites", int64_t(CallSites));
    J.attribute("live_words", int64_t(LiveWords));
    J.attribute("pool_words", int64_t(PoolWords));
  });
}

void Dumper::printJSON() {
  auto Offsets = [](json::OStream &J, StringRef Key,
                    const std::vector<uint32_t> &Words) {
    J.attributeArray(Key, [&] {
      for (uint32_t W : Words)
        J.value(int64_t(W) * 8);
    });
  };
  json::OStream J(outs(), 2);
  J.object([&] {
    J.attribute("file", File);
    printSummary(J);
    J.attributeArray("tables", [&] {
      for (const Decoded &D : All)
        J.object([&] {
          J.attribute("section", int64_t(D.SectionIndex));
          J.attribute("offset", int64_t(D.T.Offset));
          J.attribute("size", int64_t(D.T.Size));
          J.attribute("pool_words", int64_t(D.T.PoolWords));
          J.attributeArray("functions", [&] {
            for (size_t F = 0; F < D.T.Functions.size(); ++F)
              J.object([&] {
                const stackmap::Function &Fn = D.T.Functions[F];
                J.attribute("name", D.Entries[F].Name);
                J.attribute("address", int64_t(D.Entries[F].Address));
                if (Fn.FrameSize == stackmap::FrameVariable)
                  J.attribute("frame_size", "variable");
                else
                  J.attribute("frame_size", int64_t(Fn.FrameSize));
                J.attribute("code_size", int64_t(Fn.CodeSize));
                J.attributeArray("callsites", [&] {
                  for (const stackmap::CallSite &CS : Fn.CallSites)
                    J.object([&] {
                      J.attribute("ret_offset", int64_t(CS.RetOffset));
                      Offsets(J, "live", CS.LiveWords);
                      if (!CS.CFAWords.empty())
                        Offsets(J, "live_cfa", CS.CFAWords);
                    });
                });
              });
          });
        });
    });
  });
  outs() << "\n";
}

void Dumper::printText() {
  if (LLVMOpt)
    outs() << File << ": .llvm_stackmaps v3\n";
  else
    outs() << File << ": go_stackmap, " << All.size() << " table(s)\n";
  for (size_t TI = 0; TI < All.size(); ++TI) {
    const stackmap::Table &T = All[TI].T;
    size_t NumCS = 0;
    for (const stackmap::Function &Fn : T.Functions)
      NumCS += Fn.CallSites.size();
    if (!LLVMOpt)
      outs() << "table at " << tableName(TI) << ": " << T.Size << " bytes, "
             << T.Functions.size() << " function(s), " << NumCS
             << " call site(s), " << T.PoolWords << " pool word(s)\n";
    for (size_t F = 0; F < T.Functions.size(); ++F) {
      const stackmap::Function &Fn = T.Functions[F];
      const Entry &E = All[TI].Entries[F];
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
}

/// --lookup: indexes the section's bytes with go_stackmap.h's helpers, the
/// code every runtime uses, and looks each address up as a return address.
/// The tables are copied to an 8-byte aligned buffer; their PC-relative
/// starts then point into the buffer, so addresses are translated by the
/// distance between the buffer and the section's address.
bool Dumper::lookup() {
  if (LLVMOpt)
    return fail("--lookup reads go_stackmap, not .llvm_stackmaps");
  if (Relocatable)
    return fail("--lookup needs a linked file (function entries of a "
                "relocatable object are relocations)");
  if (Sections.size() > 1)
    return fail("--lookup: more than one go_stackmap section");
  const SectionRef &Section = Sections.front();
  Expected<StringRef> Contents = Section.getContents();
  if (!Contents)
    return fail(toString(Contents.takeError()));
  std::vector<uint64_t> Buf((Contents->size() + 7) / 8);
  memcpy(Buf.data(), Contents->data(), Contents->size());
  const char *Begin = reinterpret_cast<const char *>(Buf.data());
  const char *End = Begin + Contents->size();
  go_stackmap_index Idx;
  if (go_stackmap_index_build(Begin, End, malloc, &Idx) != 0)
    return fail("out of memory indexing the tables");
  std::unique_ptr<go_stackmap_index_entry, decltype(&free)> Owner(Idx.entries,
                                                                 free);
  if (Idx.rejected)
    return fail("go_stackmap: malformed table at offset 0x" +
                utohexstr(uint64_t(reinterpret_cast<const char *>(Idx.bad) -
                                   Begin),
                          true));
  const go_stackmap_index_entry *Index = Idx.entries;
  size_t N = Idx.count;
  uint64_t Delta = Section.getAddress() - reinterpret_cast<uintptr_t>(Begin);
  for (const std::string &A : LookupOpt) {
    uint64_t RA;
    if (StringRef(A).getAsInteger(0, RA))
      return fail("--lookup: '" + A + "' is not an address");
    uintptr_t Local = uintptr_t(RA - Delta);
    outs() << "ra 0x" << utohexstr(RA, true) << ": ";
    const go_stackmap_index_entry *E =
        go_stackmap_index_find(Index, N, Local);
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
    bool Any = false;
    // One step per live word, as a runtime scans (go_stackmap.h).
    auto PrintLive = [&](const char *Base, auto Next) {
      for (uint32_t K = Next(0); K != GO_STACKMAP_NO_WORD; K = Next(K + 1)) {
        outs() << ' ' << Base << '+' << 8 * uint64_t(K);
        Any = true;
      }
    };
    PrintLive("sp", [&](uint32_t K) {
      return go_stackmap_next_live(E->table, C, K);
    });
    PrintLive("cfa", [&](uint32_t K) {
      return go_stackmap_cfa_next_live(E->table, C, K);
    });
    outs() << (Any ? "" : " none") << "\n";
  }
  return true;
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
    // The dumper keeps a reference to the name: it must outlive it.
    const std::string Name = File == "-" ? "<stdin>" : File;
    auto Fail = [&](const Twine &Msg) {
      errs() << "go-stackmap-dump: error: " << Name << ": " << Msg << "\n";
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
    Dumper D(Name, *ELF);
    OK &= D.run();
  }
  return OK ? 0 : 1;
}
