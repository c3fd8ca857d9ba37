//===- StackMapFormat.cpp - go_stackmap decoder and encoder ---------------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Decodes and encodes go_stackmap v2 tables (docs/StackMapFormat.md). The
// decoder never trusts a count: every read is bounds-checked against the
// table, sizes are computed in 64 bits, and the first violation is reported
// with its byte offset in the section. Used by go-stackmap-dump, the unit
// tests and the decoder fuzzer:
//
//   build/bin/go-stackmap-dump prog.o
//
//===----------------------------------------------------------------------===//

#include "gollc/StackMapFormat.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <map>

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

/// Decodes one part of a live-slot descriptor at pool index \p Index into
/// word indices; \p Index is advanced past it.
static Error decodePart(const Reader &R, uint64_t PoolOff, uint32_t PoolWords,
                        uint64_t &Index, std::vector<uint32_t> &Words) {
  uint64_t DescOff = PoolOff + 4ull * Index;
  if (Index >= PoolWords)
    return errorAt(R.sectionOffset(DescOff), "live-slot descriptor index " +
                                                 Twine(Index) +
                                                 " is outside the pool of " +
                                                 Twine(PoolWords) + " words");
  Expected<uint32_t> N = R.u32(DescOff, "live-slot descriptor");
  if (!N)
    return N.takeError();
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
                              uint32_t PoolWords, uint32_t Index,
                              std::vector<uint32_t> &SPWords,
                              std::vector<uint32_t> &CFAWords) {
  uint64_t I = Index;
  if (Error E = decodePart(R, PoolOff, PoolWords, I, SPWords))
    return E;
  return decodePart(R, PoolOff, PoolWords, I, CFAWords);
}

/// Decodes the table starting at byte \p Base of \p Section.
static Expected<Table> decodeTable(ArrayRef<uint8_t> Section, uint64_t Base) {
  ArrayRef<uint8_t> Rest = Section.drop_front(Base);
  if (Rest.size() < HeaderSize)
    return errorAt(Base, "truncated table header (" + Twine(Rest.size()) +
                             " bytes left, need " + Twine(HeaderSize) + ")");
  Reader H(Rest, Base);
  uint32_t Mag = cantFail(H.u32(0, "magic"));
  if (Mag != Magic)
    return errorAt(Base, "bad magic 0x" +
                             Twine(utohexstr(Mag, /*LowerCase=*/true)) +
                             " (expected 0x4d534f47, \"GOSM\")");
  uint16_t Ver = cantFail(H.u16(4, "version"));
  if (Ver != Version)
    return errorAt(Base + 4, "unsupported version " + Twine(Ver) +
                                 " (this reader knows version 2)");
  uint16_t HdrSize = cantFail(H.u16(6, "header_size"));
  if (HdrSize != HeaderSize)
    return errorAt(Base + 6,
                   "header_size is " + Twine(HdrSize) + ", expected 32");
  uint32_t Size = cantFail(H.u32(8, "table_size"));
  uint32_t NumFns = cantFail(H.u32(12, "num_functions"));
  uint32_t NumCS = cantFail(H.u32(16, "num_callsites"));
  uint32_t PoolWords = cantFail(H.u32(20, "pool_words"));
  if (Size % 8 != 0 || Size < HeaderSize)
    return errorAt(Base + 8, "table_size " + Twine(Size) +
                                 " is not a multiple of 8 of at least 32");
  if (Size > Rest.size())
    return errorAt(Base + 8, "table_size " + Twine(Size) + " exceeds the " +
                                 Twine(Rest.size()) +
                                 " bytes left in the section");
  for (unsigned I = 0; I < 2; ++I)
    if (cantFail(H.u32(24 + 4 * I, "reserved")) != 0)
      return errorAt(Base + 24 + 4 * I, "reserved header word is not zero");
  uint64_t FnOff = HeaderSize;
  uint64_t CSOff = FnOff + uint64_t(FunctionRecordSize) * NumFns;
  uint64_t PoolOff = CSOff + uint64_t(CallSiteRecordSize) * NumCS;
  uint64_t End = PoolOff + 4ull * PoolWords;
  if (End > Size)
    return errorAt(Base + 8, "records need " + Twine(End) + " bytes (" +
                                 Twine(NumFns) + " functions, " + Twine(NumCS) +
                                 " call sites, " + Twine(PoolWords) +
                                 " pool words) but table_size is " +
                                 Twine(Size));

  Table T;
  T.Offset = Base;
  T.Size = Size;
  T.PoolWords = PoolWords;
  Reader R(Rest.take_front(Size), Base);
  if (PoolWords < 2)
    return errorAt(Base + 20, "pool of " + Twine(PoolWords) +
                                  " word(s): index 0 must hold the empty "
                                  "live-slot descriptor {0, 0}");
  for (unsigned I = 0; I < 2; ++I)
    if (uint32_t First = cantFail(R.u32(PoolOff + 4 * I, "pool")))
      return errorAt(Base + PoolOff + 4 * I,
                     "pool index 0 is not the empty descriptor (it covers " +
                         Twine(First) + " words)");
  for (uint64_t Off = End; Off < Size; ++Off)
    if (Rest[Off] != 0)
      return errorAt(Base + Off, "non-zero byte in the table's padding");

  T.Functions.reserve(NumFns);
  for (uint32_t F = 0; F < NumFns; ++F) {
    uint64_t Rec = FnOff + uint64_t(FunctionRecordSize) * F;
    Function Fn;
    Fn.Start = int64_t(Rec) + int32_t(cantFail(R.u32(Rec, "start")));
    Fn.CodeSize = cantFail(R.u32(Rec + 4, "code_size"));
    Fn.FrameSize = cantFail(R.u32(Rec + 8, "frame_size"));
    uint32_t First = cantFail(R.u32(Rec + 12, "first_callsite"));
    uint32_t Count = cantFail(R.u32(Rec + 16, "num_callsites"));
    if (cantFail(R.u32(Rec + 20, "reserved")) != 0)
      return errorAt(Base + Rec + 20, "function " + Twine(F) +
                                          ": reserved word is not zero");
    if (uint64_t(First) + Count > NumCS)
      return errorAt(Base + Rec + 12, "function " + Twine(F) +
                                         " has call sites [" + Twine(First) +
                                         ", " + Twine(uint64_t(First) + Count) +
                                         ") but the table has " + Twine(NumCS));
    if (Count == 0)
      return errorAt(Base + Rec + 16,
                     "function " + Twine(F) + " has no call sites");
    Fn.CallSites.reserve(Count);
    for (uint32_t C = First; C < First + Count; ++C) {
      uint64_t CRec = CSOff + uint64_t(CallSiteRecordSize) * C;
      CallSite CS;
      CS.RetOffset = cantFail(R.u32(CRec, "ret_offset"));
      uint32_t Live = cantFail(R.u32(CRec + 4, "live"));
      if (CS.RetOffset == 0 || CS.RetOffset > Fn.CodeSize)
        return errorAt(Base + CRec, "call site " + Twine(C) +
                                        ": return offset " +
                                        Twine(CS.RetOffset) +
                                        " lies outside its function's " +
                                        Twine(Fn.CodeSize) + " bytes of code");
      if (Error E = decodeDescriptor(R, PoolOff, PoolWords, Live, CS.LiveWords,
                                     CS.CFAWords))
        return E;
      Fn.CallSites.push_back(std::move(CS));
    }
    T.Functions.push_back(std::move(Fn));
  }
  return T;
}

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

Expected<std::string> encodeTable(const Table &T) {
  // Descriptors first: index 0 is the empty descriptor, identical ones are
  // shared.
  using Key = std::pair<std::vector<uint32_t>, std::vector<uint32_t>>;
  std::vector<uint32_t> Pool = {0, 0};
  std::map<Key, uint32_t> Descriptors;
  Descriptors[{}] = 0;
  uint64_t NumCS = 0;
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
      auto [It, New] =
          Descriptors.try_emplace(Key(CS.LiveWords, CS.CFAWords), 0);
      if (New) {
        It->second = uint32_t(Pool.size());
        for (const std::vector<uint32_t> *Ws : {&CS.LiveWords, &CS.CFAWords}) {
          uint32_t N = Ws->empty() ? 0 : Ws->back() + 1;
          Pool.push_back(N);
          size_t First = Pool.size();
          Pool.resize(First + (uint64_t(N) + 31) / 32, 0);
          for (uint32_t K : *Ws)
            Pool[First + K / 32] |= 1u << (K % 32);
        }
      }
    }
    NumCS += Fn.CallSites.size();
  }
  uint64_t Body = HeaderSize +
                  uint64_t(FunctionRecordSize) * T.Functions.size() +
                  uint64_t(CallSiteRecordSize) * NumCS + 4ull * Pool.size();
  uint64_t Size = (Body + 7) / 8 * 8;
  if (Size > UINT32_MAX)
    return createStringError(inconvertibleErrorCode(),
                             "table of %llu bytes exceeds 4 GiB",
                             (unsigned long long)Size);

  std::string Out;
  Out.reserve(Size);
  auto put32 = [&Out](uint32_t V) {
    char B[4];
    support::endian::write32le(B, V);
    Out.append(B, 4);
  };
  auto put16 = [&Out](uint16_t V) {
    char B[2];
    support::endian::write16le(B, V);
    Out.append(B, 2);
  };
  put32(Magic);
  put16(Version);
  put16(HeaderSize);
  put32(uint32_t(Size));
  put32(uint32_t(T.Functions.size()));
  put32(uint32_t(NumCS));
  put32(uint32_t(Pool.size()));
  put32(0);
  put32(0);
  uint32_t First = 0;
  for (size_t F = 0; F < T.Functions.size(); ++F) {
    const Function &Fn = T.Functions[F];
    int64_t Rel = Fn.Start - int64_t(functionStartFieldOffset(F));
    if (Rel < INT32_MIN || Rel > INT32_MAX)
      return createStringError(inconvertibleErrorCode(),
                               "function %zu: start %lld is out of reach of "
                               "a 32-bit PC-relative field",
                               F, (long long)Fn.Start);
    put32(uint32_t(int32_t(Rel)));
    put32(Fn.CodeSize);
    put32(Fn.FrameSize);
    put32(First);
    put32(uint32_t(Fn.CallSites.size()));
    put32(0);
    First += uint32_t(Fn.CallSites.size());
  }
  for (const Function &Fn : T.Functions)
    for (const CallSite &CS : Fn.CallSites) {
      put32(CS.RetOffset);
      put32(Descriptors.find(Key(CS.LiveWords, CS.CFAWords))->second);
    }
  for (uint32_t W : Pool)
    put32(W);
  Out.resize(Size, '\0');
  return Out;
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

} // namespace stackmap
} // namespace gollc
