//===- StackMapFormat.cpp - The go_stackmap format ------------------------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Writes, reads and checks go_stackmap v2 tables (docs/StackMapFormat.md),
// and turns LLVM stack-map records into their live words. One writer serves
// the code generator and encodeTable; the decoder never trusts a count:
// every read is bounds-checked against the table, sizes are computed in 64
// bits, and the first violation is reported with its byte offset in the
// section. Used by passes/GoStackMapPrinter.cpp, go-stackmap-dump, the unit
// tests and the decoder fuzzer:
//
//   build/bin/go-stackmap-dump prog.o
//
//===----------------------------------------------------------------------===//

#include "gollc/StackMapFormat.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Object/StackMapParser.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstddef>

using namespace llvm;

namespace gollc {
namespace stackmap {

static Error errorAt(uint64_t Offset, const Twine &Msg) {
  std::string S;
  raw_string_ostream OS(S);
  OS << "offset " << format_hex(Offset, 2) << ": " << Msg;
  return createStringError(inconvertibleErrorCode(), OS.str());
}

namespace {

/// Bounds-checked little-endian reads from one table. Offsets are relative
/// to the table; errors are reported relative to the section.
class Reader {
public:
  Reader(ArrayRef<uint8_t> Bytes, uint64_t Base) : Bytes(Bytes), Base(Base) {}

  uint64_t sectionOffset(uint64_t Off) const { return Base + Off; }

  Expected<uint32_t> u32(uint64_t Off, StringRef What) const {
    if (Off > Bytes.size() || Bytes.size() - Off < 4)
      return errorAt(Base + Off, What + " lies outside the table");
    return support::endian::read32le(Bytes.data() + Off);
  }
  Expected<uint16_t> u16(uint64_t Off, StringRef What) const {
    if (Off > Bytes.size() || Bytes.size() - Off < 2)
      return errorAt(Base + Off, What + " lies outside the table");
    return support::endian::read16le(Bytes.data() + Off);
  }

private:
  ArrayRef<uint8_t> Bytes;
  uint64_t Base;
};

} // namespace

/// Decodes the runs form of a descriptor part (version 3) at byte \p DescOff
/// whose first word is \p First; \p Index is advanced past it.
static Error decodeRuns(const Reader &R, uint64_t DescOff, uint32_t PoolWords,
                        uint32_t First, uint64_t &Index,
                        std::vector<uint32_t> &Words) {
  uint64_t NumRuns = First & ~PartRuns;
  if (NumRuns == 0)
    return errorAt(R.sectionOffset(DescOff),
                   "live-slot descriptor in the runs form has no runs");
  Index += 1 + 2 * NumRuns;
  if (Index > PoolWords)
    return errorAt(R.sectionOffset(DescOff),
                   "live-slot descriptor of " + Twine(NumRuns) +
                       " runs runs past the end of the pool");
  uint64_t End = 0; // of the previous run
  for (uint64_t I = 0; I < NumRuns; ++I) {
    uint64_t Off = DescOff + 4 + 8 * I;
    uint32_t Start = cantFail(R.u32(Off, "run"));
    uint32_t Count = cantFail(R.u32(Off + 4, "run"));
    if (Start < End || Count == 0 || uint64_t(Start) + Count > UINT32_MAX)
      return errorAt(R.sectionOffset(Off),
                     "live-slot descriptor run " + Twine(I) + " of " +
                         Twine(Count) + " words at word " + Twine(Start) +
                         " is empty, overlaps or does not follow the "
                         "previous run, or ends past word 2^32 - 1");
    // A few pool words can describe billions of live words; no frame of
    // go-llc has more than a stack object's worth (MaxObjectWords).
    if (Words.size() + Count > MaxObjectWords)
      return errorAt(R.sectionOffset(Off),
                     "live-slot descriptor has more than " +
                         Twine(MaxObjectWords) + " live words");
    for (uint64_t K = Start; K < uint64_t(Start) + Count; ++K)
      Words.push_back(uint32_t(K));
    End = uint64_t(Start) + Count;
  }
  return Error::success();
}

/// Decodes one part of a live-slot descriptor at pool index \p Index into
/// word indices; \p Index is advanced past it. \p Runs: the table's version
/// has the runs form.
static Error decodePart(const Reader &R, uint64_t PoolOff, uint32_t PoolWords,
                        bool Runs, uint64_t &Index,
                        std::vector<uint32_t> &Words) {
  uint64_t DescOff = PoolOff + 4ull * Index;
  if (Index >= PoolWords)
    return errorAt(R.sectionOffset(DescOff), "live-slot descriptor index " +
                                                 Twine(Index) +
                                                 " is outside the pool of " +
                                                 Twine(PoolWords) + " words");
  Expected<uint32_t> N = R.u32(DescOff, "live-slot descriptor");
  if (!N)
    return N.takeError();
  if (Runs && (*N & PartRuns))
    return decodeRuns(R, DescOff, PoolWords, *N, Index, Words);
  uint64_t BitmapWords = (uint64_t(*N) + 31) / 32;
  Index += 1 + BitmapWords;
  if (Index > PoolWords)
    return errorAt(R.sectionOffset(DescOff),
                   "live-slot descriptor covering " + Twine(*N) +
                       " words runs past the end of the pool");
  for (uint64_t W = 0; W < BitmapWords; ++W) {
    Expected<uint32_t> Bits = R.u32(DescOff + 4 + 4 * W, "bitmap word");
    if (!Bits)
      return Bits.takeError();
    uint64_t First = 32 * W;
    uint64_t Valid = *N - First; // > 0: W < ceil(N / 32)
    if (Valid < 32 && (*Bits >> Valid) != 0)
      return errorAt(R.sectionOffset(DescOff + 4 + 4 * W),
                     "live-slot descriptor has bits set beyond its " +
                         Twine(*N) + " words");
    for (unsigned B = 0; B < 32; ++B)
      if (*Bits & (1u << B))
        Words.push_back(uint32_t(First + B));
  }
  return Error::success();
}

/// Decodes the live-slot descriptor at pool index \p Index: the sp part,
/// then the cfa part.
static Error decodeDescriptor(const Reader &R, uint64_t PoolOff,
                              uint32_t PoolWords, bool Runs, uint32_t Index,
                              std::vector<uint32_t> &SPWords,
                              std::vector<uint32_t> &CFAWords) {
  uint64_t I = Index;
  if (Error E = decodePart(R, PoolOff, PoolWords, Runs, I, SPWords))
    return E;
  return decodePart(R, PoolOff, PoolWords, Runs, I, CFAWords);
}

/// Field offsets, from the C structs.
#define HDR(Field) offsetof(go_stackmap_header, Field)
#define FN(Field) offsetof(go_stackmap_function, Field)
#define CS(Field) offsetof(go_stackmap_callsite, Field)

namespace {
/// Where a table's record arrays are, relative to the table.
struct RecordOffsets {
  uint32_t NumCS = 0, PoolWords = 0;
  /// Version 3: descriptor parts may be runs.
  bool Runs = false;
  uint64_t CSOff = 0, PoolOff = 0;
};
} // namespace

/// Decodes function record \p F of the table read by \p R.
static Expected<Function> decodeFunction(const Reader &R, uint32_t F,
                                         const RecordOffsets &O) {
  uint64_t Base = R.sectionOffset(0);
  uint64_t Rec = functionStartFieldOffset(F);
  Function Fn;
  Fn.Start = int64_t(Rec) + int32_t(cantFail(R.u32(Rec + FN(start), "start")));
  Fn.CodeSize = cantFail(R.u32(Rec + FN(code_size), "code_size"));
  Fn.FrameSize = cantFail(R.u32(Rec + FN(frame_size), "frame_size"));
  uint32_t First = cantFail(R.u32(Rec + FN(first_callsite), "first_callsite"));
  uint32_t Count = cantFail(R.u32(Rec + FN(num_callsites), "num_callsites"));
  if (cantFail(R.u32(Rec + FN(reserved), "reserved")) != 0)
    return errorAt(Base + Rec + FN(reserved),
                   "function " + Twine(F) + ": reserved word is not zero");
  if (uint64_t(First) + Count > O.NumCS)
    return errorAt(Base + Rec + FN(first_callsite),
                   "function " + Twine(F) + " has call sites [" + Twine(First) +
                       ", " + Twine(uint64_t(First) + Count) +
                       ") but the table has " + Twine(O.NumCS));
  if (Count == 0)
    return errorAt(Base + Rec + FN(num_callsites),
                   "function " + Twine(F) + " has no call sites");
  Fn.CallSites.reserve(Count);
  for (uint32_t C = First; C < First + Count; ++C) {
    uint64_t CRec = O.CSOff + uint64_t(CallSiteRecordSize) * C;
    CallSite Site;
    Site.RetOffset = cantFail(R.u32(CRec + CS(ret_offset), "ret_offset"));
    uint32_t Live = cantFail(R.u32(CRec + CS(live), "live"));
    if (Site.RetOffset == 0 || Site.RetOffset > Fn.CodeSize)
      return errorAt(Base + CRec, "call site " + Twine(C) + ": return offset " +
                                      Twine(Site.RetOffset) +
                                      " lies outside its function's " +
                                      Twine(Fn.CodeSize) + " bytes of code");
    if (Error E = decodeDescriptor(R, O.PoolOff, O.PoolWords, O.Runs, Live,
                                   Site.LiveWords, Site.CFAWords))
      return std::move(E);
    Fn.CallSites.push_back(std::move(Site));
  }
  return Fn;
}

/// Decodes the table starting at byte \p Base of \p Section: the header and
/// the pool's fixed parts here, the function records in decodeFunction.
static Expected<Table> decodeTable(ArrayRef<uint8_t> Section, uint64_t Base) {
  ArrayRef<uint8_t> Rest = Section.drop_front(Base);
  if (Rest.size() < HeaderSize)
    return errorAt(Base, "truncated table header (" + Twine(Rest.size()) +
                             " bytes left, need " + Twine(HeaderSize) + ")");
  Reader H(Rest, Base);
  uint32_t Mag = cantFail(H.u32(HDR(magic), "magic"));
  if (Mag != Magic)
    return errorAt(Base, "bad magic 0x" +
                             Twine(utohexstr(Mag, /*LowerCase=*/true)) +
                             " (expected 0x4d534f47, \"GOSM\")");
  uint16_t Ver = cantFail(H.u16(HDR(version), "version"));
  if (Ver < VersionBitmaps || Ver > Version)
    return errorAt(Base + HDR(version), "unsupported version " + Twine(Ver) +
                                            " (this reader knows versions " +
                                            Twine(VersionBitmaps) + " to " +
                                            Twine(Version) + ")");
  uint16_t HdrSize = cantFail(H.u16(HDR(header_size), "header_size"));
  if (HdrSize != HeaderSize)
    return errorAt(Base + HDR(header_size), "header_size is " +
                                                Twine(HdrSize) + ", expected " +
                                                Twine(HeaderSize));
  uint32_t Size = cantFail(H.u32(HDR(table_size), "table_size"));
  uint32_t NumFns = cantFail(H.u32(HDR(num_functions), "num_functions"));
  RecordOffsets O;
  O.Runs = Ver >= 3;
  O.NumCS = cantFail(H.u32(HDR(num_callsites), "num_callsites"));
  O.PoolWords = cantFail(H.u32(HDR(pool_words), "pool_words"));
  if (Size % TableAlign != 0 || Size < HeaderSize)
    return errorAt(Base + HDR(table_size),
                   "table_size " + Twine(Size) +
                       " is not a multiple of 8 of at least 32");
  if (Size > Rest.size())
    return errorAt(Base + HDR(table_size),
                   "table_size " + Twine(Size) + " exceeds the " +
                       Twine(Rest.size()) + " bytes left in the section");
  for (unsigned I = 0; I < 2; ++I)
    if (cantFail(H.u32(HDR(reserved) + 4 * I, "reserved")) != 0)
      return errorAt(Base + HDR(reserved) + 4 * I,
                     "reserved header word is not zero");
  O.CSOff = functionStartFieldOffset(NumFns);
  O.PoolOff = O.CSOff + uint64_t(CallSiteRecordSize) * O.NumCS;
  uint64_t End = O.PoolOff + 4ull * O.PoolWords;
  if (End > Size)
    return errorAt(Base + HDR(table_size),
                   "records need " + Twine(End) + " bytes (" + Twine(NumFns) +
                       " functions, " + Twine(O.NumCS) + " call sites, " +
                       Twine(O.PoolWords) + " pool words) but table_size is " +
                       Twine(Size));

  Table T;
  T.Offset = Base;
  T.Size = Size;
  T.PoolWords = O.PoolWords;
  T.Version = Ver;
  Reader R(Rest.take_front(Size), Base);
  if (O.PoolWords < 2)
    return errorAt(Base + HDR(pool_words),
                   "pool of " + Twine(O.PoolWords) +
                       " word(s): index 0 must hold the empty "
                       "live-slot descriptor {0, 0}");
  for (unsigned I = 0; I < 2; ++I)
    if (uint32_t First = cantFail(R.u32(O.PoolOff + 4 * I, "pool")))
      return errorAt(Base + O.PoolOff + 4 * I,
                     "pool index 0 is not the empty descriptor (it covers " +
                         Twine(First) + " words)");
  for (uint64_t Off = End; Off < Size; ++Off)
    if (Rest[Off] != 0)
      return errorAt(Base + Off, "non-zero byte in the table's padding");

  T.Functions.reserve(NumFns);
  for (uint32_t F = 0; F < NumFns; ++F) {
    Expected<Function> Fn = decodeFunction(R, F, O);
    if (!Fn)
      return Fn.takeError();
    T.Functions.push_back(std::move(*Fn));
  }
  return T;
}

#undef HDR
#undef FN
#undef CS

Expected<std::vector<Table>> decodeSection(ArrayRef<uint8_t> Section) {
  std::vector<Table> Tables;
  uint64_t Off = 0;
  while (Off < Section.size()) {
    // A linker may pad between tables with zero words.
    if (Section.size() - Off >= 8 &&
        support::endian::read64le(Section.data() + Off) == 0) {
      Off += 8;
      continue;
    }
    if (Section.size() - Off < 8) {
      for (uint64_t I = Off; I < Section.size(); ++I)
        if (Section[I] != 0)
          return errorAt(I, "trailing garbage after the last table");
      break;
    }
    Expected<Table> T = decodeTable(Section, Off);
    if (!T)
      return T.takeError();
    Off += T->Size;
    Tables.push_back(std::move(*T));
  }
  return Tables;
}

//===----------------------------------------------------------------------===//
// Writing
//===----------------------------------------------------------------------===//

// The writer emits the fields in the order of the C structs; these pin the
// order it assumes to go_stackmap.h's layout.
static_assert(offsetof(go_stackmap_header, version) == 4 &&
                  offsetof(go_stackmap_header, header_size) == 6 &&
                  offsetof(go_stackmap_header, table_size) == 8 &&
                  offsetof(go_stackmap_header, num_functions) == 12 &&
                  offsetof(go_stackmap_header, num_callsites) == 16 &&
                  offsetof(go_stackmap_header, pool_words) == 20 &&
                  offsetof(go_stackmap_header, reserved) == 24 &&
                  HeaderSize == 32,
              "header fields out of the writer's order");
static_assert(offsetof(go_stackmap_function, code_size) == 4 &&
                  offsetof(go_stackmap_function, frame_size) == 8 &&
                  offsetof(go_stackmap_function, first_callsite) == 12 &&
                  offsetof(go_stackmap_function, num_callsites) == 16 &&
                  offsetof(go_stackmap_function, reserved) == 20 &&
                  FunctionRecordSize == 24,
              "function record fields out of the writer's order");
static_assert(offsetof(go_stackmap_callsite, live) == 4 &&
                  CallSiteRecordSize == 8,
              "call-site record fields out of the writer's order");

TableSink::~TableSink() = default;

void DescriptorPool::appendPart(const std::vector<uint32_t> &Live) {
  uint32_t N = Live.empty() ? 0 : Live.back() + 1;
  uint64_t BitmapWords = (uint64_t(N) + 31) / 32;
  if (BitmapWords > RunsMinBitmapWords) {
    // Far-apart live words (a pointer 128 MiB above sp): runs of live words
    // when they are shorter than the bitmap (version 3).
    std::vector<std::pair<uint32_t, uint32_t>> Runs;
    for (uint32_t K : Live) {
      if (!Runs.empty() && Runs.back().first + Runs.back().second == K)
        ++Runs.back().second;
      else
        Runs.push_back({K, 1});
      if (2 * Runs.size() >= BitmapWords)
        break;
    }
    if (2 * Runs.size() < BitmapWords) {
      HasRuns = true;
      Words.push_back(PartRuns | uint32_t(Runs.size()));
      for (auto [First, Count] : Runs) {
        Words.push_back(First);
        Words.push_back(Count);
      }
      return;
    }
  }
  Words.push_back(N);
  size_t First = Words.size();
  Words.resize(First + (uint64_t(N) + 31) / 32, 0);
  for (uint32_t K : Live)
    Words[First + K / 32] |= 1u << (K % 32);
}

uint32_t DescriptorPool::intern(const std::vector<uint32_t> &SPWords,
                                const std::vector<uint32_t> &CFAWords) {
  auto [It, New] = Index.try_emplace({SPWords, CFAWords}, 0);
  if (New) {
    It->second = uint32_t(Words.size());
    appendPart(SPWords);
    appendPart(CFAWords);
  }
  return It->second;
}

Error writeTable(const Table &T, TableSink &S) {
  DescriptorPool Pool;
  std::vector<uint32_t> Live;
  for (const Function &Fn : T.Functions)
    for (const CallSite &CS : Fn.CallSites)
      Live.push_back(Pool.intern(CS.LiveWords, CS.CFAWords));
  const std::vector<uint32_t> &PoolWords = Pool.words();
  uint64_t Body = HeaderSize +
                  uint64_t(FunctionRecordSize) * T.Functions.size() +
                  uint64_t(CallSiteRecordSize) * Live.size() +
                  4ull * PoolWords.size();
  uint64_t Size = alignTo(Body, TableAlign);
  if (Size > UINT32_MAX)
    return createStringError(inconvertibleErrorCode(),
                             "table of %llu bytes exceeds 4 GiB",
                             (unsigned long long)Size);

  S.emitU32(Magic);
  S.emitU16(Pool.hasRuns() ? Version : VersionBitmaps);
  S.emitU16(HeaderSize);
  S.emitU32(uint32_t(Size));
  S.emitU32(uint32_t(T.Functions.size()));
  S.emitU32(uint32_t(Live.size()));
  S.emitU32(uint32_t(PoolWords.size()));
  S.emitU32(0);
  S.emitU32(0);
  uint32_t FirstCS = 0;
  for (size_t F = 0; F < T.Functions.size(); ++F) {
    const Function &Fn = T.Functions[F];
    S.emitFunctionStart(F);
    S.emitCodeSize(F);
    S.emitU32(Fn.FrameSize);
    S.emitU32(FirstCS);
    S.emitU32(uint32_t(Fn.CallSites.size()));
    S.emitU32(0);
    FirstCS += uint32_t(Fn.CallSites.size());
  }
  size_t I = 0;
  for (size_t F = 0; F < T.Functions.size(); ++F)
    for (size_t C = 0; C < T.Functions[F].CallSites.size(); ++C) {
      S.emitRetOffset(F, C);
      S.emitU32(Live[I++]);
    }
  for (uint32_t W : PoolWords)
    S.emitU32(W);
  if (Size > Body)
    S.emitZeros(Size - Body);
  return Error::success();
}

namespace {

/// encodeTable's sink: the numbers of the Table, little-endian.
class StringSink : public TableSink {
public:
  explicit StringSink(const Table &T) : T(T) {}
  std::string Out;

  void emitU16(uint16_t V) override {
    char B[2];
    support::endian::write16le(B, V);
    Out.append(B, 2);
  }
  void emitU32(uint32_t V) override {
    char B[4];
    support::endian::write32le(B, V);
    Out.append(B, 4);
  }
  void emitZeros(uint64_t N) override { Out.append(N, '\0'); }
  void emitFunctionStart(size_t F) override {
    // In range: checkEncodable.
    emitU32(uint32_t(int32_t(T.Functions[F].Start -
                             int64_t(functionStartFieldOffset(F)))));
  }
  void emitCodeSize(size_t F) override { emitU32(T.Functions[F].CodeSize); }
  void emitRetOffset(size_t F, size_t C) override {
    emitU32(T.Functions[F].CallSites[C].RetOffset);
  }

private:
  const Table &T;
};

} // namespace

/// The canonical-form rules of encodeTable that writeTable does not need
/// (the code generator's functions follow emission order).
static Error checkEncodable(const Table &T) {
  for (size_t F = 0; F < T.Functions.size(); ++F) {
    const Function &Fn = T.Functions[F];
    if (Fn.CallSites.empty())
      return createStringError(inconvertibleErrorCode(),
                               "function %zu has no call sites", F);
    if (F > 0 && T.Functions[F - 1].Start >= Fn.Start)
      return createStringError(inconvertibleErrorCode(),
                               "function %zu does not start after function "
                               "%zu",
                               F, F - 1);
    int64_t Rel = Fn.Start - int64_t(functionStartFieldOffset(F));
    if (Rel < INT32_MIN || Rel > INT32_MAX)
      return createStringError(inconvertibleErrorCode(),
                               "function %zu: start %lld is out of reach of "
                               "a 32-bit PC-relative field",
                               F, (long long)Fn.Start);
    for (size_t C = 0; C < Fn.CallSites.size(); ++C) {
      const CallSite &CS = Fn.CallSites[C];
      if (C > 0 && Fn.CallSites[C - 1].RetOffset >= CS.RetOffset)
        return createStringError(inconvertibleErrorCode(),
                                 "function %zu: call sites not sorted by "
                                 "strictly increasing return offset",
                                 F);
      if (CS.RetOffset == 0 || CS.RetOffset > Fn.CodeSize)
        return createStringError(inconvertibleErrorCode(),
                                 "function %zu, call site %zu: return offset "
                                 "outside (0, code_size]",
                                 F, C);
      for (const std::vector<uint32_t> *Ws : {&CS.LiveWords, &CS.CFAWords}) {
        for (size_t W = 1; W < Ws->size(); ++W)
          if ((*Ws)[W - 1] >= (*Ws)[W])
            return createStringError(inconvertibleErrorCode(),
                                     "function %zu, call site %zu: live "
                                     "words not strictly increasing",
                                     F, C);
        if (!Ws->empty() && Ws->back() == UINT32_MAX)
          return createStringError(inconvertibleErrorCode(),
                                   "function %zu, call site %zu: live word "
                                   "index too large",
                                   F, C);
      }
    }
  }
  return Error::success();
}

Expected<std::string> encodeTable(const Table &T) {
  if (Error E = checkEncodable(T))
    return std::move(E);
  StringSink S(T);
  if (Error E = writeTable(T, S))
    return std::move(E);
  return std::move(S.Out);
}

Error verifyTable(const Table &T) {
  for (size_t F = 0; F < T.Functions.size(); ++F) {
    const Function &Fn = T.Functions[F];
    if (F > 0 && T.Functions[F - 1].Start >= Fn.Start)
      return errorAt(T.Offset + functionStartFieldOffset(F),
                     "function record " + Twine(F) +
                         " is not sorted after record " + Twine(F - 1));
    if (F > 0 && T.Functions[F - 1].Start + T.Functions[F - 1].CodeSize >
                     Fn.Start)
      return errorAt(T.Offset + functionStartFieldOffset(F),
                     "function record " + Twine(F) +
                         " starts inside the code of record " + Twine(F - 1));
    for (size_t C = 1; C < Fn.CallSites.size(); ++C)
      if (Fn.CallSites[C - 1].RetOffset >= Fn.CallSites[C].RetOffset)
        return errorAt(T.Offset + functionStartFieldOffset(F),
                       "function record " + Twine(F) + ": call site " +
                           Twine(C) + " is not sorted after call site " +
                           Twine(C - 1));
  }
  return Error::success();
}

//===----------------------------------------------------------------------===//
// From LLVM's stack-map records to live words
//===----------------------------------------------------------------------===//

// DWARF register numbers of x86-64 (System V psABI, figure 3.36).
constexpr uint16_t DwarfRBP = 6;
constexpr uint16_t DwarfRSP = 7;

static Error recordError(const Twine &Msg) {
  return createStringError(inconvertibleErrorCode(), Msg);
}

Expected<uint32_t> frameSizeFromStackSize(uint64_t StackSize) {
  // LLVM reports UINT64_MAX for a realigned frame (and for a dynamic
  // alloca): the walker finds the return address through the frame
  // pointer, and live words are sp- or CFA-relative (StatepointDecoder).
  if (StackSize == UINT64_MAX)
    return FrameVariable;
  if (StackSize >= FrameVariable)
    return recordError("frame of " + Twine(StackSize) +
                       " bytes is too large for the go format");
  return uint32_t(StackSize);
}

namespace {

/// Where a stack location is: relative to sp (IsCFA false) or to the
/// frame's CFA, in bytes.
struct SlotAt {
  bool IsCFA = false;
  int64_t Off = 0;
};

/// decodeStatepoint, one record. Every check fails with the first problem;
/// positions in the record are location indices.
class StatepointDecoder {
public:
  StatepointDecoder(uint64_t ID, ArrayRef<Location> Locs, uint32_t FrameSize,
                    LargeConstantFn LargeConstant)
      : ID(ID), Locs(Locs), FrameSize(FrameSize), LargeConstant(LargeConstant) {
  }
  Expected<CallSite> decode();

private:
  Error fail(const Twine &Msg) const {
    return recordError("statepoint " + Twine(ID) + ": " + Msg);
  }
  Error layout(const Twine &Msg) const {
    return fail("malformed stack-object layout in the deopt bundle: " + Msg +
                " (expected i64 NumObjects, then per object `ptr %alloca` "
                "and either i64 SizeInWords and bitmap words or i64 "
                "-SizeInWords, i64 NumRuns and (first word, words) pairs; "
                "docs/IRContract.md)");
  }
  Expected<SlotAt> stackOffset(const Location &L) const;
  Error mark(const SlotAt &At);
  Expected<int64_t> nextConstant(const Twine &What);
  Error decodeObject(uint64_t O);
  Error decodeRuns(uint64_t O, const SlotAt &Base, int64_t Words);
  Error decodeGCLive();

  uint64_t ID;
  ArrayRef<Location> Locs;
  uint32_t FrameSize;
  LargeConstantFn LargeConstant;
  /// The deopt operands are [3, DeoptEnd); P is the next one to read.
  size_t DeoptEnd = 3, P = 3;
  CallSite Live;
};

} // namespace

/// The offset of a stack location from the stack pointer at the call, or,
/// for a %rbp-relative location in a frame of variable size, from the CFA.
Expected<SlotAt> StatepointDecoder::stackOffset(const Location &L) const {
  if (L.Reg == DwarfRSP)
    return SlotAt{false, int64_t(L.Offset)};
  if (L.Reg == DwarfRBP) {
    // With a frame pointer the prologue is `push %rbp; mov %rsp, %rbp`, then
    // the rest of the frame: %rbp sits 16 bytes below the CFA.
    if (FrameSize != FrameVariable)
      // ... and %rsp at the call FrameSize + 8 bytes below it (FrameSize
      // counts the pushed %rbp), so %rbp = %rsp + FrameSize - 8.
      return SlotAt{false, int64_t(L.Offset) + int64_t(FrameSize) - 8};
    // A realigned frame: the distance from %rsp to %rbp is not a constant,
    // but LLVM addresses only fixed objects (incoming arguments) through
    // %rbp there, and those lie above the return address.
    if (L.Offset >= 16)
      return SlotAt{true, int64_t(L.Offset) - 16};
    return fail("a live stack location at %rbp" + Twine(L.Offset) +
                " lies below the frame pointer of a frame of variable "
                "size (dynamic alloca?); the go format cannot place it");
  }
  return recordError("statepoint " + Twine(ID) +
                     " has a stack location relative to DWARF register " +
                     Twine(L.Reg) + ", neither %rsp nor %rbp");
}

Error StatepointDecoder::mark(const SlotAt &At) {
  if (At.Off < 0 || At.Off % 8 != 0 || At.Off / 8 >= UINT32_MAX)
    return fail(Twine("live stack word at ") + (At.IsCFA ? "cfa" : "sp") +
                (At.Off < 0 ? "" : "+") + Twine(At.Off) +
                " is not an 8-byte aligned word above " +
                (At.IsCFA ? "the CFA" : "the stack pointer"));
  (At.IsCFA ? Live.CFAWords : Live.LiveWords).push_back(uint32_t(At.Off / 8));
  return Error::success();
}

/// The next deopt operand as a constant: small ones are in the location,
/// large ones in the producer's constant pool.
Expected<int64_t> StatepointDecoder::nextConstant(const Twine &What) {
  if (P >= DeoptEnd)
    return layout("it ends before " + What);
  unsigned I = unsigned(P++);
  if (Locs[I].Kind == Location::Constant)
    return int64_t(Locs[I].Offset);
  if (Locs[I].Kind == Location::ConstantIndex)
    return LargeConstant(I);
  return layout("deopt operand " + Twine(I - 3) + " (" + What +
                ") is not a constant");
}

/// Stack object \p O: its alloca (a Direct location), then its layout in
/// one of two forms (docs/IRContract.md): SizeInWords and
/// ceil(SizeInWords / 64) bitmap words, or -SizeInWords, NumRuns and
/// NumRuns (first word, number of words) runs of pointer words, in
/// increasing order. Positional: nothing is guessed.
Error StatepointDecoder::decodeObject(uint64_t O) {
  if (P >= DeoptEnd)
    return layout("it ends before stack object " + Twine(O));
  const Location &L = Locs[P++];
  if (L.Kind != Location::Direct)
    return layout("stack object " + Twine(O) + " (deopt operand " +
                  Twine(P - 4) +
                  ") is not a Direct stack location: is it a static "
                  "alloca?");
  Expected<SlotAt> Base = stackOffset(L);
  if (!Base)
    return Base.takeError();
  Expected<int64_t> Size =
      nextConstant("SizeInWords of stack object " + Twine(O));
  if (!Size)
    return Size.takeError();
  bool Runs = *Size < 0;
  // A negative size (-SizeInWords) announces the runs form.
  int64_t Words = Runs && *Size != INT64_MIN ? -*Size : *Size;
  if (Words <= 0 || uint64_t(Words) > MaxObjectWords)
    return layout("stack object " + Twine(O) + " has SizeInWords " +
                  Twine(*Size));
  if (Runs)
    return decodeRuns(O, *Base, Words);
  for (int64_t W0 = 0; W0 < Words; W0 += 64) {
    Expected<int64_t> Bits = nextConstant("bitmap word " + Twine(W0 / 64) +
                                          " of stack object " + Twine(O));
    if (!Bits)
      return Bits.takeError();
    uint64_t B = uint64_t(*Bits);
    if (Words - W0 < 64 && (B >> (Words - W0)) != 0)
      return layout("stack object " + Twine(O) +
                    " has bitmap bits beyond its " + Twine(Words) + " words");
    for (unsigned K = 0; K < 64; ++K)
      if ((B >> K) & 1)
        if (Error E = mark({Base->IsCFA, Base->Off + 8 * (W0 + K)}))
          return E;
  }
  return Error::success();
}

/// The runs form of stack object \p O of \p Words words at \p Base: NumRuns,
/// then each run's first word and length, in increasing order, disjoint,
/// inside the object. Costs one step per pointer word.
Error StatepointDecoder::decodeRuns(uint64_t O, const SlotAt &Base,
                                    int64_t Words) {
  Expected<int64_t> NumRuns =
      nextConstant("NumRuns of stack object " + Twine(O));
  if (!NumRuns)
    return NumRuns.takeError();
  if (*NumRuns <= 0 || uint64_t(*NumRuns) > (DeoptEnd - P) / 2)
    return layout("stack object " + Twine(O) + " has NumRuns " +
                  Twine(*NumRuns));
  int64_t End = 0; // of the previous run
  for (int64_t R = 0; R < *NumRuns; ++R) {
    Expected<int64_t> First = nextConstant("first word of run " + Twine(R) +
                                           " of stack object " + Twine(O));
    if (!First)
      return First.takeError();
    Expected<int64_t> N = nextConstant("length of run " + Twine(R) +
                                       " of stack object " + Twine(O));
    if (!N)
      return N.takeError();
    if (*First < End || *N <= 0 || *First >= Words || *N > Words - *First)
      return layout("stack object " + Twine(O) + " of " + Twine(Words) +
                    " words has run " + Twine(R) + " of " + Twine(*N) +
                    " words at word " + Twine(*First) +
                    (R ? " (runs must increase and not overlap)" : ""));
    for (int64_t W = *First; W < *First + *N; ++W)
      if (Error E = mark({Base.IsCFA, Base.Off + 8 * W}))
        return E;
    End = *First + *N;
  }
  return Error::success();
}

/// The gc-live locations, SSA pointer values only: a (base, derived) pair
/// per gc.relocate, and LLVM may list a value that lowered to a frame index
/// once more at the end. Indirect: a spill slot to mark; Direct: a stack
/// address, not a heap root; Constant: nothing; Register: the format cannot
/// describe it.
Error StatepointDecoder::decodeGCLive() {
  for (size_t I = DeoptEnd; I < Locs.size(); ++I) {
    const Location &L = Locs[I];
    switch (L.Kind) {
    case Location::Indirect: {
      // A spill slot holding the pointer (or a vector of pointers).
      Expected<SlotAt> At = stackOffset(L);
      if (!At)
        return At.takeError();
      if (L.Size == 0 || L.Size % 8 != 0)
        return fail("spill slot of " + Twine(L.Size) +
                    " bytes is not made of 8-byte words");
      for (unsigned B = 0; B < L.Size; B += 8)
        if (Error E = mark({At->IsCFA, At->Off + B}))
          return E;
      break;
    }
    case Location::Register:
      return fail("a live GC pointer is in a register (DWARF " + Twine(L.Reg) +
                  "); the go format records only stack slots");
    case Location::Direct:
      // The value is itself a stack address: not a heap pointer.
    case Location::Constant:
    case Location::ConstantIndex:
      // null or another constant: nothing to scan.
      break;
    default:
      return fail("unexpected location kind");
    }
  }
  return Error::success();
}

Expected<CallSite> StatepointDecoder::decode() {
  // A statepoint's record starts with the constants CC, Flags and NumDeopt
  // (StackMaps::parseStatepointOpers); llvm.experimental.stackmap and
  // patchpoint records do not describe GC roots.
  if (Locs.size() < 3 || Locs[0].Kind != Location::Constant ||
      Locs[1].Kind != Location::Constant || Locs[2].Kind != Location::Constant)
    return fail("not a statepoint record (llvm.experimental.stackmap and "
                "patchpoint are not supported in the go format)");
  uint64_t NumDeopt = uint64_t(int64_t(Locs[2].Offset));
  if (3 + NumDeopt > Locs.size())
    return fail("truncated record");
  DeoptEnd = 3 + NumDeopt;

  // The deopt operands, one location each (docs/IRContract.md): NumObjects,
  // then the objects.
  uint64_t NumObjects = 0;
  if (NumDeopt) {
    Expected<int64_t> N = nextConstant("NumObjects");
    if (!N)
      return N.takeError();
    if (*N < 0 || uint64_t(*N) > NumDeopt)
      return layout("NumObjects is " + Twine(*N));
    NumObjects = uint64_t(*N);
  }
  for (uint64_t O = 0; O < NumObjects; ++O)
    if (Error E = decodeObject(O))
      return std::move(E);
  if (P != DeoptEnd)
    return layout(Twine(DeoptEnd - P) + " operand(s) after the last object");
  if (Error E = decodeGCLive())
    return std::move(E);
  for (std::vector<uint32_t> *V : {&Live.LiveWords, &Live.CFAWords}) {
    llvm::sort(*V);
    V->erase(std::unique(V->begin(), V->end()), V->end());
  }
  return std::move(Live);
}

Expected<CallSite> decodeStatepoint(uint64_t ID, ArrayRef<Location> Locs,
                                    uint32_t FrameSize,
                                    LargeConstantFn LargeConstant) {
  return StatepointDecoder(ID, Locs, FrameSize, LargeConstant).decode();
}

//===----------------------------------------------------------------------===//
// .llvm_stackmaps v3
//===----------------------------------------------------------------------===//

using V3Parser = StackMapParser<llvm::endianness::little>;

// StackMapParser keeps its layout private and trusts the section it is given:
// its constructor walks every record, with `unsigned` offsets, before anyone
// can look at a count, and a truncated or corrupt section makes it read out
// of bounds (it was written for what LLVM itself just emitted). So the
// sizes of v3 (docs/StackMaps.rst in LLVM) are repeated here once, for the
// bounds check that runs before the parser; all reading goes through it.
constexpr uint64_t V3HeaderSize = 16;
constexpr uint64_t V3FunctionSize = 24;
constexpr uint64_t V3ConstantSize = 8;
constexpr uint64_t V3RecordHeaderSize = 16; // ID, offset, flags, NumLocations
constexpr uint64_t V3LocationSize = 12;
constexpr uint64_t V3LiveOutSize = 4;

static Error v3Error(const Twine &Msg) {
  return recordError(".llvm_stackmaps: " + Msg);
}

/// Checks that the header, the function and constant tables and every
/// record lie inside \p S, so that StackMapParser may read it.
static Error checkV3Bounds(ArrayRef<uint8_t> S) {
  if (Error E = V3Parser::validateHeader(S))
    return v3Error(toString(std::move(E)));
  if (S.size() > UINT32_MAX)
    return v3Error("section of " + Twine(S.size()) + " bytes exceeds 4 GiB");
  uint64_t NumFns = support::endian::read32le(S.data() + 4);
  uint64_t NumConsts = support::endian::read32le(S.data() + 8);
  uint64_t NumRecs = support::endian::read32le(S.data() + 12);
  uint64_t Off =
      V3HeaderSize + V3FunctionSize * NumFns + V3ConstantSize * NumConsts;
  if (Off > S.size())
    return v3Error("function and constant tables at offset 0x10 run past the "
                   "end of the section");
  for (uint64_t R = 0; R < NumRecs; ++R) {
    auto RunsPast = [&](uint64_t End) { return End > S.size(); };
    if (RunsPast(Off + V3RecordHeaderSize))
      return v3Error("record " + Twine(R) + " at offset 0x" +
                     utohexstr(Off, true) + " runs past the end of the section");
    uint64_t NumLocs = support::endian::read16le(S.data() + Off + 14);
    // Locations, padding to 8, u16 padding, u16 NumLiveOuts, live-outs,
    // padding to 8.
    uint64_t LiveOuts =
        alignTo(Off + V3RecordHeaderSize + V3LocationSize * NumLocs, 8);
    if (RunsPast(LiveOuts + 4))
      return v3Error("record " + Twine(R) + " at offset 0x" +
                     utohexstr(Off, true) + " runs past the end of the section");
    uint64_t NumLiveOuts = support::endian::read16le(S.data() + LiveOuts + 2);
    uint64_t End = alignTo(LiveOuts + 4 + V3LiveOutSize * NumLiveOuts, 8);
    if (RunsPast(End))
      return v3Error("record " + Twine(R) + " at offset 0x" +
                     utohexstr(Off, true) + " runs past the end of the section");
    Off = End;
  }
  return Error::success();
}

/// A v3 location in the producer-neutral form decodeStatepoint reads.
static Location fromV3(const V3Parser::LocationAccessor &L) {
  Location Loc;
  Loc.Kind = Location::KindType(L.getKind());
  Loc.Size = uint16_t(L.getSizeInBytes());
  Loc.Reg = L.getDwarfRegNum();
  switch (L.getKind()) {
  case V3Parser::LocationKind::Constant:
    Loc.Offset = int32_t(L.getSmallConstant());
    break;
  case V3Parser::LocationKind::ConstantIndex:
    Loc.Offset = int32_t(L.getConstantIndex());
    break;
  case V3Parser::LocationKind::Direct:
  case V3Parser::LocationKind::Indirect:
    Loc.Offset = L.getOffset();
    break;
  default:
    // A register (refused by decodeStatepoint whatever its offset) or a
    // kind v3 does not have: the accessors assert on reading its offset.
    break;
  }
  return Loc;
}

/// The records of function \p FA, which start at record \p NextRecord.
static Error decodeV3Records(const V3Parser &P,
                             const V3Parser::FunctionAccessor &FA,
                             uint64_t &NextRecord, Function &Fn) {
  if (FA.getRecordCount() > P.getNumRecords() - NextRecord)
    return recordError("it claims more records than the section has");
  for (uint64_t R = 0; R < FA.getRecordCount(); ++R) {
    V3Parser::RecordAccessor Rec = P.getRecord(unsigned(NextRecord++));
    std::vector<Location> Locs;
    for (const V3Parser::LocationAccessor &L : Rec.locations())
      Locs.push_back(fromV3(L));
    auto LargeConstant = [&](unsigned I) -> Expected<int64_t> {
      uint32_t Index = uint32_t(Locs[I].Offset);
      if (Index >= P.getNumConstants())
        return recordError("statepoint " + Twine(Rec.getID()) +
                           ": constant index " + Twine(Index) +
                           " is outside the section's " +
                           Twine(P.getNumConstants()) + " constants");
      return int64_t(P.getConstant(Index).getValue());
    };
    Expected<CallSite> CS =
        decodeStatepoint(Rec.getID(), Locs, Fn.FrameSize, LargeConstant);
    if (!CS)
      return CS.takeError();
    CS->RetOffset = Rec.getInstructionOffset();
    Fn.CallSites.push_back(std::move(*CS));
  }
  return Error::success();
}

Expected<std::vector<LLVMStackMapFunction>> decodeLLVMStackMaps(
    ArrayRef<uint8_t> Section,
    function_ref<std::string(size_t, const LLVMStackMapFunction &)> NameOf) {
  if (Error E = checkV3Bounds(Section))
    return std::move(E);
  V3Parser P(Section);
  std::vector<LLVMStackMapFunction> Out;
  uint64_t NextRecord = 0;
  for (size_t F = 0; F < P.getNumFunctions(); ++F) {
    V3Parser::FunctionAccessor FA = P.getFunction(unsigned(F));
    LLVMStackMapFunction LF;
    LF.AddressFieldOffset = V3HeaderSize + V3FunctionSize * F;
    LF.Address = FA.getFunctionAddress();
    Expected<uint32_t> FrameSize = frameSizeFromStackSize(FA.getStackSize());
    Error E = FrameSize ? Error::success() : FrameSize.takeError();
    if (!E) {
      LF.Fn.FrameSize = *FrameSize;
      E = decodeV3Records(P, FA, NextRecord, LF.Fn);
    }
    if (E)
      return v3Error("function " + NameOf(F, LF) + ": " +
                     toString(std::move(E)));
    Out.push_back(std::move(LF));
  }
  return Out;
}

} // namespace stackmap
} // namespace gollc
