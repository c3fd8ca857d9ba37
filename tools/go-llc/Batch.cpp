//===- Batch.cpp - go-llc -j N: several inputs in one process -------------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// A Go build compiles one module per package. Given several inputs (or an
// @response file naming them), go-llc compiles each as a run of its own
// would, in an LLVMContext of its own, up to -j of them at once on threads,
// and writes one output per input: next to it (x.o beside x.ll), or into
// the directory -o names. An input that fails costs its own output and one
// error line; the others are compiled all the same, and the exit code is 1
// if any failed. What each input's compilation prints to stderr is kept
// together and printed in input order, so stderr, like the outputs, does not
// depend on -j (docs/Driver.md, "Several inputs").
//
//   go-llc -j 2 -O2 -gc=go -filetype=obj -o objs/ a.ll b.ll @more.rsp
//
//===----------------------------------------------------------------------===//

#include "Batch.h"
#include "CommandLine.h"
#include "gollc/Driver.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

using namespace llvm;

namespace gollc {

namespace {

/// The inputs of one go-llc run and the threads compiling them.
class Batch {
public:
  Batch(const DriverOptions &Opts, unsigned Threads, bool Buffered,
        raw_ostream &Errs);

  /// Compiles everything; returns 1 if any input failed.
  int run();

  /// abandonBatchItem on one of this batch's threads.
  [[noreturn]] void park();

private:
  struct Item {
    DriverOptions Opts;
    /// What the compilation printed (Buffered only).
    std::string Messages;
    int Result = 1;
    bool Done = false;
  };

  void work();
  void startThread();
  void finish(size_t I, int Result);

  std::vector<Item> Items;
  /// The order the inputs are started in: the largest first, so that the
  /// last one to finish is a small one (the outputs do not depend on it).
  std::vector<size_t> Order;
  unsigned NumThreads;
  /// Several threads: each input's messages are kept until it is its turn
  /// to be printed. One thread: they go to Errs as they come.
  bool Buffered;
  raw_ostream &Errs;
  std::atomic<size_t> Next{0};
  std::mutex Mu;
  std::condition_variable CV;
  std::vector<std::thread> Threads;
};

/// The batch the current thread works for, and the input it compiles.
thread_local Batch *CurrentBatch = nullptr;
thread_local size_t CurrentItem = 0;

Batch::Batch(const DriverOptions &Opts, unsigned Threads, bool Buffered,
             raw_ostream &Errs)
    : NumThreads(Threads), Buffered(Buffered), Errs(Errs) {
  Items.resize(Opts.InputFilenames.size());
  for (size_t I = 0; I != Items.size(); ++I) {
    DriverOptions &ItemOpts = Items[I].Opts;
    ItemOpts = Opts;
    ItemOpts.InputFilenames.clear();
    ItemOpts.InputFilename = Opts.InputFilenames[I];
    ItemOpts.OutputFilename.clear();
    if (!Opts.OutputFilename.empty()) {
      SmallString<256> Out(Opts.OutputFilename);
      sys::path::append(Out,
                        sys::path::filename(deriveOutputFilename(
                            ItemOpts.InputFilename, Opts.EmitLLVM,
                            Opts.FileType)));
      ItemOpts.OutputFilename = std::string(Out);
    }
  }
  std::vector<uint64_t> Sizes(Items.size(), 0);
  for (size_t I = 0; I != Items.size(); ++I) {
    Order.push_back(I);
    sys::fs::file_size(Items[I].Opts.InputFilename, Sizes[I]);
  }
  std::stable_sort(Order.begin(), Order.end(),
                   [&](size_t A, size_t B) { return Sizes[A] > Sizes[B]; });
}

void Batch::startThread() {
  Threads.emplace_back([this] {
    CurrentBatch = this;
    work();
  });
}

int Batch::run() {
  {
    std::lock_guard<std::mutex> Lock(Mu);
    for (unsigned T = 0; T != NumThreads; ++T)
      startThread();
  }
  int Result = 0;
  std::unique_lock<std::mutex> Lock(Mu);
  for (Item &It : Items) {
    CV.wait(Lock, [&] { return It.Done; });
    if (Buffered) {
      Errs << It.Messages;
      Errs.flush();
    }
    Result |= It.Result;
  }
  // Every input is done: the threads are leaving work() (parked ones were
  // detached and dropped from the list).
  std::vector<std::thread> Joinable = std::move(Threads);
  Lock.unlock();
  for (std::thread &T : Joinable)
    T.join();
  return Result;
}

void Batch::work() {
  for (;;) {
    size_t N = Next++;
    if (N >= Items.size())
      return;
    size_t I = Order[N];
    CurrentItem = I;
    int Result;
    if (Buffered) {
      raw_string_ostream OS(Items[I].Messages);
      Result = compileModule(Items[I].Opts, OS);
    } else {
      Result = compileModule(Items[I].Opts, Errs);
    }
    finish(I, Result);
  }
}

void Batch::finish(size_t I, int Result) {
  std::lock_guard<std::mutex> Lock(Mu);
  Items[I].Result = Result;
  Items[I].Done = true;
  CV.notify_all();
}

void Batch::park() {
  {
    std::lock_guard<std::mutex> Lock(Mu);
    // Another thread takes this one's place before its input counts as
    // done, so run() finds it in the list and joins it.
    startThread();
    for (auto T = Threads.begin(); T != Threads.end(); ++T)
      if (T->get_id() == std::this_thread::get_id()) {
        T->detach();
        Threads.erase(T);
        break;
      }
    Items[CurrentItem].Result = 1;
    Items[CurrentItem].Done = true;
    CV.notify_all();
  }
  // The stack below is LLVM's, in a state it cannot return from: keep it
  // as it is until the process exits.
  std::mutex Never;
  std::unique_lock<std::mutex> Lock(Never);
  std::condition_variable Wait;
  for (;;)
    Wait.wait(Lock);
}

/// What a run of several inputs cannot do; false after reporting it.
bool checkBatch(const DriverOptions &Opts, raw_ostream &Errs) {
  for (const std::string &In : Opts.InputFilenames)
    if (In == "-") {
      Errs << "go-llc: error: stdin ('-') cannot be one of several inputs\n";
      return false;
    }
  if (!Opts.OutputFilename.empty() &&
      !sys::fs::is_directory(Opts.OutputFilename)) {
    Errs << "go-llc: error: " << Opts.OutputFilename
         << ": with several inputs, -o names an existing directory for the "
            "outputs (without -o each output goes next to its input)\n";
    return false;
  }
  if (!Opts.RemarksFilename.empty()) {
    Errs << "go-llc: error: -pass-remarks-output takes one input (a remarks "
            "file per input needs a go-llc run per input)\n";
    return false;
  }
  // Two inputs must not be compiled to the same file (a/x.ll and b/x.ll
  // into one -o DIR).
  if (Opts.FileType == CodeGenFileType::Null && !Opts.EmitLLVM)
    return true;
  StringMap<StringRef> Outputs;
  for (const std::string &In : Opts.InputFilenames) {
    SmallString<256> Out(Opts.OutputFilename);
    std::string Derived =
        deriveOutputFilename(In, Opts.EmitLLVM, Opts.FileType);
    if (Out.empty())
      Out = Derived;
    else
      sys::path::append(Out, sys::path::filename(Derived));
    sys::fs::make_absolute(Out);
    sys::path::remove_dots(Out, /*remove_dot_dot=*/true);
    auto [It, New] = Outputs.try_emplace(Out, In);
    if (!New) {
      Errs << "go-llc: error: " << Out << ": both " << It->second << " and "
           << In << " would be compiled to this file\n";
      return false;
    }
  }
  return true;
}

} // namespace

bool needsOneAtATime(const DriverOptions &Opts) {
  if (Opts.DebugPassManager != PassManagerLogging::None ||
      Opts.PrintPipelinePasses)
    return true;
  for (StringRef Name :
       {"time-passes", "print-after", "print-before", "print-after-all",
        "print-before-all", "print-changed", "filter-print-funcs"})
    if (sharedLLVMOptionGiven(Name))
      return true;
  return false;
}

int runBatch(const DriverOptions &Opts, raw_ostream &Errs) {
  if (!checkBatch(Opts, Errs))
    return 1;
  unsigned Jobs = needsOneAtATime(Opts) ? 1 : Opts.Jobs;
  unsigned Threads = std::min<size_t>(Jobs, Opts.InputFilenames.size());
  Batch B(Opts, Threads, /*Buffered=*/Threads > 1, Errs);
  return B.run();
}

void abandonBatchItem() {
  if (CurrentBatch)
    CurrentBatch->park();
}

} // namespace gollc
