#ifndef CLAIMSIEVE_DOCUMENT_ARENA_H
#define CLAIMSIEVE_DOCUMENT_ARENA_H

#include <stddef.h>

/* A bump allocator for libxml2's trees, one per thread, live while one document is parsed and
 * read (ParsedDocument.with). libxml2 allocates every node, attribute, string and dictionary
 * entry of a page with its own malloc and frees them one by one with xmlFreeDoc: about 12% of
 * a run's instructions went to glibc's malloc and free. Given these four functions
 * (xmlMemSetup), an allocation made while the thread's arena is open is a pointer bump in a
 * slab of the thread's own; freeing it does nothing; closing the arena takes the whole
 * document back at once. Anything else (no arena open, a thread without a slab, a document
 * larger than a slab) goes to malloc and free as before, and a pointer is told apart by its
 * address alone, so the two kinds can be freed in any order on any thread. */

/* The allocation functions to give xmlMemSetup. */
void *claimsieve_arena_malloc(size_t size);
void *claimsieve_arena_realloc(void *pointer, size_t size);
void claimsieve_arena_free(void *pointer);
char *claimsieve_arena_strdup(const char *string);

/* Reserves the address space of every thread's slab (no memory yet). Call once, before any
 * thread opens an arena. Returns 0 when the reservation failed: then no arena ever opens. */
int claimsieve_arena_reserve(void);

/* What claimsieve_arena_open returns when the thread has no arena (every allocation then goes
 * to malloc); closing it does nothing. */
#define CLAIMSIEVE_ARENA_NONE ((size_t)-1)

/* Opens the calling thread's arena, or an arena inside the open one (a feed's item parsed
 * while the feed's tree is open): returns the mark to close it with. Arenas close in the
 * reverse order of opening: open, parse, read, free the tree, close. */
size_t claimsieve_arena_open(void);

/* Closes the arena opened at `mark`: everything allocated in it since is gone; what was
 * allocated before (the outer document's tree) stays. When the outermost closes, memory above
 * `keep_bytes` is given back to the system. Returns the bytes used since `mark`. */
size_t claimsieve_arena_close(size_t mark, size_t keep_bytes);

/* Whether the allocations since the outermost arena was opened all came from it (none went to
 * malloc), so a tree made since can go with the arena instead of being freed node by node. */
int claimsieve_arena_whole(void);

#endif
