/*
 * rules.h - routing rules: which unit leads on an issue, who assists, and
 * how many hours it has (DESIGN.md, "rules").
 *
 * Active rules are tried in their order (a retired rule, or one whose
 * unit retired, is skipped).  A rule matches an issue when its category
 * (if it has one) equals the and its PCRE2 pattern (if it has one)
 * matches the text; the first match decides.  Patterns are compiled
 * once, in UTF mode, and JIT-compiled; rules are grouped by category up
 * front, so an issue only meets the rules that could match it.
 */
#ifndef GK_RULES_H
#define GK_RULES_H

#include <stddef.h>

#include "store.h"
#include "util.h"

struct rule {
	long order;
	char *category, *pattern, *unit, *assist;
	double hours;
	void *re;  /* pcre2_code */
};

struct rules;

/* 0 if the pattern compiles; else -1 and PCRE2's message, with the
 * place counted in characters, in why */
int rules_check(const char *pattern, struct sbuf *why);

struct rules *rules_load(struct store *st);
int rules_count(const struct rules *rs);
/* the first rule that matches, or NULL */
const struct rule *rules_match(struct rules *rs, const char *category,
    const char *text, size_t len);
void rules_free(struct rules *rs);

#endif
