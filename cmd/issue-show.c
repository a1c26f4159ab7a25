/*
 * issue-show - the complete record of issues: each one's fields and its
 * whole history in time order, who did what and when, with which program.
 *
 * On a terminal, and with -o text, a record for people; otherwise (or with
 * -o table, tsv, csv or jsonl) one row an event, for scripts.  The ids come
 * from the arguments or from stdin.
 */
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "history.h"
#include "issue.h"
#include "out.h"
#include "redact.h"
#include "store.h"
#include "util.h"

static const struct cli_opt opts[] = {
	CLI_OPT_BOM,
	CLI_OPT_DB,
	{ "output", 'o', "MODE", "text table tsv csv jsonl",
	  "output: text, or one row an event as table, tsv, csv or jsonl "
	  "(text on a terminal, else tsv)" },
	{ "reveal", CLI_REVEAL, NULL, NULL,
	  "the text, notes and answers as typed, phone and ID numbers "
	  "unmasked" },
	CLI_OPT_END
};

static const struct cli cli = {
	"issue-show [--bom] [--reveal] [--db FILE] [-o MODE] [ID ...]",
	"Show each issue named, or read from stdin: its fields and its whole\n"
	"history, one event a line, in time order; phone and ID numbers in\n"
	"its text, notes and answers masked unless --reveal is given.",
	"@issue", opts
};

int
main(int argc, char *argv[])
{
	struct common cm;
	struct keys k;
	struct store *st;
	struct out *out = NULL;
	struct scrub *sc;
	const char *key;
	int opt, text = isatty(STDOUT_FILENO), rc = EXIT_OK, n = 0;

	cli_init(&cm);
	while ((opt = cli_next(&cli, argc, argv)) != -1) {
		if (opt == 'o' && strcmp(cli_arg, "text") == 0)
			text = 1;
		else if (opt == 'o' && cli_common(&cm, opt, cli_arg))
			text = 0;
		else if (!cli_common(&cm, opt, cli_arg))
			cli_usage(&cli);
	}
	/* the ids first, to the end: the program upstream commits before
	 * this one takes its snapshot or the write lock */
	cli_keys_init(&k, argc - optind, argv + optind);
	st = store_open(store_path(cm.db));
	store_read(st);
	sc = cm.reveal ? NULL : redact_new(st);
	if (!text)
		out = out_open(stdout, cm.mode, cm.outflags, history_cols,
		    HISTORY_NCOLS);
	while ((key = cli_keys_next(&k))) {
		int64_t id = issue_id(key);

		if (text && n)
			putchar('\n');
		n++;
		if (!id) {
			warnf("'%s' is not an issue id", key);
			rc = EXIT_PARTIAL;
		} else if ((text ? history_print(st, id, sc, stdout) :
		    history_rows(st, id, sc, out)) != 0) {
			warnf("issue %lld does not exist", (long long)id);
			rc = EXIT_PARTIAL;
		}
	}
	cli_keys_free(&k);
	if (!n && optind == argc && isatty(STDIN_FILENO))
		cli_misuse(&cli, "no issue given");
	scrub_free(sc);
	store_commit(st);
	if (out_close(out) != 0)
		rc = EXIT_PARTIAL;
	store_close(st);
	if (fshut(stdout, "stdout"))
		rc = EXIT_PARTIAL;
	return rc;
}
