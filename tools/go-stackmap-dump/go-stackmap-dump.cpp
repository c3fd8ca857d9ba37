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
//
// Errors are one line, `go-stackmap-dump: error: <file>: ...`, exit code 1.
//
//===----------------------------------------------------------------------===//

#include "gollc/StackMapFormat.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/BinaryFormat/ELF.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/JSON.h"
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
  bool print();
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
  return print();
}

bool Dumper::decodeOneSection() {
  Expected<StringRef> Contents = Section.getContents();
  if (!Contents)
    return fail("cannot read the go_stackmap section: " +
                toString(Contents.takeError()));

  Relocs.clear();
  if (Relocatable) {
    for (const SectionRef &RS : Obj.sections()) {
      Expected<section_iterator> Target = RS.getRelocatedSection();
      if (!Target) {
        consumeError(Target.takeError());
        continue;
      }
      if (*Target != Section)
        continue;
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
      if (!Relocatable)
        if (Error E = stackmap::verifyTable(T))
          return fail("go_stackmap: " + toString(std::move(E)));
      for (size_t F = 0; F < T.Functions.size(); ++F) {
        const Entry &E = Entries[TI][F];
        const stackmap::Function &Fn = T.Functions[F];
        if (F > 0 && Relocatable &&
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
                  J.attribute("frame_size", int64_t(Fn.FrameSize));
                  J.attributeArray("callsites", [&] {
                    for (const stackmap::CallSite &CS : Fn.CallSites)
                      J.object([&] {
                        J.attribute("ret_offset", int64_t(CS.RetOffset));
                        J.attributeArray("live", [&] {
                          for (uint32_t W : CS.LiveWords)
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

  outs() << File << ": go_stackmap, " << Tables->size() << " table(s)\n";
  for (size_t TI = 0; TI < Tables->size(); ++TI) {
    const stackmap::Table &T = (*Tables)[TI];
    size_t NumCS = 0;
    for (const stackmap::Function &Fn : T.Functions)
      NumCS += Fn.CallSites.size();
    outs() << "table at " << tableName(TI) << ": " << T.Size << " bytes, "
           << T.Functions.size() << " function(s), " << NumCS
           << " call site(s), " << T.PoolWords << " pool word(s)\n";
    for (size_t F = 0; F < T.Functions.size(); ++F) {
      const stackmap::Function &Fn = T.Functions[F];
      const Entry &E = Entries[TI][F];
      outs() << "function " << symbolize(E, 0) << " at 0x"
             << utohexstr(E.Address, true) << " frame_size " << Fn.FrameSize
             << "\n";
      for (const stackmap::CallSite &CS : Fn.CallSites) {
        outs() << "  ret " << symbolize(E, CS.RetOffset) << " live:";
        if (CS.LiveWords.empty())
          outs() << " none";
        for (uint32_t W : CS.LiveWords)
          outs() << " sp+" << uint64_t(W) * 8;
        outs() << "\n";
      }
    }
  }
  if (VerifyOpt)
    outs() << "verify: ok\n";
  return true;
}

} // namespace

int main(int Argc, char **Argv) {
  InitLLVM X(Argc, Argv);
  cl::HideUnrelatedOptions(DumpCategory);
  cl::ParseCommandLineOptions(
      Argc, Argv,
      "go-stackmap-dump: print the go_stackmap tables of ELF files\n");
  bool OK = true;
  for (const std::string &File : InputFiles) {
    Expected<OwningBinary<ObjectFile>> Bin = ObjectFile::createObjectFile(File);
    if (!Bin) {
      std::string Msg = toString(Bin.takeError());
      errs() << "go-stackmap-dump: error: " << File << ": " << Msg << "\n";
      OK = false;
      continue;
    }
    const auto *ELF = dyn_cast<ELFObjectFileBase>(Bin->getBinary());
    if (!ELF) {
      errs() << "go-stackmap-dump: error: " << File << ": not an ELF file\n";
      OK = false;
      continue;
    }
    Dumper D(File, *ELF);
    OK &= D.run();
  }
  return OK ? 0 : 1;
}
