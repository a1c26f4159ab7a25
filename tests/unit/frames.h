/*
 * frames.h - frames of a county made by hand, for the unit tests of the
 * board's layout (screen.c) and keys (view.c): no store is needed.
 */
#ifndef GK_TEST_FRAMES_H
#define GK_TEST_FRAMES_H

#include <stdio.h>
#include <string.h>

#include "grid_top.h"
#include "util.h"

#define T0 1388973600 /* 2014-01-06 10:00:00 +08:00 */

static char *
dup(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static const char *const levels[] = { "联系干部", "县", "乡镇", "工作片",
	"村" };
static const char *const villages[] = { "光西花园社区", "北杏社区",
	"程家沟村", "大许屯村", "东关村" };
static const char *const units[][2] = { { "U03", "城管局" },
	{ "U05", "公安局" }, { "U04", "市场监管局" } };

/* a frame of a county: five rungs, n overdue issues, m events, 3 units */
static void
county(struct grid_top_frame *f, size_t n, size_t m)
{
	size_t i;
	int k;

	memset(f, 0, sizeof *f);
	f->now = T0;
	f->grid = dup("371399");
	f->grid_name = dup("清河县");
	f->by = GRID_TOP_LEVEL;
	f->ncount = 5;
	f->count = xcalloc(5, sizeof *f->count);
	for (i = 0; i < 5; i++) {
		char key[4];

		snprintf(key, sizeof key, "%zu", i);
		f->count[i].key = dup(key);
		f->count[i].name = dup(levels[i]);
		for (k = 0; k < GRID_TOP_NSTATUS; k++) {
			f->count[i].n[k] = (long)(i * 10 + (size_t)k);
			f->total.n[k] += f->count[i].n[k];
		}
		f->count[i].overdue = (long)i;
		f->total.overdue += (long)i;
	}
	f->noverdue = n;
	f->overdue = xcalloc(n + 1, sizeof *f->overdue);
	for (i = 0; i < n; i++) {
		struct grid_top_issue *r = &f->overdue[i];

		r->id = (int64_t)(100 + i);
		r->due_at = T0 - 3600 * (int64_t)(n - i);
		r->hours_over = (double)(n - i) + 0.5;
		r->rung = 4;
		r->level = dup("村");
		r->grid = dup("37139900101001");
		r->grid_name = dup(villages[i % 5]);
		r->unit = dup(units[i % 3][0]);
		r->unit_name = dup(units[i % 3][1]);
		r->category = dup("市容环境");
		r->text = dup(i == 1 ? NULL : "光西花园社区北门的生活垃圾堆了"
		    "8天没有清运，气味很大，请尽快派人来看看");
		r->private = i == 1;
	}
	f->nlatest = m;
	f->latest = xcalloc(m + 1, sizeof *f->latest);
	for (i = 0; i < m; i++) {
		struct grid_top_event *r = &f->latest[i];

		r->id = (int64_t)(900 - i);
		r->issue = (int64_t)(300 - i);
		r->at = T0 - 60 * (int64_t)i - (i >= 3 ? 86400 : 0);
		r->kind = dup(i % 2 ? "routed" : "filed");
		r->status = dup(i % 2 ? "routed" : "open");
		r->grid = dup("37139910001204");
		r->grid_name = dup(villages[(i + 2) % 5]);
		r->unit = dup(i % 2 ? "U05" : NULL);
		r->unit_name = dup(i % 2 ? "公安局" : NULL);
		r->category = dup("治安");
		r->text = dup("程家沟村村口有人聚众赌博，希望给个答复");
	}
	f->nunit = 3;
	f->unit = xcalloc(3, sizeof *f->unit);
	for (i = 0; i < 3; i++) {
		f->unit[i].code = dup(units[i][0]);
		f->unit[i].name = dup(units[i][1]);
		f->unit[i].open = (long)(30 - 10 * i);
		f->unit[i].overdue = (long)(3 - i);
	}
}

#endif
