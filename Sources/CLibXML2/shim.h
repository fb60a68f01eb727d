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

#endif
