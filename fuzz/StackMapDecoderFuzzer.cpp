//===- StackMapDecoderFuzzer.cpp - libFuzzer target for go_stackmap -------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Feeds arbitrary bytes as a `go_stackmap` section to the decoder that
// go-stackmap-dump and runtimes' tests use (include/gollc/StackMapFormat.h).
// The decoder must reject malformed sections with an Error, never read out of
// bounds (run under ASan), and every table it accepts and the encoder can
// encode must decode again to the same table: whatever the decoder accepts
// means one thing. The same bytes then go to decodeLLVMStackMaps as an
// .llvm_stackmaps v3 section: LLVM's StackMapParser trusts its input, so
// this checks the library's bounds check in front of it.
//
//   build-fuzz/bin/go-stackmap-decoder-fuzzer -max_total_time=60 dir/
// utils/run-fuzzers builds and runs it.
//
//===----------------------------------------------------------------------===//

#include "gollc/StackMapFormat.h"

#include <cstdint>
#include <cstdlib>

using namespace llvm;
using namespace gollc;

/// The v3 path: an error or a result, never an out-of-bounds read.
static void decodeAsLLVMStackMaps(ArrayRef<uint8_t> Bytes) {
  auto Name = [](size_t F, const stackmap::LLVMStackMapFunction &) {
    return std::to_string(F);
  };
  Expected<std::vector<stackmap::LLVMStackMapFunction>> Fns =
      stackmap::decodeLLVMStackMaps(Bytes, Name);
  if (!Fns)
    consumeError(Fns.takeError());
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  decodeAsLLVMStackMaps(ArrayRef<uint8_t>(Data, Size));
  Expected<std::vector<stackmap::Table>> Tables =
      stackmap::decodeSection(ArrayRef<uint8_t>(Data, Size));
  if (!Tables) {
    consumeError(Tables.takeError());
    return 0;
  }
  for (const stackmap::Table &T : *Tables) {
    Expected<std::string> Bytes = stackmap::encodeTable(T);
    if (!Bytes) {
      // The decoder may accept what the encoder would never write; that is
      // only a finding if it crashes.
      consumeError(Bytes.takeError());
      continue;
    }
    Expected<std::vector<stackmap::Table>> Again = stackmap::decodeSection(
        ArrayRef<uint8_t>(reinterpret_cast<const uint8_t *>(Bytes->data()),
                          Bytes->size()));
    if (!Again || Again->size() != 1 ||
        !(Again->front().Functions == T.Functions))
      std::abort();
  }
  return 0;
}
