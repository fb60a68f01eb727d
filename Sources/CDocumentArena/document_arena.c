#include "document_arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <sys/mman.h>

/* Slabs: SLABS × SLAB_BYTES of address space reserved once (PROT_NONE, nothing committed);
 * a thread takes a slab the first time it opens an arena, makes it writable STEP_BYTES at a
 * time as its documents need, and gives it back when it exits. A document whose blocks do not
 * fit in what is left of a slab takes the rest from malloc. */
enum { SLABS = 64 };  /* 16 GiB of address space in all */
static const size_t SLAB_BYTES = (size_t)256 << 20;
static const size_t STEP_BYTES = (size_t)16 << 20;
/* Every block starts with its size, so realloc can copy it; blocks are 16-byte aligned. */
enum { HEADER = 16, ALIGN = 16 };

/* Set once (the first reservation to land wins; a racing one unmaps its own), then read
 * atomically (relaxed: a plain load on x86-64) so that ThreadSanitizer sees no race. */
static char *region = NULL;

/* Slabs not in use: taken by a thread's first open, given back when the thread exits (the
 * key's destructor), so threads that come and go (libdispatch retires idle workers) reuse them
 * and hold no memory once gone. */
static pthread_mutex_t slabsLock = PTHREAD_MUTEX_INITIALIZER;
static unsigned freeSlabs[SLABS];
static unsigned freeCount = 0;
static unsigned nextSlab = 0;
static pthread_key_t slabKey;

static void giveBack(void *value) {
    unsigned slab = (unsigned)((uintptr_t)value - 1);
    char *start = __atomic_load_n(&region, __ATOMIC_ACQUIRE) + (size_t)slab * SLAB_BYTES;
    madvise(start, SLAB_BYTES, MADV_DONTNEED);
    mprotect(start, SLAB_BYTES, PROT_NONE);
    pthread_mutex_lock(&slabsLock);
    freeSlabs[freeCount++] = slab;
    pthread_mutex_unlock(&slabsLock);
}

/* A slab for the calling thread, or -1 when all are taken. */
static int takeSlab(void) {
    int slab = -1;
    pthread_mutex_lock(&slabsLock);
    if (freeCount > 0) slab = (int)freeSlabs[--freeCount];
    else if (nextSlab < SLABS) slab = (int)nextSlab++;
    pthread_mutex_unlock(&slabsLock);
    return slab;
}

struct arena {
    char *start;      /* the thread's slab, NULL before its first open */
    char *cursor;     /* the next free byte */
    char *writable;   /* end of the writable part */
    char *last;       /* the last block handed out (its header), to grow or free in place */
    int depth;        /* arenas open: a feed's item is parsed while the feed's tree is open */
    int spilled;      /* an allocation went to malloc since the outermost open */
    int noSlab;       /* no slab left for this thread */
};
static __thread struct arena arena;

int claimsieve_arena_reserve(void) {
    if (__atomic_load_n(&region, __ATOMIC_ACQUIRE) != NULL) return 1;
    void *reserved = mmap(NULL, SLAB_BYTES * SLABS, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (reserved == MAP_FAILED) return 0;
    char *expected = NULL;
    if (!__atomic_compare_exchange_n(&region, &expected, (char *)reserved, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        munmap(reserved, SLAB_BYTES * SLABS);  /* another thread's reservation landed first */
        return 1;
    }
    if (pthread_key_create(&slabKey, giveBack) != 0) {
        /* No way to give slabs back at thread exit: no thread takes one (all go to malloc). */
        pthread_mutex_lock(&slabsLock);
        nextSlab = SLABS;
        pthread_mutex_unlock(&slabsLock);
    }
    return 1;
}

static inline int inRegion(const void *pointer) {
    char *start = __atomic_load_n(&region, __ATOMIC_RELAXED);
    return start != NULL && (uintptr_t)pointer - (uintptr_t)start < SLAB_BYTES * SLABS;
}

size_t claimsieve_arena_open(void) {
    if (arena.start == NULL) {
        char *start = __atomic_load_n(&region, __ATOMIC_ACQUIRE);
        if (arena.noSlab || start == NULL) return CLAIMSIEVE_ARENA_NONE;
        int slab = takeSlab();
        if (slab < 0) { arena.noSlab = 1; return CLAIMSIEVE_ARENA_NONE; }
        pthread_setspecific(slabKey, (void *)((uintptr_t)slab + 1));
        arena.start = start + (size_t)slab * SLAB_BYTES;
        arena.writable = arena.start;
    }
    if (arena.depth == 0) {
        arena.cursor = arena.start;
        arena.spilled = 0;
    }
    arena.depth += 1;
    arena.last = NULL;
    return (size_t)(arena.cursor - arena.start);
}

size_t claimsieve_arena_close(size_t mark, size_t keepBytes) {
    if (mark == CLAIMSIEVE_ARENA_NONE || arena.depth == 0) return 0;
    arena.depth -= 1;
    size_t used = (size_t)(arena.cursor - arena.start) - mark;
    arena.cursor = arena.start + mark;
    arena.last = NULL;
    if (arena.depth > 0) return used;
    size_t keep = (keepBytes + STEP_BYTES - 1) / STEP_BYTES * STEP_BYTES;
    if ((size_t)(arena.writable - arena.start) > keep) {
        /* Give the pages back and make the rest inaccessible again: memory follows the
         * largest document of the run only while it is open. */
        char *from = arena.start + keep;
        size_t length = (size_t)(arena.writable - from);
        madvise(from, length, MADV_DONTNEED);
        mprotect(from, length, PROT_NONE);
        arena.writable = from;
    }
    return used;
}

int claimsieve_arena_whole(void) { return arena.depth > 0 && !arena.spilled; }

/* A block of `size` bytes from the open arena, or NULL when it does not fit. */
static void *bump(size_t size) {
    size_t need = (HEADER + size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (size > SLAB_BYTES || need > (size_t)(arena.start + SLAB_BYTES - arena.cursor)) return NULL;
    if (arena.cursor + need > arena.writable) {
        size_t grow = (size_t)(arena.cursor + need - arena.writable);
        grow = (grow + STEP_BYTES - 1) / STEP_BYTES * STEP_BYTES;
        if (arena.writable + grow > arena.start + SLAB_BYTES) grow = (size_t)(arena.start + SLAB_BYTES - arena.writable);
        if (mprotect(arena.writable, grow, PROT_READ | PROT_WRITE) != 0) return NULL;
        arena.writable += grow;
    }
    char *block = arena.cursor;
    *(size_t *)block = size;
    arena.last = block;
    arena.cursor += need;
    return block + HEADER;
}

void *claimsieve_arena_malloc(size_t size) {
    if (arena.depth > 0) {
        void *block = bump(size);
        if (block != NULL) return block;
        arena.spilled = 1;
    }
    return malloc(size);
}

void claimsieve_arena_free(void *pointer) {
    if (pointer == NULL) return;
    if (inRegion(pointer)) {
        /* The last block of the open arena is taken back (a scratch buffer freed at once). */
        if (arena.depth > 0 && arena.last != NULL && (char *)pointer - HEADER == arena.last) {
            arena.cursor = arena.last;
            arena.last = NULL;
        }
        return;
    }
    free(pointer);
}

void *claimsieve_arena_realloc(void *pointer, size_t size) {
    if (pointer == NULL) return claimsieve_arena_malloc(size);
    if (!inRegion(pointer)) return realloc(pointer, size);
    char *header = (char *)pointer - HEADER;
    size_t old = *(size_t *)header;
    if (arena.depth > 0 && header == arena.last) {
        /* The last block grows or shrinks where it is. */
        char *cursor = arena.cursor;
        arena.cursor = header;
        arena.last = NULL;
        void *block = bump(size);
        if (block != NULL) return block;  /* the same address: the bytes stay */
        arena.cursor = cursor;
        arena.last = header;
    }
    void *moved = claimsieve_arena_malloc(size);
    if (moved == NULL) return NULL;
    memcpy(moved, pointer, old < size ? old : size);
    return moved;
}

char *claimsieve_arena_strdup(const char *string) {
    if (string == NULL) return NULL;
    size_t length = strlen(string) + 1;
    char *copy = claimsieve_arena_malloc(length);
    if (copy != NULL) memcpy(copy, string, length);
    return copy;
}
