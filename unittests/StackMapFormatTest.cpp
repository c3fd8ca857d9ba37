//===- StackMapFormatTest.cpp - go_stackmap encoder and decoder -----------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "gollc/StackMapFormat.h"
#include "gollc/go_stackmap.h"

#include "llvm/Support/Endian.h"

#include "gtest/gtest.h"

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
  std::vector<uint64_t> Aligned((S.size() + 7) / 8);
  std::memcpy(Aligned.data(), S.data(), S.size());
  const char *Begin = reinterpret_cast<const char *>(Aligned.data());
  const go_stackmap_header *H = go_stackmap_first(Begin, Begin + S.size());
  ASSERT_NE(H, nullptr);
  ASSERT_TRUE(go_stackmap_table_valid(H, Begin + S.size()));
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

} // namespace
