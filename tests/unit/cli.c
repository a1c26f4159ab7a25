/* unit tests of lib/cli.c: keys from operands or stdin, shared options */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "tap.h"

static char *
all_keys(int argc, char **argv)
{
	static char out[256];
	struct keys k;
	const char *s;

	out[0] = '\0';
	cli_keys_init(&k, argc, argv);
	while ((s = cli_keys_next(&k))) {
		strcat(out, s);
		strcat(out, " ");
	}
	cli_keys_free(&k);
	return out;
}

static void
stdin_from(const char *text)
{
	int fd[2];

	if (pipe(fd) != 0)
		return;
	if (write(fd[1], text, strlen(text)) < 0)
		return;
	close(fd[1]);
	dup2(fd[0], STDIN_FILENO);
	close(fd[0]);
	clearerr(stdin);
}

int
main(void)
{
	char *argv[] = { "12", "#13", NULL };
	struct common cm;

	is_str(all_keys(2, argv), "12 #13 ", "keys from the operands");
	stdin_from("1\n 2 \n\n3\textra\tcolumns\n");
	is_str(all_keys(0, argv), "1 2 3 ",
	    "from stdin: trimmed, blank lines skipped, the first field of TSV");
	stdin_from("id\tstatus\n4\topen\n5\trouted\n");
	is_str(all_keys(0, argv), "4 5 ", "the header row of -o tsv is skipped");
	stdin_from("code\nid\n");
	is_str(all_keys(0, argv), "id ", "only on the first line");

	cli_init(&cm);
	ok(cli_common(&cm, 'o', "csv") && cm.mode == OUT_CSV, "-o csv");
	ok(cli_common(&cm, 'q', NULL) && (cm.outflags & OUT_KEYS), "-q");
	ok(cli_common(&cm, CLI_ENCODING, "gbk") && strcmp(cm.encoding, "gbk") == 0,
	    "--encoding");
	ok(cli_common(&cm, CLI_FORMAT, "jsonl") && cm.format == REC_JSONL,
	    "--format");
	ok(!cli_common(&cm, 'z', NULL), "not a shared option");
	return done_testing();
}
