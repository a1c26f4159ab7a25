/*
 * rules.h - routing rules: which unit leads on an issue, who assists and
 * who cooperates, and how many hours it has (gridkit(7), "Columns": rules).
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
	char *category, *pattern, *unit, *assist, *cooperate;
	double hours;
	void *re;  /* pcre2_code */
	const char *limit; /* the limit of PCRE2 its pattern last hit */
	int reported;      /* rules_first_limit() was told of it */
};

struct rules;

/* 0 if the pattern compiles; else -1 and PCRE2's message, with the
 * place counted in characters, in why */
int rules_check(const char *pattern, struct sbuf *why);

struct rules *rules_load(struct store *st);
int rules_count(const struct rules *rs);
/* the first rule that matches, or NULL.  A pattern that hits one of
 * PCRE2's limits (of backtracking, depth, heap, JIT stack) on the text
 * cannot tell whether it matches, and so which rule is first: then NULL,
 * with that rule in *limit (if limit is not NULL), its limit in its
 * limit field -- the issue is one for adjudication, not a plain "no
 * match".  *limit is NULL otherwise */
const struct rule *rules_match(struct rules *rs, const char *category,
    const char *text, size_t len, const struct rule **limit);
/* 1 the first time it is asked about rule r (whose pattern hit a limit),
 * 0 after: to report it once a run */
int rules_first_limit(struct rules *rs, const struct rule *r);
void rules_free(struct rules *rs);

#endif
