//===- ParallelCodeGen.cpp - go-llc -codegen-threads: cut and link --------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// go-llc -codegen-threads=N, the two halves that do not run on the threads:
// the cut of the lowered module into N parts (decided on the whole module,
// after the Go lowering, which is whole-module: go-gc-roots builds one root
// list) and the link of the part objects into the one output object with
// `ld.lld -r`. Driver.cpp generates code for the parts in between.
//
// The cut is LLVM's SplitModule idea (llvm/Transforms/Utils/SplitModule.h)
// with differences that matter for go-llc's objects:
//  - parts are balanced by instructions, not by a hash of the names, so
//    that N threads finish at about the same time;
//  - only a local that another part refers to becomes a global, and it is
//    made local again in the linked object: two go-llc objects of one
//    program often have locals of the same name, which must not become
//    duplicate hidden globals at the final link;
//  - each part is written from the module itself, the other parts'
//    definitions made declarations for the time, instead of from a copy of
//    the module per part (which a module with aliases still gets);
//  - llvm.used and llvm.compiler.used stay in every part, so that what they
//    keep (SHF_GNU_RETAIN sections) is kept whichever part defines it.
// Each part carries its own go_stackmap table; a runtime reads the several
// tables of the linked object as it reads those of several objects
// (docs/StackMapFormat.md, "Where the tables are").
//
//   go-llc -O2 -gc=go -filetype=obj -codegen-threads=2 prog.ll -o prog.o
//
//===----------------------------------------------------------------------===//

#include "ParallelCodeGen.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/GlobalAlias.h"
#include "llvm/IR/GlobalIFunc.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Instruction.h"
#include "llvm/IR/Module.h"
#include "llvm/Object/ELF.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"
#include "llvm/Transforms/Utils/ValueMapper.h"

#include <algorithm>
#include <numeric>

using namespace llvm;

namespace gollc {

//===----------------------------------------------------------------------===//
// The cut
//===----------------------------------------------------------------------===//

namespace {

/// llvm.used and llvm.compiler.used: in every part, filtered.
bool isUsedList(const GlobalValue &GV) {
  return GV.getName() == "llvm.used" || GV.getName() == "llvm.compiler.used";
}

/// The module's other special globals (llvm.global_ctors, ...): part 0.
bool isSpecialGlobal(const GlobalValue &GV) {
  if (GV.getName().starts_with("llvm."))
    return true;
  const auto *Var = dyn_cast<GlobalVariable>(&GV);
  return Var && Var->getSection() == "llvm.metadata";
}

/// Calls \p Fn with every global value that uses \p V, through constant
/// expressions: the function of an instruction, a global whose initializer
/// (or aliasee, or personality) names it.
void forEachUserGlobal(const Value *V,
                       function_ref<void(const GlobalValue *)> Fn) {
  SmallVector<const User *, 16> Work(V->user_begin(), V->user_end());
  SmallPtrSet<const User *, 16> Seen;
  while (!Work.empty()) {
    const User *U = Work.pop_back_val();
    if (!Seen.insert(U).second)
      continue;
    if (const auto *I = dyn_cast<Instruction>(U))
      Fn(I->getFunction());
    else if (const auto *GV = dyn_cast<GlobalValue>(U))
      Fn(GV);
    else if (isa<Constant>(U))
      Work.append(U->user_begin(), U->user_end());
  }
}

/// The module's definitions, the groups that must share a part, and the
/// part of each: what to do, before any part is built.
class PartitionPlan {
public:
  PartitionPlan(Module &M, unsigned N);

  /// The part \p GV is defined in; none for a declaration or a used list.
  std::optional<unsigned> partOf(const GlobalValue *GV) const {
    auto It = Index.find(GV);
    if (It == Index.end())
      return std::nullopt;
    return Part[It->second];
  }

  /// The definitions, in module order (functions, variables, aliases,
  /// ifuncs), without the used lists.
  ArrayRef<GlobalValue *> definitions() const { return Defs; }

private:
  void add(GlobalValue &GV);
  unsigned find(unsigned I);
  /// The smaller index leads, so the groups do not depend on the order
  /// the joins happen in.
  void join(unsigned A, unsigned B);
  void groupDefinitions();
  void assignParts(unsigned N);

  std::vector<GlobalValue *> Defs;
  DenseMap<const GlobalValue *, unsigned> Index;
  std::vector<unsigned> Leader;
  std::vector<unsigned> Part;
};

PartitionPlan::PartitionPlan(Module &M, unsigned N) {
  for (Function &F : M.functions())
    add(F);
  for (GlobalVariable &GV : M.globals())
    add(GV);
  for (GlobalAlias &GA : M.aliases())
    add(GA);
  for (GlobalIFunc &GI : M.ifuncs())
    add(GI);
  groupDefinitions();
  assignParts(N);
}

void PartitionPlan::add(GlobalValue &GV) {
  if (GV.isDeclaration() || isUsedList(GV))
    return;
  Index[&GV] = Defs.size();
  Leader.push_back(Defs.size());
  Defs.push_back(&GV);
}

unsigned PartitionPlan::find(unsigned I) {
  while (Leader[I] != I) {
    Leader[I] = Leader[Leader[I]];
    I = Leader[I];
  }
  return I;
}

void PartitionPlan::join(unsigned A, unsigned B) {
  A = find(A);
  B = find(B);
  if (A == B)
    return;
  if (B < A)
    std::swap(A, B);
  Leader[B] = A;
}

void PartitionPlan::groupDefinitions() {
  DenseMap<const Comdat *, unsigned> ComdatFirst;
  for (unsigned I = 0; I != Defs.size(); ++I) {
    GlobalValue *GV = Defs[I];
    // A COMDAT group is kept or dropped whole by the final link.
    if (const Comdat *C = GV->getComdat()) {
      auto [It, New] = ComdatFirst.try_emplace(C, I);
      if (!New)
        join(It->second, I);
    }
    // An alias is a label inside its aliasee; an ifunc needs its resolver.
    const GlobalObject *Base = nullptr;
    if (const auto *GA = dyn_cast<GlobalAlias>(GV))
      Base = GA->getAliaseeObject();
    else if (const auto *GI = dyn_cast<GlobalIFunc>(GV))
      Base = GI->getResolverFunction();
    if (Base)
      if (auto It = Index.find(Base); It != Index.end())
        join(I, It->second);
    // A block address is a label of one object file.
    if (const auto *F = dyn_cast<Function>(GV))
      for (const BasicBlock &BB : *F)
        if (const BlockAddress *BA = BlockAddress::lookup(&BB))
          forEachUserGlobal(BA, [&](const GlobalValue *U) {
            if (auto It = Index.find(U); It != Index.end())
              join(I, It->second);
          });
  }
}

/// Longest processing time first: the groups by decreasing instruction
/// count, each into the part with the fewest instructions so far (the
/// lowest-numbered on a tie). The special globals go into part 0, groups
/// without code next to their first user.
void PartitionPlan::assignParts(unsigned N) {
  struct Group {
    unsigned Leader;
    uint64_t Weight = 0;
    bool PartZero = false;
  };
  std::vector<Group> Groups;
  DenseMap<unsigned, unsigned> GroupOf;
  for (unsigned I = 0; I != Defs.size(); ++I) {
    unsigned L = find(I);
    auto [It, New] = GroupOf.try_emplace(L, Groups.size());
    if (New)
      Groups.push_back({L});
    Group &G = Groups[It->second];
    if (const auto *F = dyn_cast<Function>(Defs[I]))
      // A function costs the code generator something even when tiny
      // (its frame, its stack-map record).
      G.Weight += F->getInstructionCount() + 8;
    G.PartZero |= isSpecialGlobal(*Defs[I]);
  }
  std::vector<unsigned> Order(Groups.size());
  std::iota(Order.begin(), Order.end(), 0);
  std::stable_sort(Order.begin(), Order.end(), [&](unsigned A, unsigned B) {
    return Groups[A].Weight > Groups[B].Weight;
  });
  std::vector<uint64_t> Load(N, 0);
  std::vector<unsigned> GroupPart(Groups.size(), 0);
  for (unsigned G : Order)
    if (Groups[G].PartZero || Groups[G].Weight == 0)
      Load[0] += Groups[G].Weight;
  for (unsigned G : Order) {
    if (Groups[G].PartZero || Groups[G].Weight == 0)
      continue;
    unsigned P = std::min_element(Load.begin(), Load.end()) - Load.begin();
    GroupPart[G] = P;
    Load[P] += Groups[G].Weight;
  }
  // A group without code (variables: a private string, a type descriptor)
  // goes where its first user with code is, so that it stays local unless
  // functions of several parts use it; one no function uses, into part 0.
  std::vector<unsigned> FirstUser(Groups.size(), ~0u);
  for (unsigned I = 0; I != Defs.size(); ++I) {
    unsigned G = GroupOf[find(I)];
    if (Groups[G].PartZero || Groups[G].Weight != 0)
      continue;
    forEachUserGlobal(Defs[I], [&](const GlobalValue *U) {
      auto It = Index.find(U);
      if (It == Index.end())
        return;
      const Group &UG = Groups[GroupOf[find(It->second)]];
      if (!UG.PartZero && UG.Weight != 0)
        FirstUser[G] = std::min(FirstUser[G], It->second);
    });
  }
  for (unsigned G = 0; G != Groups.size(); ++G)
    if (FirstUser[G] != ~0u)
      GroupPart[G] = GroupPart[GroupOf[find(FirstUser[G])]];
  Part.resize(Defs.size());
  for (unsigned I = 0; I != Defs.size(); ++I)
    Part[I] = GroupPart[GroupOf[find(I)]];
}

/// Makes the locals another part refers to hidden globals (so that the
/// parts link); returns their names.
std::vector<std::string> externalizeSharedLocals(const PartitionPlan &Plan) {
  std::vector<std::string> Names;
  for (GlobalValue *GV : Plan.definitions()) {
    if (!GV->hasLocalLinkage())
      continue;
    unsigned Own = *Plan.partOf(GV);
    bool Shared = false;
    forEachUserGlobal(GV, [&](const GlobalValue *U) {
      std::optional<unsigned> P = Plan.partOf(U);
      Shared |= P && *P != Own;
    });
    if (!Shared)
      continue;
    GV->setLinkage(GlobalValue::ExternalLinkage);
    GV->setVisibility(GlobalValue::HiddenVisibility);
    if (!GV->hasName())
      GV->setName("__gollc_part_local");
    Names.push_back(GV->getName().str());
  }
  return Names;
}

/// A part's llvm.used / llvm.compiler.used name only its own definitions
/// (a declaration there would keep nothing, and the definition's part
/// would lose the entry).
void filterUsedLists(Module &Part) {
  for (StringRef Name : {"llvm.used", "llvm.compiler.used"})
    if (GlobalVariable *GV = Part.getNamedGlobal(Name))
      if (!GV->hasInitializer() || !isa<ConstantArray>(GV->getInitializer()))
        return;
  removeFromUsedLists(Part, [](Constant *C) {
    const auto *GV = dyn_cast<GlobalValue>(C->stripPointerCasts());
    return !GV || GV->isDeclaration();
  });
}

/// The definitions of the other parts, made declarations while one part
/// is written from the module itself, and given back afterwards: a body is
/// moved into a function outside the module (its blocks, not copies of
/// them), an initializer, linkage, COMDAT, personality and attachments put
/// aside. Much cheaper than a copy of the module per part (CloneModule),
/// which is also freed again (0.6 s against 1.7 s for the cut of a
/// 5,000-function module), and the objects are the same.
class DefinitionMask {
public:
  /// \p Holders is the module the bodies wait in (the holding functions
  /// are made once, and kept for the next part).
  DefinitionMask(ArrayRef<GlobalValue *> Defs,
                 function_ref<bool(const GlobalValue *)> Keep, Module &Holders,
                 DenseMap<Function *, Function *> &HolderOf)
      : Holders(Holders), HolderOf(HolderOf) {
    for (GlobalValue *GV : Defs)
      if (!Keep(GV))
        hide(*cast<GlobalObject>(GV));
  }
  ~DefinitionMask() {
    for (Hidden &H : reverse(Saved))
      restore(H);
  }
  DefinitionMask(const DefinitionMask &) = delete;
  DefinitionMask &operator=(const DefinitionMask &) = delete;

private:
  struct Hidden {
    GlobalObject *GO;
    GlobalValue::LinkageTypes Linkage;
    bool DSOLocal;
    Comdat *C;
    SmallVector<std::pair<unsigned, MDNode *>, 2> MDs;
    Constant *Init = nullptr;
    Function *Body = nullptr;
    Constant *Personality = nullptr, *Prefix = nullptr, *Prologue = nullptr;
  };

  void hide(GlobalObject &GO) {
    Hidden &H = Saved.emplace_back();
    H.GO = &GO;
    H.Linkage = GO.getLinkage();
    H.DSOLocal = GO.isDSOLocal();
    H.C = GO.getComdat();
    GO.getAllMetadata(H.MDs);
    GO.clearMetadata();
    GO.setComdat(nullptr);
    if (auto *Var = dyn_cast<GlobalVariable>(&GO)) {
      H.Init = Var->getInitializer();
      Var->setInitializer(nullptr);
    } else {
      auto &F = cast<Function>(GO);
      if (F.hasPersonalityFn())
        H.Personality = F.getPersonalityFn();
      if (F.hasPrefixData())
        H.Prefix = F.getPrefixData();
      if (F.hasPrologueData())
        H.Prologue = F.getPrologueData();
      F.setPersonalityFn(nullptr);
      F.setPrefixData(nullptr);
      F.setPrologueData(nullptr);
      Function *&Body = HolderOf[&F];
      if (!Body) {
        Body = Function::Create(F.getFunctionType(),
                                GlobalValue::ExternalLinkage,
                                F.getAddressSpace(), "", &Holders);
        Body->IsNewDbgInfoFormat = F.IsNewDbgInfoFormat;
      }
      H.Body = Body;
      H.Body->splice(H.Body->end(), &F);
    }
    // A declaration is external, as CloneModule makes it.
    GO.setLinkage(GlobalValue::ExternalLinkage);
  }

  void restore(Hidden &H) {
    GlobalObject &GO = *H.GO;
    GO.setLinkage(H.Linkage);
    GO.setDSOLocal(H.DSOLocal);
    if (auto *Var = dyn_cast<GlobalVariable>(&GO)) {
      Var->setInitializer(H.Init);
    } else {
      auto &F = cast<Function>(GO);
      F.splice(F.end(), H.Body);
      if (H.Personality)
        F.setPersonalityFn(H.Personality);
      if (H.Prefix)
        F.setPrefixData(H.Prefix);
      if (H.Prologue)
        F.setPrologueData(H.Prologue);
    }
    GO.setComdat(H.C);
    for (auto &[Kind, MD] : H.MDs)
      GO.addMetadata(Kind, *MD);
  }

  Module &Holders;
  DenseMap<Function *, Function *> &HolderOf;
  std::vector<Hidden> Saved;
};

bool hasSplitStackFunction(const Module &M) {
  return any_of(M, [](const Function &F) {
    return !F.isDeclaration() && F.hasFnAttribute("split-stack");
  });
}

} // namespace

ModuleParts splitModuleForCodeGen(Module &M, unsigned N) {
  PartitionPlan Plan(M, N);
  ModuleParts Parts;
  Parts.Externalized = externalizeSharedLocals(Plan);
  // An object with split-stack code has a .note.GNU-split-stack section,
  // and `ld -r` refuses to mix objects with and without one ("cannot mix
  // split-stack and non-split-stack in a relocatable link"). A part whose
  // functions all lack "split-stack" (part 0 may have none at all) gets
  // the note the whole module's object would have had.
  bool SplitStack = hasSplitStackFunction(M);
  std::vector<bool> PartSplitStack(N, false);
  for (const Function &F : M)
    if (std::optional<unsigned> P = Plan.partOf(&F);
        P && F.hasFnAttribute("split-stack"))
      PartSplitStack[*P] = true;
  std::string Asm = M.getModuleInlineAsm();
  auto partAsm = [&](unsigned P) {
    std::string Text = P == 0 ? Asm : "";
    if (SplitStack && !PartSplitStack[P])
      Text += ".pushsection .note.GNU-split-stack,\"\",@progbits\n"
              ".popsection\n";
    return Text;
  };
  auto inPart = [&](unsigned P) {
    return [&Plan, P](const GlobalValue *GV) {
      std::optional<unsigned> Own = Plan.partOf(GV);
      return !Own || *Own == P;
    };
  };

  // An alias cannot be a declaration: a module with aliases or ifuncs is
  // copied per part, as SplitModule does (declarations stand in for them).
  bool InPlace = M.alias_empty() && M.ifunc_empty();
  Module Holders("go-llc-part-holders", M.getContext());
  DenseMap<Function *, Function *> HolderOf;
  for (unsigned P = 0; P != N; ++P) {
    raw_svector_ostream OS(Parts.Bitcode.emplace_back());
    if (InPlace) {
      // llvm.used naming a declaration keeps nothing: on ELF it marks the
      // sections of definitions only.
      DefinitionMask Mask(Plan.definitions(), inPart(P), Holders, HolderOf);
      M.setModuleInlineAsm(partAsm(P));
      WriteBitcodeToFile(M, OS);
      continue;
    }
    ValueToValueMapTy VMap;
    std::unique_ptr<Module> Part = CloneModule(M, VMap, inPart(P));
    Part->setModuleInlineAsm(partAsm(P));
    filterUsedLists(*Part);
    // The constructor list and the like are part 0's; elsewhere they are
    // unused declarations.
    for (GlobalVariable &GV : make_early_inc_range(Part->globals()))
      if (GV.isDeclaration() && GV.use_empty() && isSpecialGlobal(GV))
        GV.eraseFromParent();
    WriteBitcodeToFile(*Part, OS);
  }
  M.setModuleInlineAsm(Asm);
  return Parts;
}

//===----------------------------------------------------------------------===//
// The link
//===----------------------------------------------------------------------===//

namespace {

std::string toolPath(StringRef Name) {
  SmallString<256> Path(GOLLC_LLVM_TOOLS_DIR);
  sys::path::append(Path, Name);
  return std::string(Path);
}

/// Runs \p Args (the program first), its output into \p Log. An error
/// message (the tool's first line) on failure.
std::optional<std::string> runTool(ArrayRef<std::string> Args,
                                   StringRef Log) {
  SmallVector<StringRef, 16> Argv(Args.begin(), Args.end());
  std::optional<StringRef> Redirects[] = {StringRef(""), Log, Log};
  std::string ErrMsg;
  int RC = sys::ExecuteAndWait(Args[0], Argv, std::nullopt, Redirects,
                               /*SecondsToWait=*/0, /*MemoryLimit=*/0,
                               &ErrMsg);
  if (RC == 0)
    return std::nullopt;
  std::string Msg = sys::path::filename(Args[0]).str() + " failed";
  if (ErrorOr<std::unique_ptr<MemoryBuffer>> Out =
          MemoryBuffer::getFile(Log, /*IsText=*/true);
      Out && !(*Out)->getBuffer().trim().empty())
    return Msg + ": " + (*Out)->getBuffer().trim().split('\n').first.str();
  if (!ErrMsg.empty())
    return Msg + ": " + ErrMsg;
  return Msg + " with exit code " + std::to_string(RC);
}

/// What llvm-objcopy's --localize-symbols file cannot spell: a name is a
/// line, cut at '#' and trimmed.
bool fitsSymbolsFile(StringRef Name) {
  return !Name.empty() && Name.find_first_of("#\n\r") == StringRef::npos &&
         Name.trim() == Name;
}

/// The split-stack notes: a section, empty, whose presence marks an object
/// with split-stack code (and code calling it without a split-stack
/// prologue). `ld.lld -r` refuses the first ("cannot mix split-stack and
/// non-split-stack in a relocatable link", even when every input has it)
/// and drops the second, so the parts carry them under a name of the same
/// length, first character '_', which the linked object gets back.
constexpr StringLiteral SplitStackNotes[] = {".note.GNU-split-stack",
                                             ".note.GNU-no-split-stack"};

/// Renames the split-stack notes of one ELF object in place; returns
/// which ones it had. The first character of each name is changed in the
/// section-name table, which only touches this name: another name sharing
/// its bytes (LLVM's string table merges tails) would start before it, and
/// then nothing is renamed and linking fails with ld.lld's error.
template <class ELFT>
Error hideSplitStackNotes(MutableArrayRef<char> Obj,
                          SmallVectorImpl<StringRef> &Found) {
  Expected<object::ELFFile<ELFT>> File =
      object::ELFFile<ELFT>::create(StringRef(Obj.data(), Obj.size()));
  if (!File)
    return File.takeError();
  auto Sections = File->sections();
  if (!Sections)
    return Sections.takeError();
  unsigned StrIndex = File->getHeader().e_shstrndx;
  if (StrIndex == 0 || StrIndex >= Sections->size())
    return Error::success();
  uint64_t StrOff = (*Sections)[StrIndex].sh_offset;
  uint64_t StrSize = (*Sections)[StrIndex].sh_size;
  struct Name {
    uint64_t Begin, End;
  };
  std::vector<Name> Names;
  SmallVector<uint64_t, 2> Hide;
  for (const auto &Sec : *Sections) {
    Expected<StringRef> SecName = File->getSectionName(Sec);
    if (!SecName)
      return SecName.takeError();
    Names.push_back({Sec.sh_name, Sec.sh_name + SecName->size()});
    if (is_contained(SplitStackNotes, *SecName)) {
      Hide.push_back(Sec.sh_name);
      if (!is_contained(Found, *SecName))
        Found.push_back(*find(SplitStackNotes, *SecName));
    }
  }
  for (uint64_t At : Hide) {
    if (At >= StrSize || any_of(Names, [&](const Name &N) {
          return N.Begin < At && N.End > At;
        }))
      return Error::success();
    Obj[StrOff + At] = '_';
  }
  return Error::success();
}

Error hideSplitStackNotes(MutableArrayRef<char> Obj,
                          SmallVectorImpl<StringRef> &Found) {
  // e_ident: class (1: 32-bit, 2: 64-bit), data (1: little, 2: big).
  if (Obj.size() < 16 || StringRef(Obj.data(), 4) != "\x7f" "ELF")
    return Error::success();
  bool Is64 = Obj[4] == 2, Little = Obj[5] == 1;
  if (Is64)
    return Little ? hideSplitStackNotes<object::ELF64LE>(Obj, Found)
                  : hideSplitStackNotes<object::ELF64BE>(Obj, Found);
  return Little ? hideSplitStackNotes<object::ELF32LE>(Obj, Found)
                : hideSplitStackNotes<object::ELF32BE>(Obj, Found);
}

} // namespace

std::optional<std::string> findPartLinkTools() {
  for (auto [Tool, Package] :
       {std::pair{"ld.lld", "lld-19"}, std::pair{"llvm-objcopy", "llvm-19"}}) {
    std::string Path = toolPath(Tool);
    if (!sys::fs::can_execute(Path))
      return "-codegen-threads links the parts with " + Path +
             ", which is missing (Debian package " + Package + ")";
  }
  return std::nullopt;
}

std::optional<std::string>
linkPartObjects(MutableArrayRef<SmallVector<char, 0>> Objects,
                ArrayRef<std::string> Localize, SmallVectorImpl<char> &Out) {
  SmallString<128> Dir;
  if (std::error_code EC = sys::fs::createUniqueDirectory("go-llc-parts", Dir))
    return "cannot create a directory for the parts: " + EC.message();
  std::vector<std::string> Files;
  auto Cleanup = make_scope_exit([&] {
    for (const std::string &F : Files) {
      sys::fs::remove(F);
      sys::DontRemoveFileOnSignal(F);
    }
    sys::fs::remove(Dir);
  });
  auto newFile = [&](const Twine &Name) {
    SmallString<128> Path(Dir);
    sys::path::append(Path, Name);
    Files.push_back(std::string(Path));
    sys::RemoveFileOnSignal(Path);
    return std::string(Path);
  };
  auto writeFile = [](StringRef Path,
                      StringRef Contents) -> std::optional<std::string> {
    std::error_code EC;
    raw_fd_ostream OS(Path, EC, sys::fs::OF_None);
    if (!EC) {
      OS << Contents;
      OS.close();
      if (OS.has_error()) {
        EC = OS.error();
        OS.clear_error();
      }
    }
    if (EC)
      return "cannot write " + Path.str() + ": " + EC.message();
    return std::nullopt;
  };

  std::string Linked = newFile("linked.o");
  std::string Log = newFile("tool.log");
  std::vector<std::string> Args = {toolPath("ld.lld"), "-r", "-o", Linked};
  SmallVector<StringRef, 2> Notes;
  for (size_t I = 0; I != Objects.size(); ++I) {
    if (Error E = hideSplitStackNotes(Objects[I], Notes))
      return "cannot read a part's object: " + toString(std::move(E));
    std::string Path = newFile("part" + Twine(I) + ".o");
    if (auto Err = writeFile(
            Path, StringRef(Objects[I].data(), Objects[I].size())))
      return Err;
    Args.push_back(Path);
  }
  if (auto Err = runTool(Args, Log))
    return Err;

  if (!Localize.empty() || !Notes.empty()) {
    std::string List;
    Args = {toolPath("llvm-objcopy")};
    for (StringRef Note : Notes)
      Args.push_back(("--rename-section=_" + Note.drop_front() + "=" + Note)
                         .str());
    for (const std::string &Name : Localize)
      if (fitsSymbolsFile(Name))
        List += Name + "\n";
      else
        Args.push_back("--localize-symbol=" + Name);
    if (!List.empty()) {
      std::string ListFile = newFile("localize.txt");
      if (auto Err = writeFile(ListFile, List))
        return Err;
      Args.push_back("--localize-symbols=" + ListFile);
    }
    Args.push_back(Linked);
    if (auto Err = runTool(Args, Log))
      return Err;
  }

  ErrorOr<std::unique_ptr<MemoryBuffer>> Result =
      MemoryBuffer::getFile(Linked, /*IsText=*/false,
                            /*RequiresNullTerminator=*/false);
  if (!Result)
    return "cannot read the linked object: " + Result.getError().message();
  Out.assign((*Result)->getBufferStart(), (*Result)->getBufferEnd());
  return std::nullopt;
}

} // namespace gollc
