/*
 * cal.h - working time (doc/domain.md, "Working time"): deadlines in this field
 * count 8 working hours a day, Monday to Friday, minus public holidays,
 * plus the weekend days made into working days around them (调休).
 *
 * A calendar holds the dates imported with `grid-import calendar`.  When it
 * is empty, hours are plain hours.  When it holds any date, time counts only
 * inside the working window, 09:00-17:00 local time, of working days: a
 * weekday that is not a holiday, or a date marked `workday`.  The rule is
 * the same for every year, so a store whose calendar names only 2013 still
 * skips the weekends of 2014.
 */
#ifndef GK_CAL_H
#define GK_CAL_H

#include <stdint.h>

#define CAL_DAY_START (9 * 3600)  /* 09:00 */
#define CAL_DAY_HOURS 8           /* until 17:00 */

enum cal_kind { CAL_HOLIDAY = 1, CAL_WORKDAY = 2 };

struct cal;

struct cal *cal_new(void);
void cal_free(struct cal *c);
/* mark a date (y*10000 + m*100 + d); marking it again replaces the kind,
 * and a date that does not exist is ignored */
void cal_set(struct cal *c, int ymd, enum cal_kind kind);
/* 1 if the calendar holds any date, so deadlines count working time */
int cal_active(const struct cal *c);
/* 1 if the date is a working day */
int cal_workday(const struct cal *c, int ymd);
/* t plus hours, rounded to the second: plain hours for an empty calendar,
 * else working hours.  Counting starts at t if it is inside a working
 * window, else at the next window's 09:00; a deadline that uses a day's
 * last hour is 17:00 that day, not 09:00 the next.  A working day is 8
 * elapsed hours from 09:00 local, also on the day summer time starts or
 * ends.  With dates in the calendar, zero hours or fewer is t itself */
int64_t cal_add(const struct cal *c, int64_t t, double hours);
/* working hours between a and b (b > a), 0 if b <= a; plain hours for an
 * empty calendar: how far past its deadline an issue is */
double cal_hours(const struct cal *c, int64_t a, int64_t b);

#endif
