#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "clock.h"
#include "text.h"
#include "util.h"

#define MAXOPT 64

char *cli_arg;

static const struct cli_opt help_opts[] = {
	{ "help", 'h', NULL, NULL, "print this help and exit" },
	{ "version", CLI_VERSION, NULL, NULL, "print the version and exit" },
	CLI_OPT_END
};

void
cli_init(struct common *cm)
{
	memset(cm, 0, sizeof *cm);
	cm->mode = out_default_mode();
	cm->format = REC_AUTO;
}

static void
print_usage(const struct cli *c, FILE *fp)
{
	const char *p = c->usage, *nl;
	int first = 1;

	do {
		nl = strchr(p, '\n');
		fprintf(fp, "%s%.*s\n", first ? "usage: " : "       ",
		    (int)(nl ? nl - p : (long)strlen(p)), p);
		first = 0;
		p = nl + 1;
	} while (nl);
}

static void
print_opt(FILE *fp, const struct cli_opt *o)
{
	char left[64];
	int n;

	if (o->key < 256)
		n = snprintf(left, sizeof left, "  -%c, --%s", o->key, o->name);
	else
		n = snprintf(left, sizeof left, "      --%s", o->name);
	if (o->arg && n < (int)sizeof left)
		snprintf(left + n, sizeof left - (size_t)n, " %s", o->arg);
	if (strlen(left) >= 24)
		fprintf(fp, "%s\n%24s%s\n", left, "", o->help);
	else
		fprintf(fp, "%-24s%s\n", left, o->help);
}

void
cli_help(const struct cli *c, FILE *fp)
{
	const struct cli_opt *o;

	print_usage(c, fp);
	fprintf(fp, "\n%s\n\noptions:\n", c->about);
	for (o = c->opts; o->name; o++)
		print_opt(fp, o);
	for (o = help_opts; o->name; o++)
		print_opt(fp, o);
	fprintf(fp, "\nSee %s(1) and gridkit(7).\n", argv0);
}

void
cli_usage(const struct cli *c)
{
	print_usage(c, stderr);
	exit(EXIT_USAGE);
}

void
cli_misuse(const struct cli *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarnf(fmt, ap);
	va_end(ap);
	cli_usage(c);
}

/* the option table for tools/gencomp.sh: one line an option, tab-separated
 * short, long, argument name, completion and help, then the operands */
_Noreturn static void
completion_helper(const struct cli *c)
{
	const struct cli_opt *o;

	char shortopt[3];

	for (o = c->opts; o->name; o++) {
		shortopt[0] = '\0';
		if (o->key < 256)
			snprintf(shortopt, sizeof shortopt, "-%c", o->key);
		printf("opt\t%s\t--%s\t%s\t%s\t%s\n", shortopt, o->name,
		    o->arg ? o->arg : "", o->compl ? o->compl : "", o->help);
	}
	printf("opt\t-h\t--help\t\t\t%s\n", help_opts[0].help);
	printf("opt\t\t--version\t\t\t%s\n", help_opts[1].help);
	printf("args\t%s\n", c->args ? c->args : "");
	exit(EXIT_OK);
}

int
cli_next(const struct cli *c, int argc, char **argv)
{
	static struct option lopts[MAXOPT];
	static char sopts[2 * MAXOPT + 2];
	static const struct cli *built;
	const struct cli_opt *o;
	int n = 0, k, idx;
	char *s;

	if (built != c) {
		s = sopts;
		*s++ = ':';
		for (k = 0; k < 2; k++)
			for (o = k ? help_opts : c->opts; o->name; o++) {
				if (n >= MAXOPT - 2)
					die(EXIT_USAGE, "too many options");
				lopts[n++] = (struct option){ o->name,
				    o->arg ? required_argument : no_argument,
				    NULL, o->key };
				if (o->key < 256) {
					*s++ = (char)o->key;
					if (o->arg)
						*s++ = ':';
				}
			}
		lopts[n++] = (struct option){ "completion-helper", no_argument,
		    NULL, CLI_HELPER };
		lopts[n] = (struct option){ 0, 0, 0, 0 };
		*s = '\0';
		built = c;
		opterr = 0;
		setprog(argv[0]);
	}
	k = getopt_long(argc, argv, sopts, lopts, &idx);
	cli_arg = optarg;
	switch (k) {
	case 'h':
		cli_help(c, stdout);
		exit(fshut(stdout, "stdout") ? EXIT_USAGE : EXIT_OK);
	case CLI_VERSION:
		printf("%s (gridkit) %s\n", argv0, GRIDKIT_VERSION);
		exit(fshut(stdout, "stdout") ? EXIT_USAGE : EXIT_OK);
	case CLI_HELPER:
		completion_helper(c);
	case ':':
		cli_misuse(c, "option '%s' needs an argument", argv[optind - 1]);
	case '?':
		if (optopt && optopt < 256)
			cli_misuse(c, "unknown option '-%c'", optopt);
		cli_misuse(c, "unknown option '%s'", argv[optind - 1]);
	case -1:
		/* every program reads time per TZ: a bad one is found before
		 * anything is read or written */
		clk_check_tz();
	}
	return k;
}

int
cli_common(struct common *cm, int key, const char *arg)
{
	switch (key) {
	case CLI_DB:
		cm->db = arg;
		break;
	case 'o':
		if (out_parse_mode(arg, &cm->mode) != 0)
			die(EXIT_USAGE, "unknown output mode '%s' (use table, "
			    "tsv, csv or jsonl)", arg);
		break;
	case 'q':
		cm->outflags |= OUT_KEYS;
		break;
	case CLI_NO_SUMMARY:
		summary_off = 1;
		break;
	case CLI_BOM:
		cm->outflags |= OUT_BOM;
		break;
	case CLI_FORMAT:
		if (rec_parse_format(arg, &cm->format) != 0)
			die(EXIT_USAGE, "unknown input format '%s' (use csv or "
			    "jsonl)", arg);
		break;
	case CLI_ENCODING:
		if (!rec_valid_encoding(arg))
			die(EXIT_USAGE, "unknown encoding '%s' (use utf-8, "
			    "gb18030 or gbk)", arg);
		cm->encoding = arg;
		break;
	case CLI_REJECTS:
		cm->rejects = arg;
		break;
	case CLI_STRICT:
		cm->strict = 1;
		break;
	case CLI_DRY_RUN:
		cm->dry_run = 1;
		break;
	case CLI_REVEAL:
		cm->reveal = 1;
		break;
	case CLI_GRID:
		cm->grid = arg;
		break;
	case CLI_SINCE:
		cm->since = arg;
		break;
	case CLI_UNTIL:
		cm->until = arg;
		break;
	default:
		return 0;
	}
	return 1;
}

/* the header names of the key columns that -o tsv prints first */
static int
header_name(const char *s)
{
	static const char *const names[] = { "id", "code", "household",
		"cadre", "grid", "unit", NULL };
	int i;

	for (i = 0; names[i]; i++)
		if (strcmp(s, names[i]) == 0)
			return 1;
	return 0;
}

void
cli_keys_init(struct keys *k, int argc, char **argv)
{
	char *line = NULL, *s;
	size_t cap = 0;
	long lineno = 0;
	int room = 0;

	memset(k, 0, sizeof *k);
	k->argc = argc;
	k->argv = argv;
	k->from_stdin = argc == 0 && !isatty(STDIN_FILENO);
	while (k->from_stdin && getline(&line, &cap, stdin) > 0) {
		/* whole rows of -o tsv may come in: the key is the first field */
		s = line;
		s[strcspn(s, "\t")] = '\0';
		s = text_trim(s);
		if (!*s || (++lineno == 1 && header_name(s)))
			continue;
		if (k->nread == room) {
			room = room ? 2 * room : 256;
			k->read = xrealloc(k->read, (size_t)room *
			    sizeof *k->read);
		}
		k->read[k->nread++] = xstrdup(s);
	}
	free(line);
}

const char *
cli_keys_next(struct keys *k)
{
	if (k->from_stdin)
		return k->i < k->nread ? k->read[k->i++] : NULL;
	return k->i < k->argc ? k->argv[k->i++] : NULL;
}

void
cli_keys_rewind(struct keys *k)
{
	k->i = 0;
}

void
cli_keys_free(struct keys *k)
{
	int i;

	for (i = 0; i < k->nread; i++)
		free(k->read[i]);
	free(k->read);
	k->read = NULL;
	k->nread = 0;
}

void
cli_progress_init(struct progress *p)
{
	memset(p, 0, sizeof *p);
	p->tty = isatty(STDERR_FILENO);
}

void
cli_progress_show(struct progress *p, const char *fmt, ...)
{
	struct timespec ts;
	long long ms;
	va_list ap;
	char buf[160];
	int n;

	if (!p->tty)
		return;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	ms = (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	if (ms - p->last_ms < 250)
		return;
	p->last_ms = ms;
	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	fprintf(stderr, "\r%s: %s", argv0, buf);
	if ((size_t)n < p->width)
		fprintf(stderr, "%*s", (int)(p->width - (size_t)n), "");
	p->width = (size_t)n;
	fflush(stderr);
}

void
cli_progress_done(struct progress *p)
{
	if (p->tty && p->width) {
		fprintf(stderr, "\r%*s\r", (int)(p->width + strlen(argv0) + 2),
		    "");
		fflush(stderr);
	}
	p->width = 0;
}
