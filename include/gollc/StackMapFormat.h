//===- StackMapFormat.h - The go_stackmap format, one owner -----*- C++ -*-===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The one C++ owner of the go_stackmap format, versions 2 and 3
// (docs/StackMapFormat.md).
// The byte layout is defined once, by the C structs of gollc/go_stackmap.h
// that runtimes read; the constants below are taken from there. This library
// holds everything else that knows the format:
//
// - the writer (writeTable, DescriptorPool): the code generator
//   (passes/GoStackMapPrinter.cpp) emits its tables through it with a
//   TableSink that writes MC expressions, and encodeTable writes bytes with
//   the same code, so the tables in objects are the tables under test;
// - the decoder (decodeSection), which checks every bound and reports the
//   first problem with its byte offset, so go-stackmap-dump, the unit tests
//   and the fuzzer (fuzz/StackMapDecoderFuzzer.cpp) can feed it anything;
// - the statepoint record decoder (decodeStatepoint): how the locations of
//   one LLVM stack-map record (the "deopt" stack-object layout, spill slots,
//   %rsp/%rbp offsets) become live words. The printer feeds it LLVM's
//   StackMaps records, decodeLLVMStackMaps the records of an .llvm_stackmaps
//   v3 section read with llvm/Object/StackMapParser.h.
//
//   build/bin/go-stackmap-dump prog.o        # decodeSection
//   build/bin/go-stackmap-dump --llvm prog.o # decodeLLVMStackMaps
//
//===----------------------------------------------------------------------===//

#ifndef GOLLC_STACKMAPFORMAT_H
#define GOLLC_STACKMAPFORMAT_H

#include "gollc/go_stackmap.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace gollc {
namespace stackmap {

constexpr uint32_t Magic = GO_STACKMAP_MAGIC;
/// The newest version (3: descriptor parts may be runs), and the version of
/// a table whose descriptors are all bitmaps (2), which the writer uses
/// whenever it can, so that version-2 readers read it.
constexpr uint16_t Version = GO_STACKMAP_VERSION;
constexpr uint16_t VersionBitmaps = GO_STACKMAP_VERSION_BITMAPS;
constexpr uint32_t PartRuns = GO_STACKMAP_PART_RUNS;
/// The writer puts a descriptor part in the runs form only when its bitmap
/// would have more than this many words (a live word over 256 KiB above sp
/// or the CFA) and the runs are shorter.
constexpr uint64_t RunsMinBitmapWords = 1024;
constexpr const char *SectionName = GO_STACKMAP_SECTION;
constexpr uint32_t HeaderSize = sizeof(go_stackmap_header);
constexpr uint32_t FunctionRecordSize = sizeof(go_stackmap_function);
constexpr uint32_t CallSiteRecordSize = sizeof(go_stackmap_callsite);
/// frame_size of a frame without a fixed size (a realigned stack): the
/// return address is found through the frame pointer.
constexpr uint32_t FrameVariable = GO_STACKMAP_FRAME_VARIABLE;
/// Every table starts at this alignment and its size is a multiple of it.
constexpr uint32_t TableAlign = 8;

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
  /// table_size and pool_words as stored (informational; the writer
  /// recomputes both).
  uint32_t Size = 0;
  uint32_t PoolWords = 0;
  /// The version as stored (informational; the writer chooses it).
  uint16_t Version = 0;
  std::vector<Function> Functions;
};

/// Byte offset, within its table, of function record \p Index's `start`
/// field (where the R_X86_64_PC32 relocation of a relocatable object is).
inline uint64_t functionStartFieldOffset(uint64_t Index) {
  return HeaderSize + FunctionRecordSize * Index;
}

//===----------------------------------------------------------------------===//
// Writing
//===----------------------------------------------------------------------===//

/// The live-slot descriptor pool of one table: index 0 is the empty
/// descriptor {0}{0}, identical descriptors are shared, new ones are
/// appended in the order they are first asked for.
class DescriptorPool {
public:
  /// The pool index of the descriptor of these word lists (each strictly
  /// increasing), adding it if it is new.
  uint32_t intern(const std::vector<uint32_t> &SPWords,
                  const std::vector<uint32_t> &CFAWords);
  const std::vector<uint32_t> &words() const { return Words; }
  /// Whether a part is in the runs form: the table is then version 3.
  bool hasRuns() const { return HasRuns; }

private:
  void appendPart(const std::vector<uint32_t> &Live);
  std::vector<uint32_t> Words = {0, 0};
  bool HasRuns = false;
  std::map<std::pair<std::vector<uint32_t>, std::vector<uint32_t>>, uint32_t>
      Index = {{{}, 0}};
};

/// Receives the fields of a table in order. The three fields that are
/// address differences are left to the sink: the code generator emits them
/// as MC expressions (a relocation, label differences the assembler
/// folds), encodeTable as the numbers of the Table.
class TableSink {
public:
  virtual ~TableSink();
  virtual void emitU16(uint16_t V) = 0;
  virtual void emitU32(uint32_t V) = 0;
  virtual void emitZeros(uint64_t N) = 0;
  /// Function record \p F's `start`: its entry minus this field's address.
  virtual void emitFunctionStart(size_t F) = 0;
  /// Function record \p F's `code_size`.
  virtual void emitCodeSize(size_t F) = 0;
  /// The `ret_offset` of call site \p C of function \p F.
  virtual void emitRetOffset(size_t F, size_t C) = 0;
};

/// Writes one table (functions in the given order, call sites grouped by
/// function, the pool, zero padding to a multiple of TableAlign) to \p S.
/// Start, CodeSize and RetOffset of \p T are not read: the sink supplies
/// them. Fails only if the table would exceed 4 GiB, before writing.
llvm::Error writeTable(const Table &T, TableSink &S);

/// Encodes one table in canonical form. Fails if the functions are not
/// sorted by strictly increasing Start, a function has no call sites, call
/// sites are not sorted by strictly increasing RetOffset, a RetOffset lies
/// outside (0, CodeSize], live words are not strictly increasing, or a Start
/// is out of reach of a 32-bit PC-relative field.
llvm::Expected<std::string> encodeTable(const Table &T);

//===----------------------------------------------------------------------===//
// Reading
//===----------------------------------------------------------------------===//

/// Decodes every table of a section. Zero 8-byte words between tables are
/// skipped; anything else that is not a well-formed table is an error naming
/// the byte offset in the section.
llvm::Expected<std::vector<Table>>
decodeSection(llvm::ArrayRef<uint8_t> Section);

/// The checks of `go-stackmap-dump --verify` that need no symbol table:
/// functions sorted by entry and not overlapping (by code_size), call sites
/// sorted, unique and inside (0, code_size]. Errors name the table offset
/// and the record index.
llvm::Error verifyTable(const Table &T);

//===----------------------------------------------------------------------===//
// From LLVM's stack-map records to live words
//===----------------------------------------------------------------------===//

/// One location of an LLVM stack-map record, as both LLVM's StackMaps (the
/// code generator) and the .llvm_stackmaps v3 section describe it; the kind
/// numbers are v3's (and StackMaps::Location::LocationType's).
struct Location {
  enum KindType : uint8_t {
    Unprocessed = 0,
    Register = 1,
    Direct = 2,
    Indirect = 3,
    Constant = 4,
    ConstantIndex = 5
  };
  KindType Kind = Unprocessed;
  uint16_t Size = 0;
  /// DWARF register number.
  uint16_t Reg = 0;
  /// Register/Direct/Indirect: the offset; Constant: the value;
  /// ConstantIndex: the index in the producer's constant pool.
  int32_t Offset = 0;
};

/// The value of the ConstantIndex location at a position of a record: each
/// producer keeps large constants elsewhere (StackMaps privately, v3 in its
/// constant table). The error is reported as is.
using LargeConstantFn = llvm::function_ref<llvm::Expected<int64_t>(unsigned)>;

/// The frame_size of a function whose LLVM stack size is \p StackSize
/// (UINT64_MAX for a frame of variable size: FrameVariable).
llvm::Expected<uint32_t> frameSizeFromStackSize(uint64_t StackSize);

/// The largest stack object (its pointer-holding prefix, in 8-byte words:
/// 2 GiB) a statepoint's deopt layout may describe; go-statepoints refuses
/// larger ones and decodeStatepoint rejects them.
constexpr uint64_t MaxObjectWords = uint64_t(1) << 28;

/// Decodes the locations of statepoint \p ID (docs/StackMapFormat.md, "How
/// the code generator produces a table"): CC, Flags, NumDeopt, the deopt
/// operands positionally as the stack-object layout, then the gc-live
/// locations. \p FrameSize places %rbp-relative locations. Returns the live
/// words (RetOffset left 0) or the first problem as one message that starts
/// with "statepoint <ID>".
llvm::Expected<CallSite> decodeStatepoint(uint64_t ID,
                                          llvm::ArrayRef<Location> Locs,
                                          uint32_t FrameSize,
                                          LargeConstantFn LargeConstant);

/// One function of an .llvm_stackmaps v3 section.
struct LLVMStackMapFunction {
  /// Section offset of its 8-byte address field (the R_X86_64_64
  /// relocation of a relocatable object) and the value stored there.
  uint64_t AddressFieldOffset = 0;
  uint64_t Address = 0;
  /// FrameSize and the call sites (RetOffset: the record's instruction
  /// offset); Start and CodeSize are 0: v3 has neither.
  Function Fn;
};

/// Reads an .llvm_stackmaps v3 section with LLVM's StackMapParser (after
/// checking the bounds it trusts) and decodes every record as a statepoint.
/// \p NameOf names a function in errors, given its index and record.
llvm::Expected<std::vector<LLVMStackMapFunction>> decodeLLVMStackMaps(
    llvm::ArrayRef<uint8_t> Section,
    llvm::function_ref<std::string(size_t, const LLVMStackMapFunction &)>
        NameOf);

} // namespace stackmap
} // namespace gollc

#endif // GOLLC_STACKMAPFORMAT_H
