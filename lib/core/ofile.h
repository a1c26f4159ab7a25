/*
 * ofile.h - a file a program writes besides stdout (--rejects), done safely
 * and the same way everywhere, since it may hold residents' personal data
 * and is often named by hand, next to the input it came from:
 *
 *   - never one of the program's inputs: the device and inode of every input
 *     (the files read, stdin, the store) are compared before anything is
 *     read or written, and a match is a usage error (exit 2), so that
 *     `grid-import --rejects u.csv units u.csv` cannot wipe u.csv
 *   - never through a symbolic link: a link is refused, its target untouched
 *   - written whole or not at all: the rows go to a temporary file in the
 *     same folder, renamed over the name only when complete; a failed or
 *     killed run leaves an existing file as it was and no half file (the
 *     temporary file has no name until then, where the system allows it)
 *   - created 0600, readable by its owner only
 */
#ifndef GK_OFILE_H
#define GK_OFILE_H

#include <stdio.h>

struct ofile;

/* Check path against the inputs ("-" is stdin; NULL entries are skipped)
 * and open its temporary file; opt names the option in messages
 * ("--rejects").  Exits 2 when path is an input or a link, or cannot be
 * written. */
struct ofile *ofile_open(const char *path, const char *opt,
    const char *const *inputs, int ninputs);
/* where to write */
FILE *ofile_fp(struct ofile *of);
/* the file complete: put it in place under its name, free of; 0, or -1
 * (said on stderr) when it could not be written, the old file kept */
int ofile_close(struct ofile *of);

#endif
