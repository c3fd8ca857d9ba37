//===- StackMapFormatTest.cpp - go_stackmap encoder and decoder -----------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "gollc/StackMapFormat.h"
#include "gollc/go_stackmap.h"

#include "llvm/Support/Endian.h"

#include "gtest/gtest.h"

#include <cstddef>
#include <cstdlib>
#include <cstring>

using namespace llvm;
using namespace gollc::stackmap;

namespace {

ArrayRef<uint8_t> bytes(const std::string &S) {
  return ArrayRef<uint8_t>(reinterpret_cast<const uint8_t *>(S.data()),
                           S.size());
}

Table sampleTable() {
  Table T;
  Function F1;
  F1.Start = -4096;
  F1.CodeSize = 64;
  F1.FrameSize = 40;
  F1.CallSites = {{5, {}, {}}, {17, {1, 3}, {}}, {30, {1, 3}, {}}};
  Function F2;
  F2.Start = -2048;
  F2.CodeSize = 100;
  F2.FrameSize = FrameVariable;
  // A descriptor longer than one bitmap word: words 0, 31, 32 and 70; and
  // a cfa part: the word at cfa + 8.
  F2.CallSites = {{12, {0, 31, 32, 70}, {1}}};
  T.Functions = {F1, F2};
  return T;
}

std::string encodeOrDie(const Table &T) {
  Expected<std::string> S = encodeTable(T);
  EXPECT_TRUE(bool(S)) << toString(S.takeError());
  return S ? *S : std::string();
}

std::string errorOf(ArrayRef<uint8_t> Section) {
  Expected<std::vector<Table>> Tables = decodeSection(Section);
  if (Tables)
    return "";
  return toString(Tables.takeError());
}

void put32(std::string &S, size_t Off, uint32_t V) {
  support::endian::write32le(&S[Off], V);
}

/// The table encoded in \p S through the runtime's C view (go_stackmap.h),
/// in an 8-byte aligned copy.
struct CView {
  std::vector<uint64_t> Aligned;
  const char *Begin, *End;
  const go_stackmap_header *H;
  explicit CView(const std::string &S)
      : Aligned((S.size() + 7) / 8),
        Begin(reinterpret_cast<const char *>(Aligned.data())),
        End(Begin + S.size()) {
    load(S);
    H = go_stackmap_first(Begin, End);
  }
  /// Replaces the bytes with those of \p S, of the same size.
  void load(const std::string &S) {
    std::memcpy(Aligned.data(), S.data(), S.size());
  }
};

TEST(StackMapFormatTest, RoundTrips) {
  Table T = sampleTable();
  std::string S = encodeOrDie(T);
  ASSERT_EQ(S.size() % 8, 0u);
  Expected<std::vector<Table>> Back = decodeSection(bytes(S));
  ASSERT_TRUE(bool(Back)) << toString(Back.takeError());
  ASSERT_EQ(Back->size(), 1u);
  EXPECT_EQ(Back->front().Functions, T.Functions);
  EXPECT_EQ(Back->front().Size, S.size());
}

TEST(StackMapFormatTest, SharesDescriptorsAndMatchesTheCHeader) {
  std::string S = encodeOrDie(sampleTable());
  // Through the runtime's C view: pool = {0}{0} + {4, 0b1010}{0} +
  // {71, 3 words}{2, 0b10}. The two call sites with {1, 3} share one
  // descriptor.
  CView V(S);
  const char *Begin = V.Begin;
  const go_stackmap_header *H = V.H;
  ASSERT_NE(H, nullptr);
  ASSERT_TRUE(go_stackmap_table_valid(H, V.End));
  EXPECT_EQ(H->num_functions, 2u);
  EXPECT_EQ(H->num_callsites, 4u);
  EXPECT_EQ(H->pool_words, 2u + 3u + 6u);
  const go_stackmap_callsite *CS = go_stackmap_callsites(H);
  EXPECT_EQ(CS[0].live, 0u);
  EXPECT_EQ(CS[1].live, CS[2].live);
  EXPECT_EQ(go_stackmap_live_words(H, &CS[1]), 4u);
  EXPECT_EQ(go_stackmap_live_bit(H, &CS[1], 1), 1);
  EXPECT_EQ(go_stackmap_live_bit(H, &CS[1], 2), 0);
  EXPECT_EQ(go_stackmap_live_bit(H, &CS[3], 70), 1);
  EXPECT_EQ(go_stackmap_live_bit(H, &CS[3], 69), 0);
  EXPECT_EQ(go_stackmap_cfa_live_words(H, &CS[1]), 0u);
  EXPECT_EQ(go_stackmap_cfa_live_words(H, &CS[3]), 2u);
  EXPECT_EQ(go_stackmap_cfa_live_bit(H, &CS[3], 0), 0);
  EXPECT_EQ(go_stackmap_cfa_live_bit(H, &CS[3], 1), 1);
  EXPECT_EQ(go_stackmap_cfa_live_bit(H, &CS[3], 2), 0);
  EXPECT_TRUE(go_stackmap_frame_variable(&go_stackmap_functions(H)[1]));
  EXPECT_FALSE(go_stackmap_frame_variable(&go_stackmap_functions(H)[0]));
  // Function lookup by address (inside its code_size only) and call-site
  // lookup by return address.
  uintptr_t F2 = reinterpret_cast<uintptr_t>(Begin) - 2048;
  const go_stackmap_function *F = go_stackmap_find_function(H, F2 + 99);
  ASSERT_NE(F, nullptr);
  EXPECT_EQ(go_stackmap_function_start(F), F2);
  EXPECT_EQ(go_stackmap_find_function(H, F2 + 100), nullptr);
  EXPECT_EQ(go_stackmap_find_function(H, F2 - 1), nullptr);
  EXPECT_EQ(go_stackmap_find_callsite(H, F, F2 + 12), &CS[3]);
  EXPECT_EQ(go_stackmap_find_callsite(H, F, F2 + 13), nullptr);
  EXPECT_EQ(go_stackmap_next(H, Begin + S.size()), nullptr);
}

// Live words far apart (a stack object of 128 MiB with a pointer at each
// end, a spill slot above it): the part is written as runs and the table is
// version 3; the library and the C view read the same words, and a scan by
// next live word visits only them. Tables without such a part stay
// version 2 (sampleTable).
TEST(StackMapFormatTest, FarApartWordsAreRunsInAVersion3Table) {
  Table T;
  Function F;
  F.Start = -4096;
  F.CodeSize = 64;
  F.FrameSize = 134217800;
  std::vector<uint32_t> Far = {2, 3, 4, 16777220, 16777224};
  // A bitmap of 1024 words (the most the writer keeps as a bitmap) and
  // one of 1025 words with a single live word.
  std::vector<uint32_t> Edge = {32767}, Over = {32768};
  F.CallSites = {{5, Far, {}}, {9, Edge, {}}, {13, Over, {7}}};
  T.Functions = {F};
  std::string S = encodeOrDie(T);
  EXPECT_EQ(cantFail(decodeSection(bytes(encodeOrDie(sampleTable()))))
                .front()
                .Version,
            2u);
  Expected<std::vector<Table>> Back = decodeSection(bytes(S));
  ASSERT_TRUE(bool(Back)) << toString(Back.takeError());
  EXPECT_EQ(Back->front().Version, 3u);
  EXPECT_EQ(Back->front().Functions, T.Functions);
  // Pool: {0}{0}, runs {3 runs: 2+3, 16777220+1, 16777224+1}{0},
  // bitmap {32768, 1024 words}{0}, runs {1 run: 32768+1}{8, 0x80}.
  EXPECT_EQ(Back->front().PoolWords, 2u + 8u + 1026u + 5u);

  CView V(S);
  const go_stackmap_header *H = V.H;
  ASSERT_NE(H, nullptr);
  ASSERT_TRUE(go_stackmap_table_valid(H, V.End));
  EXPECT_EQ(H->version, 3u);
  const go_stackmap_callsite *CS = go_stackmap_callsites(H);
  EXPECT_EQ(go_stackmap_live_words(H, &CS[0]), 16777225u);
  std::vector<uint32_t> Seen;
  for (uint32_t K = go_stackmap_next_live(H, &CS[0], 0);
       K != GO_STACKMAP_NO_WORD; K = go_stackmap_next_live(H, &CS[0], K + 1))
    Seen.push_back(K);
  EXPECT_EQ(Seen, Far);
  EXPECT_EQ(go_stackmap_live_bit(H, &CS[0], 3), 1);
  EXPECT_EQ(go_stackmap_live_bit(H, &CS[0], 5), 0);
  EXPECT_EQ(go_stackmap_live_bit(H, &CS[0], 16777224), 1);
  EXPECT_EQ(go_stackmap_live_bit(H, &CS[0], 16777225), 0);
  EXPECT_EQ(go_stackmap_next_live(H, &CS[0], 5), 16777220u);
  EXPECT_EQ(go_stackmap_live_words(H, &CS[1]), 32768u);
  EXPECT_EQ(go_stackmap_next_live(H, &CS[1], 0), 32767u);
  EXPECT_EQ(go_stackmap_next_live(H, &CS[1], 32768), GO_STACKMAP_NO_WORD);
  EXPECT_EQ(go_stackmap_live_words(H, &CS[2]), 32769u);
  EXPECT_EQ(go_stackmap_next_live(H, &CS[2], 0), 32768u);
  EXPECT_EQ(go_stackmap_cfa_live_words(H, &CS[2]), 8u);
  EXPECT_EQ(go_stackmap_cfa_next_live(H, &CS[2], 0), 7u);
  EXPECT_EQ(go_stackmap_cfa_live_bit(H, &CS[2], 7), 1);

  // Malformed runs: both readers refuse the table. Pool at 32 + 24 + 3*8;
  // the first runs part is pool words [2, 9).
  size_t Pool = 32 + 24 + 3 * 8;
  struct Case {
    size_t Word;
    uint32_t Value;
    const char *Expect;
  } Cases[] = {
      {2, 0x80000000u, "has no runs"},
      {2, 0x80001000u, "runs past the end of the pool"},
      {4, 0, "run 0 of 0 words at word 2"},
      {5, 3, "run 1 of 1 words at word 3"},
      {8, 0xFFFFFFF0u, "run 2 of 4294967280 words at word 16777224"},
  };
  for (const Case &C : Cases) {
    std::string Bad = S;
    put32(Bad, Pool + 4 * C.Word, C.Value);
    std::string Msg = errorOf(bytes(Bad));
    EXPECT_NE(Msg.find(C.Expect), std::string::npos) << "got: '" << Msg << "'";
    V.load(Bad);
    EXPECT_FALSE(go_stackmap_table_valid(H, V.End)) << C.Expect;
  }
  // The library decodes runs into words, so it refuses more than a stack
  // object's worth in one part (the C view, which allocates nothing, reads
  // them).
  std::string Many = S;
  put32(Many, Pool + 4 * 8, 0x10000000u);
  EXPECT_NE(errorOf(bytes(Many)).find("more than 268435456 live words"),
            std::string::npos);
  // Version 2 has no runs form: the same bytes are a bitmap part of
  // 0x80000003 words, past the pool.
  std::string V2 = S;
  V2[4] = 2;
  EXPECT_NE(errorOf(bytes(V2)).find("runs past the end of the pool"),
            std::string::npos);
  V.load(V2);
  EXPECT_FALSE(go_stackmap_table_valid(H, V.End));
}

// A call that is a function's last instruction returns to the function's
// end, which is the next function's entry: the index finds the function by
// ra - 1, never the function starting at ra. Two tables, so the index also
// has to merge them.
TEST(StackMapFormatTest, IndexFindsTheFunctionOfRaMinusOne) {
  Table T1, T2;
  Function A, B;
  A.Start = -4096;
  A.CodeSize = 64;
  A.FrameSize = 8;
  A.CallSites = {{10, {0}, {}}, {64, {1}, {}}}; // the last: at A's end
  B.Start = -4096 + 64;                         // right after A
  B.CodeSize = 32;
  B.FrameSize = 24;
  B.CallSites = {{7, {2}, {}}};
  T1.Functions = {A};
  std::string S1 = encodeOrDie(T1);
  // In the second table B's start is relative to that table's start.
  B.Start -= int64_t(S1.size());
  T2.Functions = {B};
  std::string S = encodeOrDie(T2);
  S = S1 + S;
  std::vector<uint64_t> Aligned((S.size() + 7) / 8);
  std::memcpy(Aligned.data(), S.data(), S.size());
  const char *Begin = reinterpret_cast<const char *>(Aligned.data());
  const char *End = Begin + S.size();
  size_t N = 0;
  const go_stackmap_header *Bad = nullptr;
  ASSERT_EQ(go_stackmap_index_fill(Begin, End, nullptr, 0, &N, &Bad), 0);
  ASSERT_EQ(N, 2u);
  std::vector<go_stackmap_index_entry> Index(N);
  go_stackmap_index_fill(Begin, End, Index.data(), N, &N, &Bad);
  // Out of order on purpose: the sort must put A first.
  std::swap(Index[0], Index[1]);
  go_stackmap_index_sort(Index.data(), N);
  uintptr_t AStart = reinterpret_cast<uintptr_t>(Begin) - 4096;
  uintptr_t BStart = AStart + 64;
  EXPECT_EQ(Index[0].start, AStart);
  EXPECT_EQ(Index[0].end, BStart);
  EXPECT_EQ(Index[1].start, BStart);
  const go_stackmap_index_entry *E =
      go_stackmap_index_find(Index.data(), N, BStart);
  ASSERT_NE(E, nullptr);
  EXPECT_EQ(E->start, AStart);
  const go_stackmap_callsite *C =
      go_stackmap_find_callsite(E->table, E->fn, BStart);
  ASSERT_NE(C, nullptr);
  EXPECT_EQ(C->ret_offset, 64u);
  EXPECT_EQ(go_stackmap_live_bit(E->table, C, 1), 1);
  // B's own call site; an address past B's code; before A.
  E = go_stackmap_index_find(Index.data(), N, BStart + 7);
  ASSERT_NE(E, nullptr);
  EXPECT_EQ(E->start, BStart);
  EXPECT_EQ(go_stackmap_index_find(Index.data(), N, BStart + 33), nullptr);
  EXPECT_NE(go_stackmap_index_find(Index.data(), N, BStart + 32), nullptr);
  EXPECT_EQ(go_stackmap_index_find(Index.data(), N, AStart), nullptr);
  EXPECT_EQ(go_stackmap_index_find(Index.data(), N, 0), nullptr);
  // A malformed second table is reported, the first one kept.
  Aligned[S1.size() / 8] ^= 1; // its magic
  ASSERT_EQ(go_stackmap_index_fill(Begin, End, nullptr, 0, &N, &Bad), 1);
  EXPECT_EQ(N, 1u);
  EXPECT_EQ(reinterpret_cast<const char *>(Bad), Begin + S1.size());
}

// go_stackmap_index_build, what refrt, libgollcrt and --lookup call: the
// count, the allocation, the fill and the sort in one place, with the
// figures libgollcrt reports.
TEST(StackMapFormatTest, IndexBuildCountsAllocatesAndSorts) {
  Table T1 = sampleTable(), T2;
  std::string S1 = encodeOrDie(T1);
  Function B;
  B.Start = -int64_t(S1.size()) - 8192; // below T1's functions
  B.CodeSize = 16;
  B.FrameSize = 8;
  B.CallSites = {{4, {0}, {}}};
  T2.Functions = {B};
  std::string S = S1 + encodeOrDie(T2);
  std::vector<uint64_t> Aligned((S.size() + 7) / 8);
  std::memcpy(Aligned.data(), S.data(), S.size());
  const char *Begin = reinterpret_cast<const char *>(Aligned.data());
  const char *End = Begin + S.size();
  static size_t Asked;
  auto Alloc = [](size_t N) -> void * {
    Asked = N;
    return std::malloc(N);
  };
  go_stackmap_index Idx;
  ASSERT_EQ(go_stackmap_index_build(Begin, End, Alloc, &Idx), 0);
  EXPECT_EQ(Asked, 3 * sizeof(go_stackmap_index_entry));
  EXPECT_EQ(Idx.count, 3u);
  EXPECT_EQ(Idx.tables, 2u);
  EXPECT_EQ(Idx.callsites, 5u);
  EXPECT_EQ(Idx.rejected, 0u);
  EXPECT_EQ(Idx.bad, nullptr);
  // Sorted across tables: T2's function comes first.
  EXPECT_EQ(Idx.entries[0].fn, go_stackmap_functions(
                                   reinterpret_cast<const go_stackmap_header *>(
                                       Begin + S1.size())));
  EXPECT_LT(Idx.entries[1].start, Idx.entries[2].start);
  std::free(Idx.entries);
  // A failed allocation still reports what the walk found.
  auto NoMemory = [](size_t) -> void * { return nullptr; };
  EXPECT_EQ(go_stackmap_index_build(Begin, End, NoMemory, &Idx), -1);
  EXPECT_EQ(Idx.entries, nullptr);
  EXPECT_EQ(Idx.count, 0u);
  EXPECT_EQ(Idx.tables, 2u);
  // A malformed second table: rejected and named, the first still indexed.
  Aligned[S1.size() / 8] ^= 1;
  ASSERT_EQ(go_stackmap_index_build(Begin, End, Alloc, &Idx), 0);
  EXPECT_EQ(Idx.rejected, 1u);
  EXPECT_EQ(reinterpret_cast<const char *>(Idx.bad), Begin + S1.size());
  EXPECT_EQ(Idx.tables, 1u);
  EXPECT_EQ(Idx.count, 2u);
  std::free(Idx.entries);
}

TEST(StackMapFormatTest, DecodesSeveralTablesWithZeroPadding) {
  std::string A = encodeOrDie(sampleTable());
  std::string S = A + std::string(16, '\0') + A + std::string(3, '\0');
  Expected<std::vector<Table>> Back = decodeSection(bytes(S));
  ASSERT_TRUE(bool(Back)) << toString(Back.takeError());
  ASSERT_EQ(Back->size(), 2u);
  EXPECT_EQ((*Back)[1].Offset, A.size() + 16);
  EXPECT_EQ((*Back)[1].Functions, sampleTable().Functions);
}

TEST(StackMapFormatTest, EncoderRejectsUnsortedInput) {
  Table T = sampleTable();
  std::swap(T.Functions[0], T.Functions[1]);
  EXPECT_FALSE(bool(encodeTable(T)));
  consumeError(encodeTable(T).takeError());
  T = sampleTable();
  std::swap(T.Functions[0].CallSites[0], T.Functions[0].CallSites[1]);
  Expected<std::string> E = encodeTable(T);
  ASSERT_FALSE(bool(E));
  EXPECT_NE(toString(E.takeError()).find("not sorted"), std::string::npos);
  T = sampleTable();
  T.Functions[1].CallSites[0].LiveWords = {3, 3};
  E = encodeTable(T);
  ASSERT_FALSE(bool(E));
  consumeError(E.takeError());
  T = sampleTable();
  T.Functions[0].CallSites[2].RetOffset = 65; // past its 64 bytes of code
  E = encodeTable(T);
  ASSERT_FALSE(bool(E));
  EXPECT_NE(toString(E.takeError()).find("code_size"), std::string::npos);
  T = sampleTable();
  T.Functions[1].CallSites[0].CFAWords = {2, 1};
  E = encodeTable(T);
  ASSERT_FALSE(bool(E));
  consumeError(E.takeError());
  T = sampleTable();
  T.Functions[1].Start = int64_t(1) << 40;
  E = encodeTable(T);
  ASSERT_FALSE(bool(E));
  consumeError(E.takeError());
}

TEST(StackMapFormatTest, RejectsCorruptTables) {
  const std::string Good = encodeOrDie(sampleTable());
  // Header offsets: 0 magic, 4 version, 6 header_size, 8 table_size,
  // 12 num_functions, 16 num_callsites, 20 pool_words, 24 reserved.
  struct Case {
    size_t Off;
    uint32_t Value;
    const char *Expect;
  } Cases[] = {
      {0, 0x12345678, "offset 0x0: bad magic"},
      {4, 1 | (32u << 16), "unsupported version 1"},
      {8, 12, "not a multiple of 8"},
      {8, 4096, "exceeds the"},
      {12, 1000, "records need"},
      {16, 0x40000000, "records need"},
      {24, 1, "reserved header word"},
      // Function records (24 bytes): 0 start, 4 code_size, 8 frame_size,
      // 12 first_callsite, 16 num_callsites, 20 reserved.
      // Function 1's call-site range beyond the table's call sites.
      {32 + 24 + 16, 9, "has call sites [3, 12)"},
      // Function 0 with no call sites.
      {32 + 16, 0, "has no call sites"},
      {32 + 20, 1, "reserved word is not zero"},
      // Function 0's code ends before its call site at 30.
      {32 + 4, 20, "lies outside its function's 20 bytes of code"},
      // Call site 0's descriptor index past the pool (call sites at 80).
      {80 + 4, 500, "outside the pool"},
      // Pool (at 112) index 0 not empty, either part.
      {112, 1, "pool index 0 is not the empty"},
      {116, 1, "pool index 0 is not the empty"},
  };
  for (const Case &C : Cases) {
    std::string S = Good;
    put32(S, C.Off, C.Value);
    std::string Msg = errorOf(bytes(S));
    EXPECT_NE(Msg.find(C.Expect), std::string::npos)
        << "patching offset " << C.Off << " gave: '" << Msg << "'";
  }
  // A descriptor whose bitmap runs past the pool: the last descriptor
  // (pool index 5: N = 71, 3 bitmap words) claims 1000 words; then its cfa
  // part (index 9) does.
  std::string S = Good;
  put32(S, 112 + 4 * 5, 1000);
  EXPECT_NE(errorOf(bytes(S)).find("runs past the end of the pool"),
            std::string::npos);
  S = Good;
  put32(S, 112 + 4 * 9, 1000);
  EXPECT_NE(errorOf(bytes(S)).find("runs past the end of the pool"),
            std::string::npos);
  // A bit beyond N: descriptor {4, 0b1010} (index 2) gets bit 4.
  S = Good;
  put32(S, 112 + 4 * 3, 0x1a);
  EXPECT_NE(errorOf(bytes(S)).find("bits set beyond"), std::string::npos);
  // Truncations and trailing garbage.
  EXPECT_NE(errorOf(bytes(Good.substr(0, 20))).find("truncated table header"),
            std::string::npos);
  EXPECT_NE(errorOf(bytes(Good.substr(0, Good.size() - 8))).find("exceeds"),
            std::string::npos);
  EXPECT_NE(errorOf(bytes(Good + std::string("\0\0x", 3))).find("trailing"),
            std::string::npos);
  // Non-zero padding inside the table (the sample ends in a 4-byte pad).
  S = Good;
  S[S.size() - 1] = 1;
  EXPECT_NE(errorOf(bytes(S)).find("padding"), std::string::npos);
}

TEST(StackMapFormatTest, VerifiesOrder) {
  Table T = sampleTable();
  EXPECT_FALSE(bool(verifyTable(T)));
  std::swap(T.Functions[0], T.Functions[1]);
  Error E = verifyTable(T);
  ASSERT_TRUE(bool(E));
  EXPECT_NE(toString(std::move(E)).find("not sorted"), std::string::npos);
  // Overlapping code: function 1 starts inside function 0.
  T = sampleTable();
  T.Functions[0].CodeSize = 4096;
  E = verifyTable(T);
  ASSERT_TRUE(bool(E));
  EXPECT_NE(toString(std::move(E)).find("inside the code"), std::string::npos);
}

// The writer hands the three address fields to its sink and writes the rest
// itself: a sink that records them sees every function's start and code
// size and every call site's return offset once, in layout order, at the
// byte offsets go_stackmap.h's structs give.
TEST(StackMapFormatTest, WriterLeavesAddressFieldsToTheSink) {
  struct RecordingSink : TableSink {
    std::string Bytes;
    std::vector<std::pair<size_t, std::string>> Fields; // (offset, what)
    void emitU16(uint16_t) override { Bytes.append(2, 'x'); }
    void emitU32(uint32_t) override { Bytes.append(4, 'x'); }
    void emitZeros(uint64_t N) override { Bytes.append(N, '\0'); }
    void note(const std::string &What) {
      Fields.push_back({Bytes.size(), What});
      Bytes.append(4, 'a');
    }
    void emitFunctionStart(size_t F) override {
      note("start" + std::to_string(F));
    }
    void emitCodeSize(size_t F) override { note("size" + std::to_string(F)); }
    void emitRetOffset(size_t F, size_t C) override {
      note("ret" + std::to_string(F) + "." + std::to_string(C));
    }
  } Sink;
  Table T = sampleTable();
  ASSERT_FALSE(bool(writeTable(T, Sink)));
  EXPECT_EQ(Sink.Bytes.size(), encodeOrDie(T).size());
  size_t Fn1 = sizeof(go_stackmap_header) + sizeof(go_stackmap_function);
  size_t CS0 = sizeof(go_stackmap_header) + 2 * sizeof(go_stackmap_function);
  std::vector<std::pair<size_t, std::string>> Expected = {
      {functionStartFieldOffset(0), "start0"},
      {functionStartFieldOffset(0) + offsetof(go_stackmap_function, code_size),
       "size0"},
      {Fn1, "start1"},
      {Fn1 + offsetof(go_stackmap_function, code_size), "size1"},
      {CS0, "ret0.0"},
      {CS0 + 8, "ret0.1"},
      {CS0 + 16, "ret0.2"},
      {CS0 + 24, "ret1.0"}};
  EXPECT_EQ(Sink.Fields, Expected);
}

// The pool the writer uses: the empty descriptor is index 0 and shared,
// others are appended once, in the order first asked for.
TEST(StackMapFormatTest, PoolSharesDescriptors) {
  DescriptorPool P;
  EXPECT_EQ(P.intern({}, {}), 0u);
  EXPECT_EQ(P.intern({1, 3}, {}), 2u);
  EXPECT_EQ(P.intern({0}, {2}), 5u);
  EXPECT_EQ(P.intern({1, 3}, {}), 2u);
  std::vector<uint32_t> Words = {0, 0, 4, 0b1010, 0, 1, 1, 3, 0b100};
  EXPECT_EQ(P.words(), Words);
}

Location loc(Location::KindType Kind, uint16_t Reg, int32_t Offset,
             uint16_t Size = 8) {
  Location L;
  L.Kind = Kind;
  L.Reg = Reg;
  L.Offset = Offset;
  L.Size = Size;
  return L;
}

Location constant(int32_t V) { return loc(Location::Constant, 0, V); }

Expected<int64_t> noLargeConstants(unsigned I) {
  return createStringError(inconvertibleErrorCode(),
                           "no large constant at %u", I);
}

std::string decodeError(ArrayRef<Location> Locs, uint32_t FrameSize) {
  Expected<CallSite> CS = decodeStatepoint(7, Locs, FrameSize, noLargeConstants);
  if (CS)
    return "";
  return toString(CS.takeError());
}

// One record as LLVM 19 lays it out (docs/StackMapFormat.md): CC, Flags,
// NumDeopt; the stack-object layout positionally (the object at sp+16, 3
// words, pointers in words 0 and 2); then a spilled pointer at sp+8 twice
// (base and derived), a Direct "gc alloca" and a null. The live words are
// the object's pointer words and the spill slot, sorted and unique.
TEST(StackMapFormatTest, DecodesAStatepointRecord) {
  std::vector<Location> Locs = {
      constant(0), constant(0), constant(4),
      constant(1), loc(Location::Direct, 7, 16), constant(3), constant(0b101),
      loc(Location::Indirect, 7, 8), loc(Location::Indirect, 7, 8),
      loc(Location::Direct, 7, 16), constant(0)};
  Expected<CallSite> CS = decodeStatepoint(7, Locs, 40, noLargeConstants);
  ASSERT_TRUE(bool(CS)) << toString(CS.takeError());
  EXPECT_EQ(CS->LiveWords, (std::vector<uint32_t>{1, 2, 4}));
  EXPECT_TRUE(CS->CFAWords.empty());
  // A bitmap word that does not fit in 32 bits comes from the producer's
  // constant pool, by location index.
  Locs[6] = loc(Location::ConstantIndex, 0, 0);
  CS = decodeStatepoint(7, Locs, 40, [](unsigned I) -> Expected<int64_t> {
    EXPECT_EQ(I, 6u);
    return 0b100;
  });
  ASSERT_TRUE(bool(CS)) << toString(CS.takeError());
  EXPECT_EQ(CS->LiveWords, (std::vector<uint32_t>{1, 4}));
}

// The runs form of a stack object's layout (docs/IRContract.md): a negative
// size, the number of runs and (first word, words) pairs. A 128 MiB object
// at sp+16 with pointers in words 2 and 16777220 is six operands after its
// location; objects of the bitmap form mix with it.
TEST(StackMapFormatTest, DecodesTheRunsForm) {
  std::vector<Location> Locs = {
      constant(0), constant(0), constant(11),
      constant(2), loc(Location::Direct, 7, 16), constant(-16777221),
      constant(2), constant(2), constant(1), constant(16777220), constant(1),
      loc(Location::Direct, 7, 8), constant(1), constant(1)};
  Expected<CallSite> CS = decodeStatepoint(7, Locs, 40, noLargeConstants);
  ASSERT_TRUE(bool(CS)) << toString(CS.takeError());
  EXPECT_EQ(CS->LiveWords, (std::vector<uint32_t>{1, 4, 16777222}));
  // Adjacent runs and a run that ends at the object's end.
  Locs = {constant(0), constant(0), constant(8),
          constant(1), loc(Location::Direct, 7, 0), constant(-300),
          constant(2), constant(0), constant(2), constant(2), constant(298)};
  CS = decodeStatepoint(7, Locs, 40, noLargeConstants);
  ASSERT_TRUE(bool(CS)) << toString(CS.takeError());
  EXPECT_EQ(CS->LiveWords.size(), 300u);
  EXPECT_EQ(CS->LiveWords.back(), 299u);
}

TEST(StackMapFormatTest, RejectsMalformedRuns) {
  auto Object = [](std::vector<Location> Layout) {
    std::vector<Location> Locs = {constant(0), constant(0), constant(0),
                                  constant(1), loc(Location::Direct, 7, 0)};
    Locs.insert(Locs.end(), Layout.begin(), Layout.end());
    Locs[2] = constant(int32_t(Locs.size() - 3));
    return decodeError(Locs, 40);
  };
  struct Case {
    std::vector<Location> Layout;
    const char *Expect;
  } Cases[] = {
      {{constant(-300), constant(0)}, "has NumRuns 0"},
      {{constant(-300), constant(2), constant(0), constant(1)},
       "has NumRuns 2"},
      {{constant(-300), constant(1), constant(299), constant(2)},
       "of 300 words has run 0 of 2 words at word 299"},
      {{constant(-300), constant(1), constant(300), constant(1)},
       "has run 0 of 1 words at word 300"},
      {{constant(-300), constant(1), constant(-1), constant(1)},
       "has run 0 of 1 words at word -1"},
      {{constant(-300), constant(1), constant(4), constant(0)},
       "has run 0 of 0 words"},
      {{constant(-300), constant(2), constant(4), constant(4), constant(7),
        constant(1)},
       "run 1 of 1 words at word 7 (runs must increase and not overlap)"},
      {{constant(-300), constant(1), constant(4)}, "has NumRuns 1"},
      {{constant(-268435457), constant(1), constant(0), constant(1)},
       "has SizeInWords -268435457"},
      {{constant(-300), constant(1), constant(0), constant(1), constant(5)},
       "1 operand(s) after the last object"},
  };
  for (const Case &C : Cases) {
    std::string Msg = Object(C.Layout);
    EXPECT_NE(Msg.find(C.Expect), std::string::npos) << "got: '" << Msg << "'";
    EXPECT_EQ(Msg.rfind("statepoint 7", 0), 0u) << Msg;
  }
  // 2^28 words (2 GiB) is the largest object either form may describe.
  EXPECT_EQ(Object({constant(-268435456), constant(1), constant(268435455),
                    constant(1)}),
            "");
}

// %rbp-relative locations: in a fixed frame %rbp = sp + frame_size - 8; in a
// frame of variable size only incoming fixed objects (at %rbp + 16 and up)
// can be placed, relative to the CFA.
TEST(StackMapFormatTest, PlacesFramePointerLocations) {
  std::vector<Location> Locs = {constant(0), constant(0), constant(0),
                                loc(Location::Indirect, 6, -16)};
  Expected<CallSite> CS = decodeStatepoint(7, Locs, 56, noLargeConstants);
  ASSERT_TRUE(bool(CS)) << toString(CS.takeError());
  EXPECT_EQ(CS->LiveWords, (std::vector<uint32_t>{4}));
  Locs[3] = loc(Location::Indirect, 6, 24, 16);
  CS = decodeStatepoint(7, Locs, FrameVariable, noLargeConstants);
  ASSERT_TRUE(bool(CS)) << toString(CS.takeError());
  EXPECT_TRUE(CS->LiveWords.empty());
  EXPECT_EQ(CS->CFAWords, (std::vector<uint32_t>{1, 2}));
  Locs[3] = loc(Location::Indirect, 6, -8);
  EXPECT_NE(decodeError(Locs, FrameVariable).find("below the frame pointer"),
            std::string::npos);
}

TEST(StackMapFormatTest, RejectsWhatTheFormatCannotDescribe) {
  std::vector<Location> Head = {constant(0), constant(0), constant(0)};
  struct Case {
    std::vector<Location> Rest;
    uint32_t NumDeopt;
    const char *Expect;
  } Cases[] = {
      {{loc(Location::Register, 3, 0)}, 0, "in a register (DWARF 3)"},
      {{loc(Location::Indirect, 5, 0)}, 0, "DWARF register 5, neither"},
      {{loc(Location::Indirect, 7, 4, 4)}, 0, "not made of 8-byte words"},
      {{loc(Location::Indirect, 7, -8)}, 0, "not an 8-byte aligned word"},
      {{constant(1), loc(Location::Indirect, 7, 0)}, 2, "not a Direct"},
      {{constant(1), loc(Location::Direct, 7, 0), constant(2), constant(4)},
       4, "bitmap bits beyond its 2 words"},
      {{constant(0), constant(9)}, 2, "1 operand(s) after the last object"},
  };
  for (const Case &C : Cases) {
    std::vector<Location> Locs = Head;
    Locs[2] = constant(int32_t(C.NumDeopt));
    Locs.insert(Locs.end(), C.Rest.begin(), C.Rest.end());
    std::string Msg = decodeError(Locs, 40);
    EXPECT_NE(Msg.find(C.Expect), std::string::npos) << "got: '" << Msg << "'";
    EXPECT_EQ(Msg.rfind("statepoint 7", 0), 0u) << Msg;
  }
  // The producer's error for a large constant is reported as it is.
  std::vector<Location> Large = {constant(0), constant(0), constant(4),
                                 constant(1), loc(Location::Direct, 7, 0),
                                 constant(2), loc(Location::ConstantIndex, 0, 0)};
  EXPECT_EQ(decodeError(Large, 40), "no large constant at 6");
  EXPECT_NE(decodeError({constant(0)}, 40).find("not a statepoint record"),
            std::string::npos);
  EXPECT_EQ(cantFail(frameSizeFromStackSize(UINT64_MAX)), FrameVariable);
  EXPECT_EQ(cantFail(frameSizeFromStackSize(56)), 56u);
  Expected<uint32_t> Huge = frameSizeFromStackSize(FrameVariable);
  ASSERT_FALSE(bool(Huge));
  EXPECT_NE(toString(Huge.takeError()).find("too large"), std::string::npos);
}

/// Little-endian bytes of an .llvm_stackmaps v3 section, built field by
/// field.
struct V3Writer {
  std::string S;
  void u8(uint8_t V) { S.push_back(char(V)); }
  void u16(uint16_t V) { u8(V & 0xff), u8(V >> 8); }
  void u32(uint32_t V) { u16(V & 0xffff), u16(V >> 16); }
  void u64(uint64_t V) { u32(uint32_t(V)), u32(uint32_t(V >> 32)); }
  void location(uint8_t Kind, uint16_t Reg, int32_t Off) {
    u8(Kind), u8(0), u16(8), u16(Reg), u16(0), u32(uint32_t(Off));
  }
};

/// One function at 0x1000 (stack size 40) with one statepoint record (ID 9,
/// return offset 0x20): a 1-word object at sp+16 whose bitmap is the large
/// constant 1, and a spill at sp+8.
std::string v3Section() {
  V3Writer W;
  W.u8(3), W.u8(0), W.u16(0);
  W.u32(1), W.u32(1), W.u32(1);      // functions, constants, records
  W.u64(0x1000), W.u64(40), W.u64(1); // the function
  W.u64(1);                          // the constant
  W.u64(9), W.u32(0x20), W.u16(0), W.u16(8);
  for (int32_t C : {0, 0, 4, 1})
    W.location(4, 0, C);
  W.location(2, 7, 16);
  W.location(4, 0, 1);
  W.location(5, 0, 0);
  W.location(3, 7, 8);
  W.u16(0), W.u16(0); // (locations end 8-aligned) padding, no live-outs
  while (W.S.size() % 8)
    W.u8(0);
  return W.S;
}

// LLVM's StackMapParser reads the section; the records become live words
// through the same decoder as the code generator's.
TEST(StackMapFormatTest, DecodesLLVMStackMaps) {
  std::string S = v3Section();
  auto Name = [](size_t F, const LLVMStackMapFunction &) {
    return "f" + std::to_string(F);
  };
  Expected<std::vector<LLVMStackMapFunction>> Fns =
      decodeLLVMStackMaps(bytes(S), Name);
  ASSERT_TRUE(bool(Fns)) << toString(Fns.takeError());
  ASSERT_EQ(Fns->size(), 1u);
  const LLVMStackMapFunction &F = Fns->front();
  EXPECT_EQ(F.AddressFieldOffset, 16u);
  EXPECT_EQ(F.Address, 0x1000u);
  EXPECT_EQ(F.Fn.FrameSize, 40u);
  ASSERT_EQ(F.Fn.CallSites.size(), 1u);
  EXPECT_EQ(F.Fn.CallSites[0].RetOffset, 0x20u);
  EXPECT_EQ(F.Fn.CallSites[0].LiveWords, (std::vector<uint32_t>{1, 2}));
}

// StackMapParser trusts its input; the bounds check before it turns every
// truncation and every count that points past the end into an error.
TEST(StackMapFormatTest, RejectsCorruptLLVMStackMaps) {
  const std::string Good = v3Section();
  auto Name = [](size_t, const LLVMStackMapFunction &) {
    return std::string("f");
  };
  auto ErrorOf = [&](const std::string &S) {
    Expected<std::vector<LLVMStackMapFunction>> Fns =
        decodeLLVMStackMaps(bytes(S), Name);
    return Fns ? std::string() : toString(Fns.takeError());
  };
  for (size_t Len = 0; Len < Good.size(); ++Len)
    EXPECT_NE(ErrorOf(Good.substr(0, Len)), "") << "length " << Len;
  std::string S = Good;
  put32(S, 12, 2); // two records
  EXPECT_NE(ErrorOf(S).find("record 1 at offset"), std::string::npos);
  S = Good;
  put32(S, 4, 0x10000000); // functions past the end
  EXPECT_NE(ErrorOf(S).find("run past the end"), std::string::npos);
  S = Good;
  S[0] = 2;
  EXPECT_NE(ErrorOf(S).find("version (2)"), std::string::npos);
  S = Good;
  put32(S, 16 + 24 + 8 + 16 + 6 * 12 + 8, 5); // constant index 5 of 1
  EXPECT_NE(ErrorOf(S).find("function f: statepoint 9: constant index 5"),
            std::string::npos);
  S = Good;
  support::endian::write64le(&S[16 + 16], 2); // two records for the function
  EXPECT_NE(ErrorOf(S).find("more records"), std::string::npos);
}

} // namespace
