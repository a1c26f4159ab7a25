/* O_TMPFILE and linkat(2) through /proc are Linux's */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ofile.h"
#include "util.h"

struct ofile {
	char *path;
	char *tmp;      /* the temporary file's name; NULL while it has none */
	FILE *fp;
};

/* the temporary files that have a name, removed when the program exits
 * before they are complete (die) */
static struct ofile *pending[4];

static void
cleanup(void)
{
	size_t i;

	for (i = 0; i < sizeof pending / sizeof pending[0]; i++)
		if (pending[i] && pending[i]->tmp)
			unlink(pending[i]->tmp);
}

static void
track(struct ofile *of, int on)
{
	static int registered;
	size_t i;

	if (!registered && atexit(cleanup) == 0)
		registered = 1;
	for (i = 0; i < sizeof pending / sizeof pending[0]; i++) {
		if (on && !pending[i]) {
			pending[i] = of;
			return;
		}
		if (!on && pending[i] == of)
			pending[i] = NULL;
	}
}

/* the folder of path, and a template for a name in it */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

static char *
tmp_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	struct sbuf b = { 0 };

	if (slash)
		sb_printf(&b, "%.*s.%s.XXXXXX", (int)(slash + 1 - path), path,
		    slash + 1);
	else
		sb_printf(&b, ".%s.XXXXXX", path);
	return b.s;
}

static void
refuse_inputs(const char *path, const char *opt, const char *const *inputs,
    int ninputs)
{
	struct stat out, in;
	int i, r;

	if (lstat(path, &out) != 0) {
		if (errno == ENOENT)
			return;
		die(EXIT_USAGE, "cannot write %s '%s':", opt, path);
	}
	if (S_ISLNK(out.st_mode))
		die(EXIT_USAGE, "%s '%s' is a symbolic link: not writing "
		    "through it; name the file itself", opt, path);
	if (S_ISDIR(out.st_mode))
		die(EXIT_USAGE, "%s '%s' is a directory", opt, path);
	/* replaced by rename(), a file we may not write would be lost all
	 * the same: refuse it as writing to it would fail */
	if (access(path, W_OK) != 0)
		die(EXIT_USAGE, "cannot write %s '%s':", opt, path);
	for (i = 0; i < ninputs; i++) {
		if (!inputs[i])
			continue;
		r = strcmp(inputs[i], "-") == 0 ? fstat(STDIN_FILENO, &in) :
		    stat(inputs[i], &in);
		if (r == 0 && in.st_dev == out.st_dev &&
		    in.st_ino == out.st_ino)
			die(EXIT_USAGE, "%s '%s' is the input '%s': not "
			    "writing over it; name another file", opt, path,
			    file_label(inputs[i]));
	}
}

struct ofile *
ofile_open(const char *path, const char *opt, const char *const *inputs,
    int ninputs)
{
	struct ofile *of = xcalloc(1, sizeof *of);
	char *dir;
	int fd = -1;

	refuse_inputs(path, opt, inputs, ninputs);
	of->path = xstrdup(path);
	dir = dir_of(path);
#ifdef O_TMPFILE
	fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
#endif
	if (fd < 0) {
		/* no unnamed files here: a named one, removed on exit */
		of->tmp = tmp_name(path);
		if ((fd = mkstemp(of->tmp)) < 0)
			die(EXIT_USAGE, "cannot write %s '%s':", opt, path);
		track(of, 1);
	}
	free(dir);
	if (!(of->fp = fdopen(fd, "w")))
		die(EXIT_USAGE, "cannot write %s '%s':", opt, path);
	return of;
}

FILE *
ofile_fp(struct ofile *of)
{
	return of->fp;
}

/* give the unnamed file a name beside its place */
static int
name_it(struct ofile *of)
{
	char proc[64];

	of->tmp = tmp_name(of->path);
	for (;;) {
		int fd = mkstemp(of->tmp);

		if (fd < 0)
			return -1;
		close(fd);
		unlink(of->tmp);
		snprintf(proc, sizeof proc, "/proc/self/fd/%d",
		    fileno(of->fp));
		if (linkat(AT_FDCWD, proc, AT_FDCWD, of->tmp,
		    AT_SYMLINK_FOLLOW) == 0)
			break;
		if (errno != EEXIST)
			return -1;
		strcpy(of->tmp + strlen(of->tmp) - 6, "XXXXXX");
	}
	track(of, 1);
	return 0;
}

int
ofile_close(struct ofile *of)
{
	int bad;

	bad = fflush(of->fp) == EOF || ferror(of->fp) ||
	    fsync(fileno(of->fp)) != 0;
	if (!bad && !of->tmp)
		bad = name_it(of) != 0;
	if (fclose(of->fp) == EOF)
		bad = 1;
	if (!bad && rename(of->tmp, of->path) != 0)
		bad = 1;
	if (bad) {
		warnf("cannot write '%s':", of->path);
		if (of->tmp)
			unlink(of->tmp);
	}
	track(of, 0);
	free(of->tmp);
	free(of->path);
	free(of);
	return bad ? -1 : 0;
}
