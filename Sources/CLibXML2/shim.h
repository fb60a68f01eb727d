#ifndef CLAIMSIEVE_LIBXML2_SHIM_H
#define CLAIMSIEVE_LIBXML2_SHIM_H

/* libxml2 built with ICU includes <unicode/ucnv.h>, whose enums clash with Foundation's own ICU
 * module. ClaimSieve never touches the ICU fields of xmlCharEncodingHandler, so hide them. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

/// `xmlFree` is a global function pointer, which Swift 6 refuses as shared mutable state.
static inline void claimsieve_xmlFree(void *pointer) { xmlFree(pointer); }

/// Silences libxml2's default error printing for the calling thread: errors are reported per document.
static inline void claimsieve_silence_errors(void) {
    xmlSetGenericErrorFunc(NULL, NULL);
    xmlSetStructuredErrorFunc(NULL, NULL);
}

static void claimsieve_ignore_error(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }

static inline void claimsieve_install_quiet_errors(void) {
    xmlSetGenericErrorFunc(NULL, claimsieve_ignore_error);
}

/* ---- ClaimSieveExtraction helpers (additive) ---- */
#include <libxml/xmlIO.h>
#include <libxml/parserInternals.h>
#include <zlib.h>
#include <stdlib.h>
#include <string.h>

static void claimsieve_ignore_structured(void *ctx, xmlErrorPtr error) { (void)ctx; (void)error; }

/// Silences both of libxml2's error channels for the calling thread (they are thread-local in 2.9).
static inline void claimsieve_quiet_thread(void) {
    xmlSetGenericErrorFunc(NULL, claimsieve_ignore_error);
    xmlSetStructuredErrorFunc(NULL, claimsieve_ignore_structured);
}

/// An entity loader that loads nothing: no file and no network resource is ever read on behalf of a document.
static xmlParserInputPtr claimsieve_no_entity_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt) {
    (void)url; (void)id; (void)ctxt;
    return NULL;
}

static inline void claimsieve_forbid_external_entities(void) {
    xmlSetExternalEntityLoader(claimsieve_no_entity_loader);
}

#include <libxml/catalog.h>
/// No catalog is consulted, and an `<?oasis-xml-catalog?>` processing instruction in a document
/// sets none up.
static inline void claimsieve_forbid_catalogs(void) {
#ifdef LIBXML_CATALOG_ENABLED
    xmlCatalogSetDefaults(XML_CATA_ALLOW_NONE);
#endif
}

/// Raises the element depth at which libxml2 stops parsing (256 by default, which silently loses the
/// rest of a legacy page full of unclosed tags). Set once, before worker threads start.
static inline void claimsieve_set_max_depth(unsigned int depth) { xmlParserMaxDepth = depth; }

/// True when the last parse on this thread stopped at `xmlParserMaxDepth`: libxml2 then halts and
/// keeps the tree built so far, which silently loses the rest of the page.
static inline int claimsieve_parse_hit_max_depth(void) {
    xmlErrorPtr error = xmlGetLastError();
    return error != NULL && error->code == XML_ERR_INTERNAL_ERROR && error->message != NULL
        && strstr(error->message, "Excessive depth") != NULL;
}

/// Inflates gzip or zlib data into a malloc'ed buffer (free it with `free`). Returns 0 on success.
static inline int claimsieve_gunzip(const unsigned char *input, size_t length, unsigned char **output, size_t *outputLength) {
    *output = NULL; *outputLength = 0;
    z_stream stream;
    memset(&stream, 0, sizeof(stream));
    if (inflateInit2(&stream, 15 + 32) != Z_OK) return -1;
    size_t capacity = length * 4 + 1024;
    unsigned char *buffer = (unsigned char *)malloc(capacity);
    if (buffer == NULL) { inflateEnd(&stream); return -1; }
    stream.next_in = (Bytef *)input;
    stream.avail_in = (uInt)length;
    int status = Z_OK;
    size_t used = 0;
    while (status != Z_STREAM_END) {
        if (used == capacity) {
            if (capacity > ((size_t)1 << 31)) { free(buffer); inflateEnd(&stream); return -1; }
            capacity *= 2;
            unsigned char *grown = (unsigned char *)realloc(buffer, capacity);
            if (grown == NULL) { free(buffer); inflateEnd(&stream); return -1; }
            buffer = grown;
        }
        stream.next_out = buffer + used;
        stream.avail_out = (uInt)(capacity - used);
        status = inflate(&stream, Z_NO_FLUSH);
        used = capacity - stream.avail_out;
        if (status != Z_OK && status != Z_STREAM_END) {
            if (status == Z_BUF_ERROR && stream.avail_in == 0) break;
            if (status != Z_BUF_ERROR) { free(buffer); inflateEnd(&stream); return -1; }
        }
    }
    inflateEnd(&stream);
    *output = buffer; *outputLength = used;
    return 0;
}

#endif
