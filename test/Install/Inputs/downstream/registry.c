/*===- registry.c - A C program on an installed libgollcrt ----------------===*\
|*                                                                          *|
|* Part of go-llc's test/Install. Includes the installed gollc_runtime.h    *|
|* (and through it gollc/go_stackmap.h), links libgollcrt.a and asks its    *|
|* stack-map registry what it found: no tables, since nothing go-llc        *|
|* compiled is linked in.                                                   *|
|*                                                                          *|
\*===----------------------------------------------------------------------===*/

#include <gollc/Version.h>
#include <gollc_runtime.h>

#include <stdio.h>

int main(void) {
  gollc_stackmap_info Info;
  gollc_stackmap_get_info(&Info);
  printf("gollc %s: go_stackmap v%u, %u table(s), %u bad\n",
         GOLLC_VERSION_STRING, GO_STACKMAP_VERSION, Info.tables,
         Info.bad_tables);
  return 0;
}
