/*
 * cli.h - options, help and operands, the same way in every program.
 *
 * A program describes its options once, in a table of struct cli_opt; from
 * it come getopt_long's tables, the --help text and the shell completions
 * (the hidden --completion-helper prints the table for tools/gencomp.sh, as
 * git's --git-completion-helper does), so the three never drift apart.
 *
 * -h/--help prints usage to stdout and exits 0; --version likewise; an
 * unknown option or a missing argument prints usage to stderr and exits 2.
 *
 * Keys (issue ids, codes) come from the operands, or, when there are none
 * and stdin is not a terminal, from stdin one per line (mblaze's loop).
 */
#ifndef GK_CLI_H
#define GK_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "out.h"
#include "rec.h"

/* keys of long-only options shared by several programs */
enum {
	CLI_DB = 256,
	CLI_BOM,
	CLI_FORMAT,
	CLI_ENCODING,
	CLI_REJECTS,
	CLI_STRICT,
	CLI_DRY_RUN,
	CLI_REVEAL,
	CLI_GRID,
	CLI_SINCE,
	CLI_UNTIL,
	CLI_MONTH,
	CLI_VERSION,
	CLI_HELPER,
	CLI_NO_SUMMARY,
	CLI_PROG = 512 /* a program's own long-only keys start here */
};

struct cli_opt {
	const char *name;  /* long name, without "--" */
	int key;           /* short option letter, or a key >= 256 */
	const char *arg;   /* the argument's name in --help, NULL for a flag */
	const char *compl; /* completion of the argument: words separated by
	                    * blanks, or @file, @dir, @grid, @unit, @cadre,
	                    * @household, @issue (codes from the store) */
	const char *help;
};

struct cli {
	const char *usage; /* synopsis lines, '\n'-separated, without "usage: " */
	const char *about; /* one line: what the program does */
	const char *args;  /* completion of the operands, as cli_opt.compl */
	const struct cli_opt *opts; /* ends with an entry whose name is NULL */
};

/* the options most programs share */
#define CLI_OPT_DB { "db", CLI_DB, "FILE", "@file", \
	"the store (default $GRID_DB, else ./grid.db)" }
#define CLI_OPT_OUTPUT { "output", 'o', "MODE", "table tsv csv jsonl", \
	"output: table, tsv, csv or jsonl (table on a terminal, else tsv)" }
#define CLI_OPT_QUIET { "quiet", 'q', NULL, NULL, \
	"print only the keys, one per line" }
#define CLI_OPT_NO_SUMMARY { "no-summary", CLI_NO_SUMMARY, NULL, NULL, \
	"no summary on stderr (for cron and scripts)" }
#define CLI_OPT_BOM { "bom", CLI_BOM, NULL, NULL, \
	"start csv or tsv output with a UTF-8 BOM, for Excel" }
#define CLI_OPT_FORMAT { "format", CLI_FORMAT, "FMT", "csv jsonl", \
	"read csv or jsonl (default: from the content)" }
#define CLI_OPT_ENCODING { "encoding", CLI_ENCODING, "ENC", \
	"utf-8 gb18030 gbk", "input encoding: utf-8 (default), gb18030 or gbk" }
#define CLI_OPT_REJECTS { "rejects", CLI_REJECTS, "FILE", "@file", \
	"write the rejected rows to FILE, to correct and re-import" }
#define CLI_OPT_STRICT { "strict", CLI_STRICT, NULL, NULL, \
	"one bad row rejects the whole batch" }
#define CLI_OPT_DRY_RUN { "dry-run", CLI_DRY_RUN, NULL, NULL, \
	"check and report, change nothing" }
#define CLI_OPT_REVEAL { "reveal", CLI_REVEAL, NULL, NULL, \
	"show ID numbers, phones and names unmasked" }
#define CLI_OPT_GRID { "grid", CLI_GRID, "CODE", "@grid", \
	"only the subtree under grid CODE" }
#define CLI_OPT_SINCE { "since", CLI_SINCE, "TIME", NULL, \
	"from TIME on" }
#define CLI_OPT_UNTIL { "until", CLI_UNTIL, "TIME", NULL, \
	"before TIME (a bare date: to the end of that day)" }
#define CLI_OPT_END { NULL, 0, NULL, NULL, NULL }

/* what the shared options set */
struct common {
	const char *db;
	enum out_mode mode;
	unsigned outflags;       /* OUT_KEYS, OUT_BOM */
	enum rec_format format;
	const char *encoding;
	const char *rejects;
	int strict;
	int dry_run;
	int reveal;
	const char *grid;
	const char *since, *until;
};

extern char *cli_arg; /* the current option's argument */

void cli_init(struct common *cm);
/* the next option's key; -1 when they end (optind is then the first
 * operand).  Handles --help, --version and --completion-helper, and misuse */
int cli_next(const struct cli *c, int argc, char **argv);
/* handle a shared option; 1 if it was one */
int cli_common(struct common *cm, int key, const char *arg);
_Noreturn void cli_usage(const struct cli *c);
void cli_help(const struct cli *c, FILE *fp);
/* usage error with a message: "PROG: msg", the usage lines, exit 2 */
_Noreturn void cli_misuse(const struct cli *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* keys from operands, else from stdin when it is not a terminal */
struct keys {
	char **argv;
	int argc, i;
	int from_stdin;
	char **read;     /* the keys read from stdin */
	int nread;
};

/* Call it before taking the store's write lock: stdin is read to the end
 * here, since it may come from a program that is itself writing to the
 * store (issue-file | issue-route), which must finish first. */
void cli_keys_init(struct keys *k, int argc, char **argv);
/* the next key, trimmed; NULL at the end (blank lines are skipped) */
const char *cli_keys_next(struct keys *k);
/* back to the first key (a transaction run again, spool_run) */
void cli_keys_rewind(struct keys *k);
void cli_keys_free(struct keys *k);

/* a progress line on stderr, only when stderr is a terminal */
struct progress {
	int tty;
	long long last_ms;
	size_t width;
};

void cli_progress_init(struct progress *p);
void cli_progress_show(struct progress *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void cli_progress_done(struct progress *p);

#endif
