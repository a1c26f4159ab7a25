/*
 * fixture.h - a small store for the unit tests of the modules that read
 * and write one: a county of two townships, four villages, cadres,
 * households, levels and rules, made with plain SQL in a temporary file.
 */
#ifndef GK_FIXTURE_H
#define GK_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "store.h"

static char fixture_path[64];

static void
fixture_done(void)
{
	char p[80];

	unlink(fixture_path);
	snprintf(p, sizeof p, "%s-wal", fixture_path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", fixture_path);
	unlink(p);
}

static struct store *
fixture_store(void)
{
	struct store *st;
	int from, to, fd;

	snprintf(fixture_path, sizeof fixture_path, "/tmp/gk-unit-XXXXXX");
	fd = mkstemp(fixture_path);
	close(fd);
	unlink(fixture_path);
	atexit(fixture_done);
	setenv("TZ", "CST-8", 1);
	setenv("GRID_NOW", "2013-07-01 09:00", 1);
	st = store_create(fixture_path, &from, &to);
	store_exec(st,
	    "INSERT INTO levels VALUES (0, '联系干部', 72), (1, '县', 480),"
	    " (2, '乡镇', 240), (3, '村', 120);"
	    "INSERT INTO units (code, name) VALUES ('U01', '城管局'),"
	    " ('U02', '民政局');"
	    "INSERT INTO grids (code, name, parent, leader, depth, path)"
	    " VALUES"
	    " ('C', '清河县', NULL, 'K1', 1, '/C/'),"
	    " ('T1', '城关镇', 'C', 'K2', 2, '/C/T1/'),"
	    " ('T2', '新城镇', 'C', NULL, 2, '/C/T2/'),"
	    " ('V11', '东关村', 'T1', 'K3', 3, '/C/T1/V11/'),"
	    " ('V12', '西关村', 'T1', NULL, 3, '/C/T1/V12/'),"
	    " ('V21', '南村', 'T2', NULL, 3, '/C/T2/V21/'),"
	    " ('V2', '北村', 'T2', NULL, 3, '/C/T2/V2/');"
	    "INSERT INTO cadres VALUES"
	    " ('K1', '王建国', 'U01', 'C', NULL, 'active'),"
	    " ('K2', '李明', 'U02', 'T1', NULL, 'active'),"
	    " ('K3', '张伟', 'U02', 'V11', NULL, 'active'),"
	    " ('K4', '陈静', 'U01', 'V11', NULL, 'left');"
	    "INSERT INTO households (code, head, grid) VALUES"
	    " ('H1', '张三', 'V11'), ('H2', '李四', 'V11'),"
	    " ('H3', '王五', 'V12');"
	    "INSERT INTO pairs (household, cadre, started_at) VALUES"
	    " ('H1', 'K3', 1370000000), ('H3', 'K4', 1370000000);"
	    "INSERT INTO rules (\"order\", category, pattern, unit, assist,"
	    " hours) VALUES"
	    " (10, NULL, '占道|摊贩', 'U01', 'U02', 8),"
	    " (20, '低保', NULL, 'U02', NULL, 24),"
	    " (30, '低保', '急', 'U01', NULL, 4),"
	    " (40, '市容', '垃圾', 'U01', NULL, 5);");
	return st;
}

#endif
