// Harness for utils/bench-preempt: provides the preemption flag and slow
// path the polls use, builds the kernels' inputs and times one kernel.
//
//   harness <kernel> <calls-per-sample> <samples>
//
// prints one line per sample: nanoseconds of thread CPU time per kernel call. The flag stays
// zero: the figures are the cost of polls that are never taken.
//
//   harness <kernel> check
//
// runs the kernel once with the flag clear and once with it set, and prints
// the kernel's result (a checksum of its output) both times and how often
// the slow path ran: builds with and without polls must print the same
// results.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

volatile int32_t __go_preempt_requested;
long go_preempt_slow_calls;
// With `utils/bench-preempt --slow-cc preserve_most` the polls call the slow
// path with LLVM's preserve_most convention, which the definition must share.
#ifdef SLOW_CC
__attribute__((SLOW_CC))
#endif
void __go_preempt_slow(void) { go_preempt_slow_calls++; }

// The kernels take Go's closure context in r10 (the nest register), which C
// leaves alone; the remaining arguments follow the C ABI.
struct node { struct node *next; int64_t val; };
struct tree { struct tree *left, *right; int64_t val; };
int64_t k_sum(const int64_t *, int64_t, int64_t) __asm__("main.sum");
int32_t k_dot(const int32_t *, int64_t, int64_t, const int32_t *, int64_t,
              int64_t) __asm__("main.dot");
void k_saxpy(float, const float *, int64_t, int64_t, float *, int64_t,
             int64_t) __asm__("main.saxpy");
void k_copy(int64_t *, int64_t, int64_t, const int64_t *, int64_t,
            int64_t) __asm__("main.copyInts");
int64_t k_index(const uint8_t *, int64_t, int64_t, uint8_t)
    __asm__("main.indexByte");
void k_matmul(double *, int64_t, int64_t, const double *, int64_t, int64_t,
              const double *, int64_t, int64_t, int64_t) __asm__("main.matmul");
int64_t k_list(struct node *) __asm__("main.listSum");
int64_t k_tree(struct tree *) __asm__("main.treeSum");
uint32_t k_hash(const uint8_t *, int64_t) __asm__("main.hash");

enum { N = 4096, M = 48, LIST = 4096, TREE = 4095 };
static int64_t I64a[N], I64b[N];
static int32_t I32a[N], I32b[N];
static float Fx[N], Fy[N];
static uint8_t Bytes[N];
static double Ma[M * M], Mb[M * M], Mc[M * M];
static struct node Nodes[LIST], *ListHead;
static struct tree Trees[TREE];
volatile int64_t Sink;

static uint64_t rng = 88172645463325252ull;
static uint64_t next(void) {
  rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17;
  return rng;
}

static void setup(void) {
  rng = 88172645463325252ull;
  for (int i = 0; i < N; i++) {
    I64a[i] = next() % 1000; I32a[i] = next() % 1000; I32b[i] = next() % 1000;
    Fx[i] = (float)(next() % 100) / 7; Fy[i] = 0;
    Bytes[i] = 'a' + next() % 20;
  }
  Bytes[N - 1] = 'z'; // indexByte scans the whole slice
  for (int i = 0; i < M * M; i++) {
    Ma[i] = next() % 10; Mb[i] = next() % 10; Mc[i] = 0;
  }
  // A shuffled list: pointer chasing defeats the prefetcher a little.
  int *perm = malloc(sizeof(int) * LIST);
  for (int i = 0; i < LIST; i++) perm[i] = i;
  for (int i = LIST - 1; i > 0; i--) {
    int j = next() % (i + 1), t = perm[i]; perm[i] = perm[j]; perm[j] = t;
  }
  for (int i = 0; i < LIST; i++) {
    Nodes[perm[i]].val = i;
    Nodes[perm[i]].next = i + 1 < LIST ? &Nodes[perm[i + 1]] : NULL;
  }
  ListHead = &Nodes[perm[0]];
  free(perm);
  for (int i = 0; i < TREE; i++) {
    Trees[i].val = i;
    Trees[i].left = 2 * i + 1 < TREE ? &Trees[2 * i + 1] : NULL;
    Trees[i].right = 2 * i + 2 < TREE ? &Trees[2 * i + 2] : NULL;
  }
}

static int64_t checksum(const char *k) {
  int64_t c = Sink;
  if (!strcmp(k, "saxpy"))
    for (int i = 0; i < N; i++) c = c * 31 + (int64_t)Fy[i];
  if (!strcmp(k, "copy"))
    for (int i = 0; i < N; i++) c = c * 31 + I64b[i];
  if (!strcmp(k, "matmul"))
    for (int i = 0; i < M * M; i++) c = c * 31 + (int64_t)Mc[i];
  return c;
}

static void run(const char *k) {
  if (!strcmp(k, "sum")) Sink = k_sum(I64a, N, N);
  else if (!strcmp(k, "dot")) Sink = k_dot(I32a, N, N, I32b, N, N);
  else if (!strcmp(k, "saxpy")) k_saxpy(0.5f, Fx, N, N, Fy, N, N);
  else if (!strcmp(k, "copy")) k_copy(I64b, N, N, I64a, N, N);
  else if (!strcmp(k, "indexbyte")) Sink = k_index(Bytes, N, N, 'z');
  else if (!strcmp(k, "matmul"))
    k_matmul(Mc, M * M, M * M, Ma, M * M, M * M, Mb, M * M, M * M, M);
  else if (!strcmp(k, "list")) Sink = k_list(ListHead);
  else if (!strcmp(k, "tree")) Sink = k_tree(&Trees[0]);
  else if (!strcmp(k, "hash")) Sink = k_hash(Bytes, N);
  else { fprintf(stderr, "harness: unknown kernel '%s'\n", k); exit(2); }
}

int main(int argc, char **argv) {
  if (argc == 3 && !strcmp(argv[2], "check")) {
    setup();
    run(argv[1]);
    printf("result %lld slow-path calls %ld\n", (long long)checksum(argv[1]),
           go_preempt_slow_calls);
    setup();
    __go_preempt_requested = 1;
    run(argv[1]);
    printf("result %lld slow-path calls %ld (flag set)\n",
           (long long)checksum(argv[1]), go_preempt_slow_calls);
    return 0;
  }
  if (argc != 4) {
    fprintf(stderr, "usage: harness <kernel> <calls> <samples>\n");
    return 2;
  }
  long calls = atol(argv[2]), samples = atol(argv[3]);
  setup();
  for (long i = 0; i < calls / 10 + 1; i++) run(argv[1]); // warm up
  for (long s = 0; s < samples; s++) {
    struct timespec a, b;
    // Thread CPU time, not wall time: on a loaded machine the wall clock
    // mostly measures how long other processes held the core.
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
    for (long i = 0; i < calls; i++) run(argv[1]);
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b);
    double ns = (b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec);
    printf("%.3f\n", ns / calls);
  }
  if (go_preempt_slow_calls) {
    fprintf(stderr, "harness: slow path ran %ld times\n", go_preempt_slow_calls);
    return 1;
  }
  return 0;
}
