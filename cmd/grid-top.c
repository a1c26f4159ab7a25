/*
 * grid-top - the live board: what happens to the issues of a subtree of
 * grids, read from the store every few seconds and drawn full screen with
 * ncursesw: counts by status and rung (or grid, unit, category), the
 * overdue issues, the newest events, the units with the most overdue and
 * open issues; Enter shows an issue's history.
 *
 * Each refresh is one short read transaction: the board never keeps a
 * writer or a checkpoint waiting.  --once prints one frame as rows, for
 * scripts.  The frame is lib/board.c, the state and keys lib/view.c, the
 * layout lib/screen.c; this file only draws the segments laid out and
 * turns curses' keys into the view's.
 */
#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "grid_top.h"
#include "cli.h"
#include "clock.h"
#include "grid_top_screen.h"
#include "store.h"
#include "text.h"
#include "util.h"

enum { OPT_BY = CLI_PROG, OPT_LIMIT, OPT_ONCE, OPT_PANEL };

static const struct cli_opt opts[] = {
	CLI_OPT_BOM,
	{ "by", OPT_BY, "GROUP", "level grid unit category",
	  "counts by level (default), grid, unit or category" },
	CLI_OPT_DB,
	{ "delay", 'd', "SECONDS", NULL,
	  "read the store again every SECONDS (default 2)" },
	{ "grid", CLI_GRID, "CODE", "@grid",
	  "only the subtree under grid CODE (a code or a name)" },
	{ "limit", OPT_LIMIT, "N", NULL,
	  "at most N rows in each list (default 100)" },
	{ "once", OPT_ONCE, NULL, NULL,
	  "print one frame as rows and exit (no terminal needed)" },
	CLI_OPT_OUTPUT,
	{ "panel", OPT_PANEL, "PANEL", "counts overdue latest units",
	  "with --once: only counts, overdue, latest or units" },
	{ "quiet", 'q', NULL, NULL,
	  "with --once --panel: print only the keys, one per line" },
	{ "reveal", CLI_REVEAL, NULL, NULL,
	  "show the text of private issues too, and phone and ID numbers "
	  "in text unmasked" },
	CLI_OPT_END
};

static const struct cli cli = {
	"grid-top [--reveal] [--db FILE] [--grid CODE] [--by GROUP]\n"
	"         [--limit N] [-d SECONDS]\n"
	"grid-top --once [-q] [--bom] [--reveal] [--db FILE] [--grid CODE]\n"
	"         [--by GROUP] [--limit N] [--panel PANEL] [-o MODE]",
	"Show the issues of the store, or of the subtree under a grid, live:\n"
	"counts by status and rung, the overdue issues, the newest events and\n"
	"the units with the most overdue issues.  Press ? for the keys.",
	NULL, opts
};

static volatile sig_atomic_t stopped;
static SCREEN *term;
static int saved_stderr = -1;
static FILE *errlog;

static void
on_signal(int sig)
{
	stopped = sig;
}

/* give the terminal back, then the messages written meanwhile */
static void
restore(void)
{
	char buf[4096];
	size_t n;

	if (term) {
		endwin();
		delscreen(term);
		term = NULL;
	}
	if (saved_stderr < 0)
		return;
	fflush(stderr);
	dup2(saved_stderr, STDERR_FILENO);
	close(saved_stderr);
	saved_stderr = -1;
	rewind(errlog);
	while ((n = fread(buf, 1, sizeof buf, errlog)) > 0)
		fwrite(buf, 1, n, stderr);
	fclose(errlog);
}

static void
start(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	const struct sigaction sa = { .sa_handler = on_signal };
	char *cup;
	int i;

	/* ncursesw draws Chinese only in a UTF-8 locale */
	setlocale(LC_CTYPE, "");
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0 &&
	    !setlocale(LC_CTYPE, "C.UTF-8"))
		die(EXIT_USAGE, "no UTF-8 locale: set LANG, e.g. to C.UTF-8");
	if (!(term = newterm(NULL, stdout, stdin)))
		die(EXIT_USAGE, "cannot draw on terminal type '%s'",
		    getenv("TERM") ? getenv("TERM") : "");
	set_term(term);
	cup = tigetstr("cup");
	if (!cup || cup == (char *)-1) {
		endwin();
		delscreen(term);
		term = NULL;
		die(EXIT_USAGE, "terminal type '%s' cannot move the cursor",
		    getenv("TERM") ? getenv("TERM") : "");
	}
	/* a message from now on (a store error) is shown after endwin() */
	if ((errlog = tmpfile()) && (saved_stderr = dup(STDERR_FILENO)) >= 0)
		dup2(fileno(errlog), STDERR_FILENO);
	atexit(restore);
	for (i = 0; i < 3; i++) {
		struct sigaction old;

		/* a signal the shell had ignored (a background job) stays so */
		if (sigaction(sigs[i], NULL, &old) == 0 &&
		    old.sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
	}
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	if (has_colors()) {
		start_color();
		use_default_colors();
		init_pair(1, COLOR_RED, -1);
	}
}

static attr_t
attr_of(enum scr_attr a)
{
	switch (a) {
	case SCR_BAR: case SCR_CURSOR: return A_REVERSE;
	case SCR_HEAD: return A_BOLD;
	case SCR_ALERT: return A_BOLD | (has_colors() ? COLOR_PAIR(1) : 0);
	default: return A_NORMAL;
	}
}

static void
draw(const struct scr *s)
{
	int y, i;

	erase();
	for (y = 0; y < s->h; y++)
		for (i = 0; i < s->row[y].n; i++) {
			const struct scr_seg *g = &s->row[y].seg[i];

			attrset(attr_of(g->attr));
			mvaddnstr(y, g->x, g->text, (int)g->len);
		}
	attrset(A_NORMAL);
	refresh();
}

/* a key as the view knows it; -1 for none it knows */
static int
key_of(int rc, wint_t ch)
{
	static const int fkeys[][2] = {
		{ KEY_UP, SK_UP }, { KEY_DOWN, SK_DOWN }, { KEY_LEFT, SK_LEFT },
		{ KEY_RIGHT, SK_RIGHT }, { KEY_PPAGE, SK_PGUP },
		{ KEY_NPAGE, SK_PGDN }, { KEY_HOME, SK_HOME },
		{ KEY_END, SK_END }, { KEY_ENTER, SK_ENTER },
		{ KEY_BTAB, SK_BTAB }, { KEY_BACKSPACE, SK_BACKSPACE },
	};
	size_t i;

	if (rc == KEY_CODE_YES) {
		for (i = 0; i < sizeof fkeys / sizeof fkeys[0]; i++)
			if ((int)ch == fkeys[i][0])
				return fkeys[i][1];
		return -1;
	}
	switch (ch) {
	case '\r': case '\n': return SK_ENTER;
	case '\t': return SK_TAB;
	case 27: return SK_ESC;
	case 8: case 127: return SK_BACKSPACE;
	}
	return (int)ch;
}

/* what the board shows now */
struct ui {
	struct store *st;
	struct grid_top *b;
	struct grid_top_view v;
	struct grid_top_frame f;
	struct history h;
};

static void
reload(struct ui *u)
{
	struct grid_top_frame old = u->f;

	grid_top_load(u->b, u->v.grid, u->v.by, clk_live(), &u->f);
	grid_top_view_follow(&u->v, &old, &u->f);
	grid_top_frame_free(&old);
	if (!u->v.issue)
		return;
	history_free(&u->h);
	if (!grid_top_history(u->b, u->v.issue, &u->h)) {
		grid_top_view_msg(&u->v, "issue %lld is gone", (long long)u->v.issue);
		u->v.issue = 0;
	}
}

static void
show(struct ui *u)
{
	struct scr s;

	grid_top_screen_init(&s, COLS, LINES);
	if (u->v.help)
		grid_top_screen_help(&s, &u->v);
	else if (u->v.issue)
		grid_top_screen_history(&s, &u->h, &u->v, u->f.now);
	else
		grid_top_screen_board(&s, &u->f, &u->v);
	draw(&s);
	grid_top_screen_free(&s);
}

static void
find(struct ui *u)
{
	char *q = text_trim(xstrdup(sb_str(&u->v.input))), *code;
	struct sbuf why = { 0 };

	if (!*q)
		grid_top_view_grid(&u->v, NULL);
	else if (grid_top_find_grid(u->st, q, &code, &why) == 0) {
		grid_top_view_grid(&u->v, code);
		free(code);
	} else {
		grid_top_view_msg(&u->v, "%s", sb_str(&why));
	}
	sb_free(&why);
	free(q);
}

static void
run(struct ui *u, double delay)
{
	long long next = 0, wait, took, pause = (long long)(delay * 1000);
	wint_t ch;
	int rc;

	for (;;) {
		if (clk_ms() >= next) {
			took = clk_ms();
			reload(u);
			/* a big store: read at most a quarter of the time */
			took = clk_ms() - took;
			next = clk_ms() + (pause > 3 * took ? pause : 3 * took);
		}
		show(u);
		wait = next - clk_ms();
		timeout(wait > 0 ? (int)wait : 0);
		rc = get_wch(&ch);
		if (stopped)
			return;
		if (rc == ERR || (rc == KEY_CODE_YES && ch == KEY_RESIZE))
			continue;
		switch (grid_top_view_key(&u->v, &u->f, key_of(rc, ch))) {
		case ACT_QUIT:
			return;
		case ACT_RELOAD:
			grid_top_forget(u->b);
			next = 0;
			break;
		case ACT_FIND:
			find(u);
			next = 0;
			break;
		case ACT_HISTORY:
			history_free(&u->h);
			if (!grid_top_history(u->b, u->v.issue, &u->h))
				u->v.issue = 0;
			break;
		case ACT_REDRAW:
			clearok(curscr, TRUE);
			break;
		default:
			break;
		}
	}
}

int
main(int argc, char *argv[])
{
	struct common cm;
	struct grid_top_opts bo = { 0 };
	enum grid_top_panel panel = PANEL_N;
	enum grid_top_by by = GRID_TOP_LEVEL;
	const char *delay_arg = NULL;
	int key, once = 0, mode_given = 0, rc = EXIT_OK;
	double delay = 2;
	long limit = 100;
	char *grid = NULL;
	struct sbuf why = { 0 };
	struct ui u = { 0 };

	cli_init(&cm);
	while ((key = cli_next(&cli, argc, argv)) != -1) {
		switch (key) {
		case OPT_BY:
			if (grid_top_by_parse(cli_arg, &by) != 0)
				cli_misuse(&cli, "unknown grouping '%s' (use "
				    "level, grid, unit or category)", cli_arg);
			break;
		case 'd':
			delay_arg = cli_arg;
			if (parse_hours(cli_arg, &delay) != 0 || delay < 0.1 ||
			    delay > 3600)
				cli_misuse(&cli, "bad delay '%s': want seconds, "
				    "0.1 to 3600", cli_arg);
			break;
		case OPT_LIMIT:
			if (parse_long(cli_arg, 1, 100000, &limit) != 0)
				cli_misuse(&cli, "bad limit '%s': want 1 to "
				    "100000", cli_arg);
			break;
		case OPT_ONCE:
			once = 1;
			break;
		case OPT_PANEL:
			if (grid_top_panel_parse(cli_arg, &panel) != 0)
				cli_misuse(&cli, "unknown panel '%s' (use "
				    "counts, overdue, latest or units)", cli_arg);
			break;
		default:
			mode_given |= key == 'o' || key == 'q' || key == CLI_BOM;
			if (!cli_common(&cm, key, cli_arg))
				cli_usage(&cli);
		}
	}
	if (optind < argc)
		cli_misuse(&cli, "unexpected argument '%s'", argv[optind]);
	if (!once && (mode_given || panel != PANEL_N))
		cli_misuse(&cli, "-o, -q, --bom and --panel go with --once");
	if (once && delay_arg)
		cli_misuse(&cli, "--delay goes without --once");
	if ((cm.outflags & OUT_KEYS) && panel == PANEL_N)
		cli_misuse(&cli, "-q needs --panel: the keys of one panel");
	if (!once && !isatty(STDOUT_FILENO))
		die(EXIT_USAGE, "stdout is not a terminal: grid-top draws a "
		    "full-screen board (use --once for one frame as text)");
	if (!once && !isatty(STDIN_FILENO))
		die(EXIT_USAGE, "stdin is not a terminal: grid-top reads its "
		    "keys from it");

	u.st = store_open(store_path(cm.db));
	if (cm.grid && grid_top_find_grid(u.st, cm.grid, &grid, &why) != 0)
		die(EXIT_USAGE, "%s", sb_str(&why));
	bo.limit = (int)limit;
	bo.reveal = cm.reveal;
	/* closed and rejected: most of the store, counted once a minute */
	bo.done_secs = once ? 0 : 60;
	u.b = grid_top_new(u.st, &bo);
	grid_top_view_init(&u.v, grid, by, delay);
	if (once) {
		grid_top_load(u.b, grid, by, clk_live(), &u.f);
		if (grid_top_print(&u.f, panel, cm.mode, cm.outflags, stdout))
			rc = EXIT_PARTIAL;
	} else {
		start();
		run(&u, delay);
		restore();
	}
	grid_top_frame_free(&u.f);
	history_free(&u.h);
	grid_top_view_free(&u.v);
	grid_top_free(u.b);
	store_close(u.st);
	free(grid);
	sb_free(&why);
	if (stopped) {
		signal(stopped, SIG_DFL);
		raise(stopped);
	}
	if (fshut(stdout, "stdout"))
		rc = EXIT_PARTIAL;
	return rc;
}
