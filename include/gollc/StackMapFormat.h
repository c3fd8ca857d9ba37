//===- StackMapFormat.h - go_stackmap decoder and encoder -------*- C++ -*-===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// A C++ view of the go_stackmap v2 section (docs/StackMapFormat.md; the C
// structs a runtime uses are in gollc/go_stackmap.h). The decoder checks
// every bound and every field the format fixes and reports the first problem
// with its byte offset, so go-stackmap-dump, the unit tests and the fuzzer
// (fuzz/StackMapDecoderFuzzer.cpp) can feed it anything. The encoder writes
// the canonical form: functions sorted by entry, call sites sorted by return
// offset, identical live-slot descriptors shared, pool index 0 empty.
//
// The code generator (passes/GoStackMapPrinter.cpp) emits the same layout
// through MC, because function entries are relocations there, not numbers.
//
//===----------------------------------------------------------------------===//

#ifndef GOLLC_STACKMAPFORMAT_H
#define GOLLC_STACKMAPFORMAT_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace gollc {
namespace stackmap {

constexpr uint32_t Magic = 0x4D534F47; // "GOSM"
constexpr uint16_t Version = 2;
constexpr uint32_t HeaderSize = 32;
constexpr uint32_t FunctionRecordSize = 24;
/// frame_size of a frame without a fixed size (a realigned stack): the
/// return address is found through the frame pointer.
constexpr uint32_t FrameVariable = 0xFFFFFFFF;
constexpr uint32_t CallSiteRecordSize = 8;

/// One safepoint: the return address of the call, relative to the function
/// entry, and the 8-byte words `sp + 8*k` (and `cfa + 8*k`) that hold live
/// pointers there.
struct CallSite {
  uint32_t RetOffset = 0;
  /// Word indices k relative to sp, strictly increasing.
  std::vector<uint32_t> LiveWords;
  /// Word indices k relative to the frame's CFA, strictly increasing.
  std::vector<uint32_t> CFAWords;

  bool operator==(const CallSite &O) const {
    return RetOffset == O.RetOffset && LiveWords == O.LiveWords &&
           CFAWords == O.CFAWords;
  }
  bool operator!=(const CallSite &O) const { return !(*this == O); }
};

/// A function with at least one safepoint.
struct Function {
  /// The function entry minus the address of the table's first byte. The
  /// decoder computes it from the PC-relative `start` field without applying
  /// relocations: in a relocatable object it is the field's own offset plus
  /// the stored addend, and the reader must resolve the relocation at
  /// functionStartFieldOffset() itself.
  int64_t Start = 0;
  /// Bytes of code from the entry: [Start, Start + CodeSize).
  uint32_t CodeSize = 0;
  /// Bytes from sp to the return-address slot, or FrameVariable.
  uint32_t FrameSize = 0;
  std::vector<CallSite> CallSites;

  bool operator==(const Function &O) const {
    return Start == O.Start && CodeSize == O.CodeSize &&
           FrameSize == O.FrameSize && CallSites == O.CallSites;
  }
  bool operator!=(const Function &O) const { return !(*this == O); }
};

/// One table of a go_stackmap section.
struct Table {
  /// Byte offset of the table in the section it was decoded from.
  uint64_t Offset = 0;
  /// table_size and pool_words as stored (informational; the encoder
  /// recomputes both).
  uint32_t Size = 0;
  uint32_t PoolWords = 0;
  std::vector<Function> Functions;
};

/// Byte offset, within its table, of function record \p Index's `start`
/// field (where the R_X86_64_PC32 relocation of a relocatable object is).
inline uint64_t functionStartFieldOffset(uint64_t Index) {
  return HeaderSize + FunctionRecordSize * Index;
}

/// Decodes every table of a section. Zero 8-byte words between tables are
/// skipped; anything else that is not a well-formed table is an error naming
/// the byte offset in the section.
llvm::Expected<std::vector<Table>>
decodeSection(llvm::ArrayRef<uint8_t> Section);

/// Encodes one table in canonical form. Fails if the functions are not
/// sorted by strictly increasing Start, a function has no call sites, call
/// sites are not sorted by strictly increasing RetOffset, a RetOffset lies
/// outside (0, CodeSize], live words are not strictly increasing, or a Start
/// is out of reach of a 32-bit PC-relative field.
llvm::Expected<std::string> encodeTable(const Table &T);

/// The checks of `go-stackmap-dump --verify` that need no symbol table:
/// functions sorted by entry and not overlapping (by code_size), call sites
/// sorted, unique and inside (0, code_size]. Errors name the table offset
/// and the record index.
llvm::Error verifyTable(const Table &T);

} // namespace stackmap
} // namespace gollc

#endif // GOLLC_STACKMAPFORMAT_H
