//===- stackmap-count.cpp - A C++ tool on an installed StackMapFormat -----===//
//
// Part of go-llc's test/Install. Links GoLLC::StackMapFormat from the
// installed package and decodes a raw go_stackmap section (cut out of an
// object by llvm-objcopy --dump-section), counting what it holds:
//
//   stackmap-count prog.stackmap
//
//===----------------------------------------------------------------------===//

#include "gollc/StackMapFormat.h"

#include <cstdio>
#include <fstream>
#include <iterator>
#include <vector>

int main(int argc, char **argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: stackmap-count <section>\n");
    return 2;
  }
  std::ifstream In(argv[1], std::ios::binary);
  std::vector<uint8_t> Bytes((std::istreambuf_iterator<char>(In)),
                             std::istreambuf_iterator<char>());
  if (!In.good() && !In.eof()) {
    std::fprintf(stderr, "stackmap-count: cannot read %s\n", argv[1]);
    return 1;
  }
  auto Tables = gollc::stackmap::decodeSection(Bytes);
  if (!Tables) {
    std::fprintf(stderr, "stackmap-count: %s\n",
                 llvm::toString(Tables.takeError()).c_str());
    return 1;
  }
  size_t Functions = 0, CallSites = 0;
  // Counts only: in a relocatable object the function starts are still
  // relocations, so verifyTable's ordering checks do not apply here.
  for (const gollc::stackmap::Table &T : *Tables) {
    Functions += T.Functions.size();
    for (const gollc::stackmap::Function &F : T.Functions)
      CallSites += F.CallSites.size();
  }
  std::printf("downstream: %zu table(s), %zu function(s), %zu call site(s)\n",
              Tables->size(), Functions, CallSites);
  return 0;
}
